/**
 * A file whose processing times out before any of its articles began gets the same article id as when it is
 * processed (issue: the pool used the path with its extension). Real files, a real worker thread that hangs.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WorkerPool } from '../../pipeline/pool.ts';
import { processUnit, type FileSettings, type FileSink } from '../../pipeline/process-file.ts';
import type { ArticleRecord } from '../../pipeline/records.ts';
import { collidingStems } from '../../pipeline/run.ts';
import { discoverInputs, stripExtension } from '../../pipeline/input/index.ts';
import type { WorkUnit } from '../../pipeline/input/feed.ts';
import { pipeline } from '../helpers.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collector(): { rows: ArticleRecord[]; sink: FileSink } {
  const rows: ArticleRecord[] = [];
  return { rows, sink: { record: (row) => rows.push(row), begin: () => undefined, processed: (_, row) => rows.push(row) } };
}

it('a file that times out while being read keeps the id it has when processed (with and without its extension)', async () => {
  // story.txt alone: id `story`; notes.txt and notes.md collide: ids keep their extension.
  writeFileSync(path.join(dir, 'story.txt'), '“We are ready,” Mayor Ann Lee said.');
  writeFileSync(path.join(dir, 'notes.txt'), 'Notes in text.');
  writeFileSync(path.join(dir, 'notes.md'), 'Notes in Markdown.');
  const entries = await discoverInputs(dir);
  const colliding = collidingStems(entries);
  const settingsFor = (relativePath: string): FileSettings => ({ maxBytes: 1_000_000, articleTimeoutMs: 1, keepExtension: colliding.has(stripExtension(relativePath)), articleText: false });
  const units: WorkUnit[] = entries.map((entry) => ({ kind: 'file', entry, last: true }));

  const processed = new Map<string, string[]>();
  for (const unit of units) {
    const { rows, sink } = collector();
    await processUnit(pipeline, unit, { ...settingsFor(unit.entry.relativePath), articleTimeoutMs: 60_000 }, sink);
    processed.set(unit.entry.relativePath, rows.map((r) => r.article_id));
  }
  expect(Object.fromEntries(processed)).toEqual({ 'notes.md': ['notes.md'], 'notes.txt': ['notes.txt'], 'story.txt': ['story'] });

  const pool = new WorkerPool(3, undefined, new URL('./hanging-worker.mjs', import.meta.url));
  await pool.start();
  try {
    const timedOut = await Promise.all(units.map(async (unit) => {
      const { rows, sink } = collector();
      await pool.processUnit(unit, settingsFor(unit.entry.relativePath), sink);
      return [unit.entry.relativePath, rows] as const;
    }));
    for (const [relativePath, rows] of timedOut) {
      expect(rows.map((r) => r.status)).toEqual(['timeout']);
      expect(rows.map((r) => r.article_id)).toEqual(processed.get(relativePath));
    }
  } finally {
    await pool.close();
  }
}, 30_000);
