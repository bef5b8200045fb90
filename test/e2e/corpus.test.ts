/**
 * The sample corpus end to end: the reviewed golden output in test/golden (compared through the metric),
 * and the accuracy floor against the gold annotations in test/fixtures/seeds.jsonl.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, GoldDocument } from '../../pipeline/evaluate.ts';
import { readJsonLines, readRecords } from '../../pipeline/schema/read.ts';
import { runExtraction, type RunSummary } from '../../pipeline/run.ts';
import { checkOutput } from '../output-check.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(path.join(tmpdir(), 'qa-e2e-'));
let summary: RunSummary;


beforeAll(async () => {
  summary = await runExtraction({ input: path.join(root, 'corpus'), out, maxBytes: 20 * 1024 * 1024, concurrency: 4, workers: 0, articleTimeoutMs: 30_000 });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('sample corpus', () => {
  it('writes records that match the output schema, and files that fit together', async () => {
    const output = await checkOutput(out);
    expect(output.quotes.length).toBeGreaterThan(40);
    // Peskov is one speaker across the five articles: one id, one line.
    const peskov = output.speakers.filter((s) => s.name === 'Dmitry Peskov');
    expect(peskov).toHaveLength(1);
    expect(peskov[0]?.articles).toHaveLength(5);
  });

  it('accounts for every file', () => {
    expect(summary.counts).toMatchObject({ files: 5, articles: 5, ok: 5, failed: 0, skipped: 0 });
    const articles = readRecords(path.join(out, 'articles.jsonl'), 'articles');
    expect(articles.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  // The reviewed output in test/golden, compared through the metric rather than field by field: a change of
  // confidence or utterance numbering passes, a lost, moved or re-attributed quote does not.
  it('agrees with the reviewed golden output', () => {
    // The golden files are records of the output schema too: reading them checks that they are.
    const golden = readRecords(path.join(root, 'test/golden/quotes.jsonl'), 'quotes');
    const byArticle = new Map<string, GoldDocument>();
    for (const q of golden) {
      const doc = byArticle.get(q.article_id) ?? { id: q.article_id, quotes: [] };
      doc.quotes.push({ start: q.start, end: q.end, text: q.text, kind: q.kind, speaker: q.speaker });
      byArticle.set(q.article_id, doc);
    }
    const predicted = readRecords(path.join(out, 'quotes.jsonl'), 'quotes');
    const result = evaluate([...byArticle.values()], predicted);
    expect(result.end_to_end.f1).toBeGreaterThanOrEqual(0.95);
    const articles = readRecords(path.join(out, 'articles.jsonl'), 'articles');
    const goldenArticles = readRecords(path.join(root, 'test/golden/articles.jsonl'), 'articles');
    expect(readRecords(path.join(root, 'test/golden/speakers.jsonl'), 'speakers').map((s) => s.speaker_id).sort())
      .toEqual(readRecords(path.join(out, 'speakers.jsonl'), 'speakers').map((s) => s.speaker_id).sort());
    expect(articles.map((a) => [a.article_id, a.title, a.date])).toEqual(goldenArticles.map((a) => [a.article_id, a.title, a.date]));
  });

  it('reaches end-to-end F1 ≥ 0.97 against the gold annotations', () => {
    const gold = readJsonLines(path.join(root, 'test/fixtures/seeds.jsonl'), GoldDocument);
    const predicted = readRecords(path.join(out, 'quotes.jsonl'), 'quotes');
    const result = evaluate(gold, predicted);
    expect(result.gold).toBe(54);
    expect(result.end_to_end.f1).toBeGreaterThanOrEqual(0.97);
  });

  // Reads ../shared (beside the project) on purpose: the independent scorer. Absent in a plain clone, so skipped there.
  const scorer = path.join(root, '..', 'shared', 'tools', 'score.mjs');
  it.skipIf(!existsSync(scorer))('the independent scorer in ../shared agrees (F1 ≥ 0.90)', () => {
    const json = execFileSync(process.execPath, [scorer, path.join(root, 'test/fixtures/seeds.jsonl'), path.join(out, 'quotes.jsonl'), '--json'], { encoding: 'utf8' });
    const result = JSON.parse(json) as { end_to_end: { f1: number } };
    expect(result.end_to_end.f1).toBeGreaterThanOrEqual(0.9);
  });
});
