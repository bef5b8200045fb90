/**
 * With worker threads, the run has one compromise: the threads ask the main thread's helper (engine/compromise.ts)
 * on channels of their own instead of loading their own copies. A real pool with one real worker thread: its
 * questions are answered by the helper, and its rows are what a thread with its own compromise gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startCompromiseHelper, stopHelper } from '../../pipeline/engine/compromise.ts';
import { discoverInputs } from '../../pipeline/input/index.ts';
import { WorkerPool } from '../../pipeline/pool.ts';
import type { FileSettings, FileSink } from '../../pipeline/process-file.ts';
import type { ArticleRecord, QuoteRecord } from '../../pipeline/records.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runOnce(): Promise<{ rows: Array<[ArticleRecord, unknown]>; helperAnswers: number }> {
  const entries = (await discoverInputs(dir)).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  const settings: FileSettings = { maxBytes: 1_000_000, articleTimeoutMs: 10_000, keepExtension: false, articleText: false };
  const pool = new WorkerPool(1, undefined);
  const rows: Array<[ArticleRecord, unknown]> = [];
  try {
    await pool.start();
    for (const entry of entries) {
      const sink: FileSink = { record: (row) => rows.push([row, null]), begin: () => undefined, processed: (_, row, quotes: QuoteRecord[] | unknown) => rows.push([row, quotes]) };
      await pool.processUnit({ kind: 'file', entry, last: true }, settings, sink);
    }
    return { rows, helperAnswers: pool.helperAnswers() };
  } finally {
    await pool.close();
  }
}

it("a worker thread asks the run's compromise helper, and its rows are what its own compromise gives", async () => {
  // Speech cues whose content is read by compromise (a clause, or a noun phrase), and names it has not seen.
  writeFileSync(path.join(dir, 'a-ferry.txt'), 'Officials of the Skarholt port authority confirmed the ferry would resume service on Monday.');
  writeFileSync(path.join(dir, 'b-lamps.txt'), 'Warden Ilvy Dusmark said the lamps along the Quenby towpath were replaced last week.');
  startCompromiseHelper();
  let shared: Awaited<ReturnType<typeof runOnce>>;
  try {
    shared = await runOnce();
  } finally {
    stopHelper();
  }
  expect(shared.helperAnswers).toBeGreaterThan(0);
  // Without a helper in this thread the worker thread loads compromise itself.
  const own = await runOnce();
  expect(own.helperAnswers).toBe(0);
  expect(shared.rows).toStrictEqual(own.rows);
  expect(own.rows.filter(([row]) => row.status === 'ok').length).toBe(2);
}, 60_000);
