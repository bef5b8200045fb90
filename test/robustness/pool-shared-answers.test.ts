/**
 * A worker pool's threads and the main thread tell each other what compromise said (engine/shared-answers.ts). A
 * real pool with one real worker thread: what the thread asks compromise reaches the other threads on the run's
 * channel, and the main thread stops listening when the pool closes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, expect, it } from 'vitest';
import { sharingAnswers } from '../../pipeline/engine/shared-answers.ts';
import { discoverInputs } from '../../pipeline/input/index.ts';
import { WorkerPool } from '../../pipeline/pool.ts';
import type { FileSettings, FileSink } from '../../pipeline/process-file.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pool-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a worker thread's compromise answers reach the other threads; the pool's close stops the sharing", async () => {
  // "confirmed" takes a clause or a noun phrase, so the thread asks compromise how its content reads.
  writeFileSync(path.join(dir, 'ferry.txt'), 'Officials of the Skarholt port authority confirmed the ferry would resume service on Monday.');
  const [entry] = await discoverInputs(dir);
  if (!entry) throw new Error('no input found');
  // A listener on the run's channel, as a third thread would be.
  const heard: unknown[] = [];
  const listener = new BroadcastChannel('who-said-what:compromise-answers');
  listener.onmessage = (event) => heard.push((event as { data?: unknown }).data);
  const settings: FileSettings = { maxBytes: 1_000_000, articleTimeoutMs: 10_000, keepExtension: false, articleText: false };
  const pool = new WorkerPool(1, undefined);
  expect(sharingAnswers()).toBe(true);
  try {
    await pool.start();
    const sink: FileSink = { record: () => undefined, begin: () => undefined, processed: () => undefined };
    await pool.processUnit({ kind: 'file', entry, last: true }, settings, sink);
    // Messages arrive on this thread's event loop.
    for (let turn = 0; turn < 50 && !heard.some((m) => Array.isArray(m) && m[0] === 'clause-reading'); turn++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toContainEqual(['clause-reading', expect.stringContaining('the ferry would resume service'), 'clause']);
  } finally {
    await pool.close();
    listener.close();
  }
  expect(sharingAnswers()).toBe(false);
}, 60_000);
