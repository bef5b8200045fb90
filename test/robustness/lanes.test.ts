/**
 * A run with a worker thread and the main thread working beside it (run/lanes.ts) writes what a run in one thread
 * writes, in the same order: enough files that both take some (the pool holds two groups per thread at most).
 * A real worker thread; invented articles.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runExtraction } from '../../pipeline/run.ts';
import { reserveFor } from '../../pipeline/run/lanes.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lanes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = [['Orla', 'Quist'], ['Teodor', 'Malk'], ['Imke', 'Sorensby'], ['Kwame', 'Adjei-Hart'], ['Livia', 'Brenn']] as const;
const PLACES = ['the harbour board', 'Velmar council', 'the rail authority', 'Dunholt University'] as const;

function story(k: number): string {
  const [first, last] = NAMES[k % NAMES.length] ?? NAMES[0];
  const place = PLACES[k % PLACES.length] ?? PLACES[0];
  return [
    `Budget row at ${place}, day ${k}`,
    `“We will not cut the night buses,” ${first} ${last}, a spokesperson for ${place}, said on Tuesday.`,
    `${last} added that the plan had been costed twice. According to ${place}, ${10 + (k % 40)} jobs are at risk.`,
    k % 3 === 0 ? 'The weather stayed mild all week.' : `Critics said the figures were “optimistic at best”, and ${last} declined to comment further.`,
  ].join('\n\n');
}

it('the main thread and a worker thread together write what one thread writes', async () => {
  const input = path.join(dir, 'in');
  mkdirSync(input);
  const files = reserveFor(1) * 6;
  for (let k = 0; k < files; k++) writeFileSync(path.join(input, `${String(k).padStart(3, '0')}.txt`), story(k));
  const options = { input, maxBytes: 1_000_000, concurrency: 8, articleTimeoutMs: 10_000 };
  const alone = await runExtraction({ ...options, out: path.join(dir, 'alone'), workers: 0 });
  const beside = await runExtraction({ ...options, out: path.join(dir, 'beside'), workers: 1 });
  expect(beside.options.workers).toBe(1);
  expect(beside.counts).toEqual(alone.counts);
  expect(alone.counts.ok).toBe(files);
  for (const name of ['articles.jsonl', 'quotes.jsonl', 'speakers.jsonl']) {
    expect(readFileSync(path.join(dir, 'beside', name), 'utf8'), name).toBe(readFileSync(path.join(dir, 'alone', name), 'utf8'));
  }
  expect(alone.counts.quotes).toBeGreaterThan(files);
}, 120_000);
