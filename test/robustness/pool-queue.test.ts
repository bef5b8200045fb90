/**
 * The pool sends units to its threads in groups (one task, one answer per group). When a group's thread has to be
 * stopped (one of its files blocks it), the other units of the group must come out exactly as if nothing happened:
 * each runs again on its own, and only the blocking file is reported as timed out. Real files, a real worker thread
 * (the real task, with one file that blocks it for good).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WorkerPool } from '../../pipeline/pool.ts';
import type { FileSettings, FileSink } from '../../pipeline/process-file.ts';
import type { ArticleRecord } from '../../pipeline/records.ts';
import { discoverInputs } from '../../pipeline/input/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder of `dir` holding these files (name → text). */
function folderWith(name: string, files: Record<string, string>): string {
  const folder = path.join(dir, name);
  mkdirSync(folder);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(folder, file), text);
  return folder;
}

/**
 * Each file of `folder` (in name order, one unit each, given at once) through a pool of one thread whose task blocks
 * for good on a file named stuck-*.txt, stopped from outside 2 s after its 2 s budget: [article id, status] rows.
 */
async function statusesThroughStuckWorker(folder: string): Promise<Array<[string, string]>> {
  const entries = (await discoverInputs(folder)).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  const settings: FileSettings = { maxBytes: 1_000_000, articleTimeoutMs: 2_000, keepExtension: false, articleText: false };
  const pool = new WorkerPool(1, undefined, new URL('./stuck-first-worker.mjs', import.meta.url));
  await pool.start();
  try {
    const rows = await Promise.all(entries.map(async (entry) => {
      const found: ArticleRecord[] = [];
      const sink: FileSink = { record: (row) => found.push(row), begin: () => undefined, processed: (_, row) => found.push(row) };
      await pool.processUnit({ kind: 'file', entry, last: true }, settings, sink);
      return found.map((r): [string, string] => [r.article_id, r.status]);
    }));
    return rows.flat();
  } finally {
    await pool.close();
  }
}

it('units grouped with a file that blocks its thread still come out ok; the blocking file times out', async () => {
  // With one thread holding two tasks, a-first.txt and b-before.txt go alone; the two after them wait and then go
  // as one group.
  const sub = folderWith('grouped', {
    'a-first.txt': '“The bridge reopens on Friday,” city engineer Tova Rask said.',
    'b-before.txt': 'Mayor Lio Brandt said the budget would pass.',
    'stuck-middle.txt': 'Whatever is here is never read.',
    'z-after.txt': '“The ferry will run again on Monday,” harbour master Ilse Varga said.',
  });
  expect(await statusesThroughStuckWorker(sub)).toEqual([['a-first', 'ok'], ['b-before', 'ok'], ['stuck-middle', 'timeout'], ['z-after', 'ok']]);
}, 60_000);

it('a task held behind a stuck one on the same thread: its units run again and come out ok, not timed out', async () => {
  // A thread holds two tasks (TASKS_PER_THREAD): the stuck file goes alone, the next file waits behind it in the
  // same thread, and the two after it wait here. Stopping the thread fails the waiting task too; its file must run
  // again, and its own budget must not have run while it waited (the stuck file takes 2 s + 2 s of grace).
  const sub = folderWith('held-behind', {
    'stuck-first.txt': 'Whatever is here is never read.',
    'u-held.txt': '“The pier is safe,” coastguard officer Mae Dorrin said.',
    'v-queued.txt': 'Inspector Pell Harrow said the lights would stay on.',
    'w-queued.txt': '“We open at nine,” librarian Oda Fenwick said.',
  });
  expect(await statusesThroughStuckWorker(sub)).toEqual([['stuck-first', 'timeout'], ['u-held', 'ok'], ['v-queued', 'ok'], ['w-queued', 'ok']]);
}, 60_000);

it('a unit the thread finished while the main thread was busy past the budget is ok, not timed out', async () => {
  // With the main lane (run/lanes.ts) the main thread may spend longer than the budget on an article of its own;
  // the watchdog's timer then runs before the thread's answer is read, and must not take a finished task for stuck.
  const sub = path.join(dir, 'busy-main');
  mkdirSync(sub);
  writeFileSync(path.join(sub, 'quick.txt'), '“The tram depot stays open,” transport officer Runa Tesk said.');
  const [entry] = await discoverInputs(sub);
  if (!entry) throw new Error('no input found');
  const settings: FileSettings = { maxBytes: 1_000_000, articleTimeoutMs: 1_000, keepExtension: false, articleText: false };
  const pool = new WorkerPool(1, undefined);
  await pool.start();
  try {
    const found: ArticleRecord[] = [];
    const sink: FileSink = { record: (row) => found.push(row), begin: () => undefined, processed: (_, row) => found.push(row) };
    const done = pool.processUnit({ kind: 'file', entry, last: true }, settings, sink);
    // Busy past the budget and its grace (1 s + 2 s), as a slow article in this thread would be, and in an
    // event-loop turn of its own as the main lane's units run: timers come next, before the thread's answer is read.
    await new Promise<void>((resolve) => setImmediate(() => {
      const until = Date.now() + 3_600;
      while (Date.now() < until) { /* the main thread's own article */ }
      resolve();
    }));
    await done;
    expect(found.map((r) => [r.article_id, r.status])).toEqual([['quick', 'ok']]);
  } finally {
    await pool.close();
  }
}, 60_000);
