/**
 * The main thread as one more lane beside the worker threads. With threads the main thread only coordinates
 * (hands out units, writes the output), which leaves most of a core idle; a thread each for all cores then
 * competes with it and pays for its own young generation. Instead, with the built-in rules, the main thread
 * takes the oldest unit of the pool's queue whenever more units wait there than the threads need to stay
 * busy (`reserveFor`). Output order is the feed's either way (the run's p-map keeps it).
 *
 * Not with the user's rules (`--rules`): an article the main thread is on can be reported `timeout` only between
 * stages, and a pattern of the user's that runs away must be stoppable, which only a worker thread is.
 */
import type { WorkUnit } from '../input/feed.ts';
import type { FileSettings, FileSink } from '../unit-rows.ts';
import { UNITS_PER_TASK } from '../pool.ts';

export type ProcessUnit = (unit: WorkUnit, settings: FileSettings, sink: FileSink) => Promise<void>;

/** A unit waiting in the pool's queue, with what settles the promise `processUnit` gave for it. */
export interface QueuedUnit {
  unit: WorkUnit;
  settings: FileSettings;
  sink: FileSink;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What the lane needs of the pool: its threads, its queue (`processUnit`), and the queue's oldest unit to take. */
export interface PoolLane {
  readonly size: number;
  processUnit: ProcessUnit;
  /** The oldest unit of the queue, taken out of it, when more than `reserve` units wait; else undefined. */
  takeQueued(reserve: number): QueuedUnit | undefined;
}

/**
 * Units left in the queue for the threads: a group for each, ready when its task ends, so that no thread waits for
 * this thread to read its answer and send the next.
 */
export const reserveFor = (threads: number): number => UNITS_PER_TASK * threads;

/**
 * Units in flight for a run with `threads` threads and the main lane (the run's p-map concurrency): a group running
 * and one waiting for each thread, and room for the queue to run ahead of the output, which keeps the feed's order:
 * a unit done waits for every earlier one.
 */
export const unitsInFlight = (threads: number, concurrency: number): number => 8 * reserveFor(threads) + concurrency;

/**
 * Every unit goes to the pool's queue; this thread takes the queue's oldest whenever more than the threads' reserve
 * waits. One queue for both lanes keeps the output flowing in order: deciding the lane when a unit comes in (the
 * first version of this) let this thread's own backlog hold up the feed, and the thread then got groups of a few
 * units, or none (on 10,000 articles, half its tasks were short of a full group).
 *
 * A unit here runs start to end without a pause (its file is read at once), and the threads' answers wait meanwhile:
 * so this thread takes one unit per event-loop turn, and the answers that came in the meantime are read in between.
 */
export function withMainLane(pool: PoolLane, inThread: ProcessUnit): ProcessUnit {
  const reserve = reserveFor(pool.size);
  let taking = false;
  const takeNext = (): void => {
    const next = pool.takeQueued(reserve);
    if (!next) {
      taking = false;
      return;
    }
    inThread(next.unit, next.settings, next.sink).then(next.resolve, next.reject).finally(() => setImmediate(takeNext));
  };
  return (unit, settings, sink) => {
    const done = pool.processUnit(unit, settings, sink);
    if (!taking) {
      taking = true;
      setImmediate(takeNext);
    }
    return done;
  };
}
