/** The main thread as a lane beside the worker threads (pipeline/run/lanes.ts): which unit goes where, and when. */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../pipeline/input/feed.ts';
import { autoWorkers, UNITS_PER_TASK } from '../../pipeline/pool.ts';
import { reserveFor, unitsInFlight, withMainLane, type PoolLane, type QueuedUnit } from '../../pipeline/run/lanes.ts';
import type { FileSettings, FileSink } from '../../pipeline/unit-rows.ts';

const settings: FileSettings = { maxBytes: 1_000, articleTimeoutMs: 1_000, keepExtension: false, articleText: false };
const sink: FileSink = { record: () => undefined, begin: () => undefined, processed: () => undefined };
const unit = (k: number): WorkUnit => ({ kind: 'file', entry: { path: `/in/${k}.txt`, relativePath: `${k}.txt` }, last: true }) as WorkUnit;
const nameOf = (queued: QueuedUnit): string => queued.unit.entry.relativePath;
/** Resolves after `turns` turns of the event loop. */
const turns = async (count: number): Promise<void> => { for (let k = 0; k < count; k++) await new Promise((resolve) => setImmediate(resolve)); };

/** A pool whose threads are busy: units wait in its queue until `threadTakes` hands a group to a thread. */
interface QueuePool extends PoolLane { queue: QueuedUnit[]; threadTakes: () => string[] }
function queuePool(size: number): QueuePool {
  const pool: QueuePool = {
    size,
    queue: [],
    processUnit: (given) => new Promise<void>((resolve, reject) => { pool.queue.push({ unit: given, settings, sink, resolve, reject }); }),
    takeQueued: (reserve) => (pool.queue.length > reserve ? pool.queue.shift() : undefined),
    threadTakes: () => pool.queue.splice(0, UNITS_PER_TASK).map((queued) => { queued.resolve(); return nameOf(queued); }),
  };
  return pool;
}

describe('withMainLane', () => {
  it('leaves each thread a group in the queue and takes the oldest units beyond that itself', async () => {
    const pool = queuePool(2);
    const reserve = reserveFor(2);
    expect(reserve).toBe(2 * UNITS_PER_TASK);
    const here: string[] = [];
    const processUnit = withMainLane(pool, async (given) => { here.push(given.entry.relativePath); });
    const all = Array.from({ length: reserve + 5 }, (_, k) => processUnit(unit(k), settings, sink));
    // The main thread's units settle their promises; the queued ones wait for a thread.
    await Promise.all(all.slice(0, 5));
    expect(here).toEqual(['0.txt', '1.txt', '2.txt', '3.txt', '4.txt']);
    await turns(3);
    expect(pool.queue.map(nameOf)).toEqual(Array.from({ length: reserve }, (_, k) => `${k + 5}.txt`));
    // A thread takes its group: the queue is at the reserve or under it, so this thread waits for more units.
    expect(pool.threadTakes()).toEqual(Array.from({ length: UNITS_PER_TASK }, (_, k) => `${k + 5}.txt`));
    await turns(3);
    expect(here).toHaveLength(5);
    // More units come: what is beyond the reserve is this thread's again, the oldest first.
    const more = Array.from({ length: UNITS_PER_TASK + 2 }, (_, k) => processUnit(unit(100 + k), settings, sink));
    await turns(6);
    expect(here.slice(5)).toEqual([`${5 + UNITS_PER_TASK}.txt`, `${6 + UNITS_PER_TASK}.txt`]);
    while (pool.queue.length > 0) pool.threadTakes();
    await Promise.all([...all, ...more]);
  });

  it('reads a thread\'s message that came in while it processed a unit before it takes the next', async () => {
    const pool = queuePool(1);
    const order: string[] = [];
    const { port1, port2 } = new MessageChannel();
    port2.on('message', (text: string) => order.push(text));
    const processUnit = withMainLane(pool, async (given) => {
      order.push(`unit ${given.entry.relativePath}`);
      if (given.entry.relativePath === '0.txt') port1.postMessage('answer from a thread');
    });
    const given = Array.from({ length: reserveFor(1) + 2 }, (_, k) => processUnit(unit(k), settings, sink));
    await Promise.all(given.slice(0, 2));
    expect(order).toEqual(['unit 0.txt', 'answer from a thread', 'unit 1.txt']);
    port1.close();
    pool.threadTakes();
    await Promise.all(given);
  });

  it('takes its units one per event-loop turn, so what came in meanwhile is read between them', async () => {
    const pool = queuePool(1);
    const order: string[] = [];
    const processUnit = withMainLane(pool, async (given) => {
      order.push(`unit ${given.entry.relativePath}`);
      // Stands for a thread's answer arriving while this unit runs.
      setImmediate(() => order.push(`after ${given.entry.relativePath}`));
    });
    const given = Array.from({ length: reserveFor(1) + 3 }, (_, k) => processUnit(unit(k), settings, sink));
    await Promise.all(given.slice(0, 3));
    expect(order.slice(0, 5)).toEqual(['unit 0.txt', 'after 0.txt', 'unit 1.txt', 'after 1.txt', 'unit 2.txt']);
    pool.threadTakes();
    await Promise.all(given);
  });

  it('a failure in this thread reaches the run as the pool\'s would, and the next unit still runs', async () => {
    const pool = queuePool(1);
    const processUnit = withMainLane(pool, async (given) => { if (given.entry.relativePath === '0.txt') throw new Error('disk gone'); });
    const given = Array.from({ length: reserveFor(1) + 2 }, (_, k) => processUnit(unit(k), settings, sink));
    await expect(given[0]).rejects.toThrow('disk gone');
    await expect(given[1]).resolves.toBeUndefined();
    pool.threadTakes();
    await Promise.all(given.slice(1));
  });
});

describe('how many threads and units', () => {
  it('auto: a thread for each core but the main thread\'s, up to three; none on one core', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => autoWorkers(cores))).toEqual([0, 1, 2, 3, 3, 3]);
  });

  it('the run has more units in flight than a group running and one waiting for each thread, so the queue can run ahead', () => {
    expect(unitsInFlight(1, 8) - 8).toBeGreaterThan(4 * reserveFor(1));
    expect(unitsInFlight(3, 8) - 8).toBeGreaterThan(4 * reserveFor(3));
  });
});
