/**
 * A 5 MB article with 150,000 quotes once got two rows in articles.jsonl (ok, then error "Maximum call stack size
 * exceeded") and no quote records: the quotes were spread into one push() call after the ok row was taken.
 * Every article gets exactly one row, and its quotes are written.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runExtraction } from '../../pipeline/run.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'many-quotes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('an article with 150,000 quotes (3 MB) gets one ok row and all its quote records', async () => {
  const input = path.join(dir, 'in');
  mkdirSync(input);
  const quotes = 150_000;
  const paragraphs: string[] = [];
  // Bare quotations (no cue, no speaker) are the cheapest quotes to find; their number is what matters here.
  for (let i = 0; i < quotes; i += 10) paragraphs.push(Array.from({ length: 10 }, (_, j) => `"Quote number ${i + j}."`).join(' '));
  writeFileSync(path.join(input, 'big.txt'), `${paragraphs.join('\n')}\n`);
  const out = path.join(dir, 'out');
  const summary = await runExtraction({ input, out, maxBytes: 20 * 1024 * 1024, concurrency: 1, workers: 0, articleTimeoutMs: 600_000 });

  const articles = readFileSync(path.join(out, 'articles.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { status: string; quotes: number });
  expect(articles.map((a) => [a.status, a.quotes])).toEqual([['ok', quotes]]);
  let written = 0;
  for (const line of readFileSync(path.join(out, 'quotes.jsonl'), 'utf8').split('\n')) if (line) written++;
  expect(written).toBe(quotes);
  expect(summary.counts).toMatchObject({ articles: 1, ok: 1, failed: 0, quotes });
}, 120_000);
