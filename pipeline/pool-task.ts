/** What the main thread and a worker thread exchange (pool.ts, worker-main.ts), apart from the NLP either side. */
import type { WorkUnit } from './input/feed.ts';
import type { ArticleRecord, QuoteRecord } from './records.ts';
import type { EncodedQuotes, FileSettings } from './unit-rows.ts';
import type { Scope } from './engine/cue-lexicon.ts';
import type { HelperChannel } from './engine/compromise.ts';

/**
 * Where a task is, shared with the pool's watchdog without a message: [time of the last mark (ms), article index
 * in the unit or -1, unit index in the task or -1, 1 once the task has its answer (else 0)].
 */
export const PROGRESS_SLOTS = 4;
/** The slot that says a task is done: its answer is on the way, however late the main thread reads it. */
export const FINISHED_SLOT = 3;

/** Several units in one task: a thread that finishes one has the next at hand, not a round trip away. */
export interface WorkerTask {
  units: Array<{ unit: WorkUnit; settings: FileSettings }>;
  rulesDir: string | undefined;
  /** Which cue classes the rules read (see rules/cues.json's classes). */
  scope: Scope;
  /** A Float64Array of PROGRESS_SLOTS over shared memory (see {@link PROGRESS_SLOTS}). */
  progress: SharedArrayBuffer;
}

/** Start-up: every thread answers one of these, held until all have loaded, so the pool starts with all of them ready. */
export interface WarmUp {
  warmUp: SharedArrayBuffer;
  size: number;
  /** The run's compromise helper, for the thread to ask instead of loading its own (engine/compromise.ts). */
  helper?: HelperChannel;
}

/** A task's answer: each unit's rows, in the task's order. */
export type WorkerAnswer = WorkerRow[][];

export type WorkerRow =
  | { kind: 'record'; article: ArticleRecord }
  | { kind: 'processed'; index: number; article: ArticleRecord; quotes: QuoteRecord[] | EncodedQuotes; bytes: number };
