/**
 * The pool sends units to its threads in groups (one task, one answer per group). When a group's thread has to be
 * stopped (one of its files blocks it), the other units of the group must come out exactly as if nothing happened:
 * each runs again on its own, and only the blocking file is reported as timed out. Real files, a real worker thread
 * (the real task, with one file that blocks it for good).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WorkerPool } from '../../pipeline/pool.ts';
import type { FileSettings, FileSink } from '../../pipeline/process-file.ts';
import type { ArticleRecord } from '../../pipeline/records.ts';
import { discoverInputs } from '../../pipeline/input/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('units grouped with a file that blocks its thread still come out ok; the blocking file times out', async () => {
  // With one thread, a-first.txt goes alone; the three after it wait and then go as one group.
  writeFileSync(path.join(dir, 'a-first.txt'), '“The bridge reopens on Friday,” city engineer Tova Rask said.');
  writeFileSync(path.join(dir, 'b-before.txt'), 'Mayor Lio Brandt said the budget would pass.');
  writeFileSync(path.join(dir, 'stuck-middle.txt'), 'Whatever is here is never read.');
  writeFileSync(path.join(dir, 'z-after.txt'), '“The ferry will run again on Monday,” harbour master Ilse Varga said.');
  const entries = (await discoverInputs(dir)).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  expect(entries.map((e) => e.relativePath)).toEqual(['a-first.txt', 'b-before.txt', 'stuck-middle.txt', 'z-after.txt']);
  // The blocking file is stopped from outside, 2 s after its budget.
  const settings: FileSettings = { maxBytes: 1_000_000, articleTimeoutMs: 2_000, keepExtension: false, articleText: false };
  const pool = new WorkerPool(1, undefined, new URL('./stuck-first-worker.mjs', import.meta.url));
  await pool.start();
  try {
    const rows = await Promise.all(entries.map(async (entry) => {
      const found: ArticleRecord[] = [];
      const sink: FileSink = { record: (row) => found.push(row), begin: () => undefined, processed: (_, row) => found.push(row) };
      await pool.processUnit({ kind: 'file', entry, last: true }, settings, sink);
      return found.map((r) => [r.article_id, r.status]);
    }));
    expect(rows).toEqual([[['a-first', 'ok']], [['b-before', 'ok']], [['stuck-middle', 'timeout']], [['z-after', 'ok']]]);
  } finally {
    await pool.close();
  }
}, 60_000);
