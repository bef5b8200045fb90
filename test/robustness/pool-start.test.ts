/**
 * The pool starts its threads while the main thread loads its own pipeline and then works (run.ts): units given
 * during the start wait in the queue, where the main lane may take them, and go to the threads once all are ready;
 * a thread that cannot load fails every unit, queued or to come, instead of leaving them waiting. Real worker threads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { discoverInputs } from '../../pipeline/input/index.ts';
import { WorkerPool } from '../../pipeline/pool.ts';
import type { FileSettings, FileSink } from '../../pipeline/process-file.ts';
import type { ArticleRecord } from '../../pipeline/records.ts';
import type { InputEntry } from '../../pipeline/input/types.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const settings: FileSettings = { maxBytes: 1_000_000, articleTimeoutMs: 10_000, keepExtension: false, articleText: false };

async function inputs(): Promise<InputEntry[]> {
  writeFileSync(path.join(dir, 'a-quay.txt'), '“The quay reopens in May,” harbour officer Pell Andrik said.');
  writeFileSync(path.join(dir, 'b-tram.txt'), 'Transport minister Oda Lestrel said the tram line would be finished next year.');
  writeFileSync(path.join(dir, 'c-dam.txt'), '“The dam holds,” engineer Sela Voss said.');
  return (await discoverInputs(dir)).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

function collect(found: ArticleRecord[]): FileSink {
  return { record: (row) => found.push(row), begin: () => undefined, processed: (_, row) => found.push(row) };
}

it('units given while the threads load wait in the queue, and the threads take them once ready', async () => {
  const entries = await inputs();
  const pool = new WorkerPool(1, undefined);
  const starting = pool.start();
  try {
    const found: ArticleRecord[][] = entries.map(() => []);
    const done = entries.map((entry, k) => pool.processUnit({ kind: 'file', entry, last: true }, settings, collect(found[k] as ArticleRecord[])));
    // Still loading: all three wait in the queue, and the main lane may take the oldest beyond a reserve.
    const taken = pool.takeQueued(2);
    expect(taken?.unit.kind === 'file' && taken.unit.entry.relativePath).toBe('a-quay.txt');
    taken?.resolve();
    await starting;
    await Promise.all(done);
    expect(found.map((rows) => rows.map((row) => [row.article_id, row.status]))).toEqual([[], [['b-tram', 'ok']], [['c-dam', 'ok']]]);
    expect((found[1]?.[0]?.quotes ?? 0) + (found[2]?.[0]?.quotes ?? 0)).toBeGreaterThan(0);
  } finally {
    await pool.close();
  }
}, 60_000);

it('a thread that cannot load fails the units queued for it and every unit after, with its error', async () => {
  const [entry] = await inputs();
  if (!entry) throw new Error('no input found');
  const pool = new WorkerPool(1, undefined, new URL('./broken-start-worker.mjs', import.meta.url));
  try {
    const starting = pool.start();
    const queued = pool.processUnit({ kind: 'file', entry, last: true }, settings, collect([]));
    await expect(starting).rejects.toThrow('cannot load its pipeline');
    await expect(queued).rejects.toThrow('cannot load its pipeline');
    await expect(pool.processUnit({ kind: 'file', entry, last: true }, settings, collect([]))).rejects.toThrow('cannot load its pipeline');
  } finally {
    await pool.close();
  }
}, 60_000);
