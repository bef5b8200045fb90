/**
 * Worker threads (piscina) that process the feed's units, each thread with its own pipeline and NLP model, so a
 * run uses every core. The pool also enforces the per-article time budget from outside: the thread marks each
 * article it comes to in shared memory, and a task whose article stays past the budget is aborted (its AbortSignal;
 * piscina then terminates the thread and starts another). The unit then runs again with that article reported as
 * `timeout`, so ids, order and every other row are what an uninterrupted run gives.
 */
import type { Scope } from './engine/cue-lexicon.ts';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { WorkUnit } from './input/feed.ts';
import { FINISHED_SLOT, PROGRESS_SLOTS, type WarmUp, type WorkerAnswer, type WorkerRow, type WorkerTask } from './pool-task.ts';
import { fileArticleId, problemRecord, unitProblemRecords, type FileSettings, type FileSink } from './unit-rows.ts';
import type { QueuedUnit } from './run/lanes.ts';
import { startSharingAnswers, stopSharingAnswers } from './engine/shared-answers.ts';
import { helperChannel, shareHelper } from './engine/compromise.ts';

/** From the sources (tests, tsx) the worker needs tsx registered first (worker.mjs); from dist/ it is plain JavaScript. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.mjs' : './worker-main.js', import.meta.url);
/** Grace on top of the in-worker budget, which is checked between stages and should fire first. */
const GRACE_MS = 2_000;

/** Units per task at most. A group's units are files or JSONL batches that came one after the other. */
export const UNITS_PER_TASK = 16;
/**
 * Tasks each thread holds at once: the one it works on and the next, which waits in its message port. With one,
 * a thread that finished its group waited for this thread to read the answer and send the next, and this thread
 * reads answers only between units of its own (run/lanes.ts): 8.7% of the worker's time went waiting.
 */
export const TASKS_PER_THREAD = 2;
/** JSON Lines text per task: a group of batches stops growing past this (the threads read files themselves). */
const GROUP_CHARS = 512 * 1024;

/**
 * Each thread's young generation (V8's default is some 32 MB per thread, on top of the main thread's). Smaller
 * means less memory and more scavenges: 4 MB while two threads worked beside an idle main thread kept that run
 * under 300 MB. Now that the main thread works beside one thread fewer (run/lanes.ts) and an article leaves about
 * a quarter of the garbage it did, 16 MB costs 11 MB more than 4 (20,000 articles, 1 thread and the main thread:
 * 259 against 249 MiB peak) for 0.85× the wall time and CPU (14.8 against 17.5 s, one run each on a quiet machine).
 * Not a limit on what a thread may use: an article that needs more still gets it. 48 MB (what V8 gives the main
 * thread) is faster again, 0.88× the wall time of 16 (0.83–0.94, 5 paired runs on 20,000 bench articles), but a run of
 * 200,000 articles then peaks at 314–322 MB against 288–292, over the 300 MB this tool keeps to; 24 MB is no faster.
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

class Stuck extends Error {}

/** piscina's view of a thread, as its balancer sees it (the type is not exported by name). */
type PiscinaBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;
export type PiscinaWorker = Parameters<PiscinaBalancer>[1][number];

/**
 * Piscina's own balancer gives a thread a second task only when neither can be aborted, and every task here has a
 * time budget (an AbortSignal). A second task waiting behind the first is still safe to hold: its budget counts from
 * the thread's first mark on it (`runTask`), and if the first is aborted (the thread terminated) the second fails
 * with it and its units run again on their own (`runGroup`). While the threads start, one task each: a thread's
 * warm-up waits for the others' (worker-main.ts), so two on one thread would wait for each other.
 */
export function nextTaskGoesTo(workers: readonly PiscinaWorker[], most: number): PiscinaWorker | null {
  let chosen: PiscinaWorker | null = null;
  let fewest = most;
  for (const worker of workers) {
    if (worker.terminating) continue;
    // piscina reports a thread on one abortable task as infinitely busy: it holds one task.
    const holds = worker.isRunningAbortableTask ? 1 : worker.currentUsage;
    if (holds < fewest) {
      chosen = worker;
      fewest = holds;
    }
  }
  return chosen;
}

const budgetFor = (settings: FileSettings): number => Math.max(settings.articleTimeoutMs, 1_000) + GRACE_MS;

function newProgress(): SharedArrayBuffer {
  const progress = new SharedArrayBuffer(PROGRESS_SLOTS * Float64Array.BYTES_PER_ELEMENT);
  new Float64Array(progress).set([0, -1, -1, 0]); // not started, no article, no unit yet, not finished
  return progress;
}

/** A unit's rows to its sink, as the in-thread run reports them. */
function deliver(rows: WorkerRow[], sink: FileSink): void {
  for (const row of rows) {
    if (row.kind === 'record') sink.record(row.article);
    else sink.processed(row.index, row.article, row.quotes, row.bytes);
  }
}

