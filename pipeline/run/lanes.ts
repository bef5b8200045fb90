/**
 * The main thread as one more lane beside the worker threads. With threads the main thread only coordinates
 * (hands out units, writes the output), which leaves most of a core idle; a thread each for all cores then
 * competes with it and pays for its own young generation. Instead, with the built-in rules, the main thread
 * processes a unit itself whenever the threads have enough queued to stay busy (`mainLaneFrom`), and hands
 * the unit to the pool otherwise. Output order is the feed's either way (the run's p-map keeps it).
 *
 * Not with the user's rules (`--rules`): an article the main thread is on can be reported `timeout` only between
 * stages, and a pattern of the user's that runs away must be stoppable, which only a worker thread is.
 */
import type { WorkUnit } from '../input/feed.ts';
import type { FileSettings, FileSink } from '../unit-rows.ts';
import { UNITS_PER_TASK } from '../pool.ts';

export type ProcessUnit = (unit: WorkUnit, settings: FileSettings, sink: FileSink) => Promise<void>;

/** What the lane reads of the pool: its threads and how many units it has not answered yet. */
export interface PoolLane {
  readonly size: number;
  readonly backlog: number;
  processUnit: ProcessUnit;
}

/**
 * Units the pool holds (queued or running) before the main thread takes one: a group running on each thread
 * and the next one waiting, so a thread that finishes has work at hand while the main thread is busy.
 */
export const mainLaneFrom = (threads: number): number => 2 * UNITS_PER_TASK * threads;

/**
 * Units in flight for a run with `threads` threads and the main lane: the pool's share, and three times as many
 * for the main thread. The output keeps the feed's order, so a unit done here waits for the pool's earlier ones,
 * which come back a group at a time after waiting behind another: the main thread has to be able to run that far
 * ahead. With room for 8 units it stood idle until the pool's two groups came back; with room for as many as the
 * pool holds, still some 15% of the time.
 */
export const unitsInFlight = (threads: number, concurrency: number): number => 4 * mainLaneFrom(threads) + concurrency;

/**
 * A unit to the pool while it has room, else to this thread. A unit here runs start to end without a pause (its
 * file is read at once), and the threads' answers wait meanwhile: so this thread takes its units one at a time,
 * each in an event-loop turn of its own, and the answers that came in the meantime are read in between. (Units
 * started together and each merely waiting for a turn would all run in the same turn: measured, the thread then
 * waited 60% of the run for its next task.)
 */
export function withMainLane(pool: PoolLane, inThread: ProcessUnit): ProcessUnit {
  const from = mainLaneFrom(pool.size);
  let last: Promise<unknown> = Promise.resolve();
  return (unit, settings, sink) => {
    if (pool.backlog < from) return pool.processUnit(unit, settings, sink);
    const mine = last.then(nextTurn).then(() => inThread(unit, settings, sink));
    last = mine.catch(() => undefined);
    return mine;
  };
}

/** Resolves in the event loop's next turn, after the I/O (and the threads' messages) that came in meanwhile. */
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
