/** The main thread as a lane beside the worker threads (pipeline/run/lanes.ts): which unit goes where. */
import { describe, expect, it } from 'vitest';
import type { WorkUnit } from '../../pipeline/input/feed.ts';
import { autoWorkers, UNITS_PER_TASK } from '../../pipeline/pool.ts';
import { mainLaneFrom, unitsInFlight, withMainLane, type PoolLane } from '../../pipeline/run/lanes.ts';
import type { FileSettings, FileSink } from '../../pipeline/unit-rows.ts';

const settings: FileSettings = { maxBytes: 1_000, articleTimeoutMs: 1_000, keepExtension: false, articleText: false };
const sink: FileSink = { record: () => undefined, begin: () => undefined, processed: () => undefined };
const unit = (k: number): WorkUnit => ({ kind: 'file', entry: { path: `/in/${k}.txt`, relativePath: `${k}.txt` }, last: true }) as WorkUnit;

/** A pool that holds what it is given until `answer` is called, counting its backlog as the real one does. */
interface HeldPool extends PoolLane { backlog: number; taken: string[]; answer: () => void }
function heldPool(size: number): HeldPool {
  const waiting: Array<() => void> = [];
  const pool: HeldPool = {
    size,
    backlog: 0,
    taken: [] as string[],
    processUnit: (given: WorkUnit): Promise<void> => {
      pool.backlog++;
      pool.taken.push(given.entry.relativePath);
      return new Promise<void>((resolve) => waiting.push(() => { pool.backlog--; resolve(); }));
    },
    answer: () => { for (const done of waiting.splice(0)) done(); },
  };
  return pool;
}

describe('withMainLane', () => {
  it('gives units to the pool until each thread has a group running and one waiting, then takes them itself', async () => {
    const pool = heldPool(2);
    const here: string[] = [];
    const processUnit = withMainLane(pool, async (given) => { here.push(given.entry.relativePath); });
    const from = mainLaneFrom(2);
    expect(from).toBe(4 * UNITS_PER_TASK);
    const all = Array.from({ length: from + 5 }, (_, k) => processUnit(unit(k), settings, sink));
    // The main thread's units finish on their own; the pool's wait for its answer.
    await Promise.all(all.slice(from));
    expect(pool.taken).toEqual(Array.from({ length: from }, (_, k) => `${k}.txt`));
    expect(here).toEqual(Array.from({ length: 5 }, (_, k) => `${from + k}.txt`));
    // Once the threads have answered, the pool has room again.
    pool.answer();
    await Promise.all(all);
    expect(pool.backlog).toBe(0);
    const next = processUnit(unit(99), settings, sink);
    expect(pool.taken.at(-1)).toBe('99.txt');
    pool.answer();
    await next;
  });

  it('lets waiting events in (a thread\'s answer) before it processes a unit itself', async () => {
    const pool = heldPool(1);
    pool.backlog = mainLaneFrom(1);
    const order: string[] = [];
    const processUnit = withMainLane(pool, async () => { order.push('unit here'); });
    setImmediate(() => order.push('answer from a thread'));
    await processUnit(unit(0), settings, sink);
    expect(order).toEqual(['answer from a thread', 'unit here']);
  });

  it('takes its units one per event-loop turn, so what came in meanwhile is read between them', async () => {
    const pool = heldPool(1);
    pool.backlog = mainLaneFrom(1);
    const order: string[] = [];
    const processUnit = withMainLane(pool, async (given) => {
      order.push(`unit ${given.entry.relativePath}`);
      // Stands for a thread's answer arriving while this unit runs.
      setImmediate(() => order.push(`after ${given.entry.relativePath}`));
    });
    await Promise.all([0, 1, 2].map((k) => processUnit(unit(k), settings, sink)));
    expect(order.slice(0, 5)).toEqual(['unit 0.txt', 'after 0.txt', 'unit 1.txt', 'after 1.txt', 'unit 2.txt']);
  });

  it('a failure in this thread reaches the run as the pool\'s would, and the next unit still runs', async () => {
    const pool = heldPool(1);
    pool.backlog = mainLaneFrom(1);
    const processUnit = withMainLane(pool, async (given) => { if (given.entry.relativePath === '0.txt') throw new Error('disk gone'); });
    const [failed, next] = [processUnit(unit(0), settings, sink), processUnit(unit(1), settings, sink)];
    await expect(failed).rejects.toThrow('disk gone');
    await expect(next).resolves.toBeUndefined();
  });
});

describe('how many threads and units', () => {
  it('auto: a thread for each core but the main thread\'s, up to three; none on one core', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => autoWorkers(cores))).toEqual([0, 1, 2, 3, 3, 3]);
  });

  it('the main thread has more units in flight than the pool holds, so it can run ahead of the pool\'s answers', () => {
    expect(unitsInFlight(1, 8) - 8 - mainLaneFrom(1)).toBeGreaterThan(mainLaneFrom(1));
    expect(unitsInFlight(3, 8) - 8 - mainLaneFrom(3)).toBeGreaterThan(mainLaneFrom(3));
  });
});