export class WorkerPool {
  private readonly piscina: Piscina<WorkerTask | WarmUp, WorkerAnswer | null>;
  /** Units waiting for a thread, in the order they came. */
  private readonly queue: QueuedUnit[] = [];
  /** Task slots free: {@link TASKS_PER_THREAD} per thread (piscina's balancer is ours, `nextTaskGoesTo`). */
  private free: number;
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  /** Between `start` and the threads' readiness: units wait in the queue (where the main lane may take them). */
  private starting = false;
  /** Why the threads could not start: every unit, queued or to come, fails with it. */
  private startFailure: unknown = undefined;
  /** The answer counts of the threads' channels to the compromise helper (engine/compromise.ts), if it is shared. */
  private readonly helperCells: Int32Array[] = [];

  /** `workerUrl`: the worker's entry (tests give one that misbehaves on purpose). */
  constructor(readonly size: number, private readonly rulesDir: string | undefined, workerUrl: URL = WORKER_URL, private readonly scope: Scope = 'speech') {
    this.free = size * TASKS_PER_THREAD;
    this.piscina = new Piscina({
      filename: workerUrl.href,
      minThreads: size,
      maxThreads: size,
      idleTimeout: 2 ** 31 - 1,
      concurrentTasksPerWorker: TASKS_PER_THREAD,
      loadBalancer: (_task, workers) => nextTaskGoesTo(workers, this.starting ? 1 : TASKS_PER_THREAD),
      workerData: { rulesDir, scope },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    // The threads and this one tell each other what compromise said (engine/shared-answers.ts).
    startSharingAnswers();
  }

  /**
   * The oldest queued unit, out of the queue, when more than `reserve` wait (the main thread processes it instead:
   * run/lanes.ts). Its promise is then settled by whoever processes it.
   */
  takeQueued(reserve: number): QueuedUnit | undefined {
    return this.queue.length > reserve ? this.queue.shift() : undefined;
  }

  /**
   * Waits until every thread has loaded its pipeline. Units given meanwhile wait in the queue and go to the threads
   * when all are ready, so a task's time budget never runs while its thread is still loading; the main lane may
   * take them from the queue in the meantime (run/lanes.ts).
   */
  async start(): Promise<void> {
    const warmUp = new SharedArrayBuffer(4);
    this.starting = true;
    try {
      // One compromise for the run: the threads ask the helper thread of this one, if it has one (engine/compromise.ts).
      const sharing = shareHelper();
      await Promise.all(Array.from({ length: this.size }, () => {
        const helper = sharing ? helperChannel() : undefined;
        if (helper) this.helperCells.push(new Int32Array(helper.shared));
        return this.piscina.run({ warmUp, size: this.size, ...(helper ? { helper } : {}) }, helper ? { transferList: [helper.port] } : {});
      }));
    } catch (error) {
      this.startFailure = error;
      for (const queued of this.queue.splice(0)) queued.reject(error);
      throw error;
    } finally {
      this.starting = false;
    }
    this.dispatch();
  }

  /** Questions the run's compromise helper has answered for this pool's threads (0 when they ask their own copy). */
  helperAnswers(): number {
    return this.helperCells.reduce((sum, cells) => sum + Atomics.load(cells, 0), 0);
  }

  async close(): Promise<void> {
    if (!this.closed) stopSharingAnswers();
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.reject(new Error('the worker pool was closed'));
    await this.piscina.destroy();
  }

  /**
   * Runs one unit of the feed (a file, or a batch of JSONL records), reporting to `sink` exactly as an in-process
   * run would. Units wait here until a thread is free and then go in groups of up to {@link UNITS_PER_TASK}: one
   * message each way per group instead of per file, and no thread idles while its next task makes a round trip.
   */
  processUnit(unit: WorkUnit, settings: FileSettings, sink: FileSink): Promise<void> {
    // A batch's problems were found while its lines were read here: they are reported here, not sent along.
    let sent: WorkUnit = unit;
    if (unit.kind === 'records') {
      for (const row of unitProblemRecords(unit.problems, unit.entry, settings)) sink.record(row);
      sent = { ...unit, problems: [] };
      if (unit.articles.length === 0) return Promise.resolve();
    }
    if (this.startFailure !== undefined) return Promise.reject(this.startFailure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ unit: sent, settings, sink, resolve, reject });
      this.dispatch();
    });
  }

  /** Hands the queued units to the free threads, a group each (once they are ready). */
  private dispatch(): void {
    if (this.starting) return;
    while (this.queue.length > 0 && this.free > 0) {
      this.free--;
      let count = 0;
      let chars = 0;
      while (count < this.queue.length && count < UNITS_PER_TASK && (count === 0 || chars < GROUP_CHARS)) {
        const unit = (this.queue[count] as QueuedUnit).unit;
        if (unit.kind === 'records') for (const article of unit.articles) chars += article.text.length;
        count++;
      }
      const group = this.queue.splice(0, count);
      this.runGroup(group).catch((error: unknown) => { for (const queued of group) queued.reject(error); });
    }
  }

  /**
   * One task for a group of units (a thread already taken for it). When the task is stopped or fails, the answers
   * of the whole group are lost: each unit runs again on its own, and the unit the thread was on takes the stop as
   * its first attempt (so a unit stuck alone in its group is not run twice for one stop).
   */
  private async runGroup(group: QueuedUnit[]): Promise<void> {
    const first = group[0] as QueuedUnit;
    const progress = newProgress();
    const outcome = await this.runTask({ units: group.map(({ unit, settings }) => ({ unit, settings })), rulesDir: this.rulesDir, scope: this.scope, progress }, budgetFor(first.settings), false);
    if (Array.isArray(outcome) && outcome.length === group.length) {
      group.forEach((queued, k) => {
        try {
          deliver(outcome[k] as WorkerRow[], queued.sink);
          queued.resolve();
        } catch (error) {
          queued.reject(error);
        }
      });
      return;
    }
    const at = new Float64Array(progress)[2] ?? -1;
    const stop = Array.isArray(outcome) ? undefined : { outcome, progress };
    await Promise.all(group.map(async (queued, k) => {
      try {
        await this.runAlone(queued.unit, queued.settings, queued.sink, k === at ? stop : undefined);
        queued.resolve();
      } catch (error) {
        queued.reject(error);
      }
    }));
  }

  /**
   * One unit in a task of its own, run again with the article a stopped thread was on reported as `timeout`.
   * `stop`: a stop this unit already had in its group, taken as its first attempt.
   */
  private async runAlone(unit: WorkUnit, settings: FileSettings, sink: FileSink, stop?: { outcome: { reason: string }; progress: SharedArrayBuffer }): Promise<void> {
    const budgetMs = budgetFor(settings);
    const stopped: Array<{ index: number; reason: string }> = [];
    for (let attempt = stop; ; attempt = undefined) {
      const progress = attempt?.progress ?? newProgress();
      const outcome = attempt?.outcome ?? await this.runTask({ units: [{ unit, settings: { ...settings, stopped: [...stopped] } }], rulesDir: this.rulesDir, scope: this.scope, progress }, budgetMs, true);
      if (Array.isArray(outcome)) {
        deliver(outcome[0] ?? [], sink);
        return;
      }
      if (this.closed) throw new Error('the worker pool was closed');
      const marked = new Float64Array(progress)[1] ?? -1;
      // A batch's thread comes to its first article at once: a mark of -1 there still means that article.
      const index = unit.kind === 'records' ? Math.max(marked, 0) : marked;
      if (index < 0) {
        // Stuck while reading the file, before any article: the row takes the id the file's article would have.
        const articleId = fileArticleId(unit.entry, settings.keepExtension);
        sink.record(problemRecord({ articleId, sourcePath: unit.entry.relativePath, status: 'timeout', reason: `reading the file ${outcome.reason}` }, settings.articleText));
        return;
      }
      // The same article twice would mean the thread stops after its row: nothing left to retry.
      if (stopped.some((s) => s.index === index)) throw new Error(`a worker thread ${outcome.reason} after the unit's last article`);
      stopped.push({ index, reason: outcome.reason });
    }
  }

  /** The task's answer, or why it was stopped (past the budget, or the thread failed). `acquire`: take a thread first (a group has one already). */
  private async runTask(task: WorkerTask, budgetMs: number, acquire: boolean): Promise<WorkerAnswer | { reason: string }> {
    if (acquire) await this.acquire();
    const controller = new AbortController();
    const marks = new Float64Array(task.progress);
    let timer: NodeJS.Timeout | undefined;
    const check = (): void => {
      // A task that finished is not stuck, only not yet read: the main thread may have been busy with an article of
      // its own (run/lanes.ts) past the budget, and timers run before the thread's answer is read.
      if (marks[FINISHED_SLOT] === 1) return;
      // Counted from the thread's last mark (the article it came to, or the task's start). A thread that has not
      // marked yet is still starting (a replacement loads its pipeline first): its time has not begun.
      const mark = marks[0] ?? 0;
      const left = mark === 0 ? budgetMs : mark + budgetMs - Date.now();
      if (left > 0) timer = setTimeout(check, left);
      else controller.abort(new Stuck(`still running after ${budgetMs} ms; the worker was stopped`));
    };
    timer = setTimeout(check, budgetMs);
    try {
      const answer = await this.piscina.run(task, { signal: controller.signal });
      if (!answer) throw new Error('the worker answered a task with nothing');
      return answer;
    } catch (error) {
      if (controller.signal.aborted) return { reason: (controller.signal.reason as Stuck).message };
      if (this.closed) throw error;
      return { reason: `failed: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A thread is free again: a unit running again on its own goes first, then the queue. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else {
      this.free++;
      this.dispatch();
    }
  }
}

/**
 * Threads for `--workers auto` on a large run: one per core but the main thread's, which works beside them
 * (run/lanes.ts), up to three; none on a single core.
 */
export const autoWorkers = (cores: number = availableParallelism()): number => Math.max(0, Math.min(cores - 1, 3));
