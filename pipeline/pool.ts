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
import { PROGRESS_SLOTS, type WarmUp, type WorkerRow, type WorkerTask } from './pool-task.ts';
import { fileArticleId, problemRecord, unitProblemRecords, type FileSettings, type FileSink } from './unit-rows.ts';

/** From the sources (tests, tsx) the worker needs tsx registered first (worker.mjs); from dist/ it is plain JavaScript. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.mjs' : './worker-main.js', import.meta.url);
/** Grace on top of the in-worker budget, which is checked between stages and should fire first. */
const GRACE_MS = 2_000;

/**
 * Each thread's young generation (V8's default is some 32 MB per thread, on top of the main thread's): 8 MB cut
 * the peak resident memory of a 2-thread run of 2,000 articles from 338 to 295 MiB for 7% more CPU (whole-process
 * medians of 5 paired runs). Not a limit on what a thread may use: an article that needs more still gets it.
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

class Stuck extends Error {}

export class WorkerPool {
  private readonly piscina: Piscina<WorkerTask | WarmUp, WorkerRow[] | null>;
  /** Tasks go to piscina only when a thread is free: one in flight per thread, like the threads' own loop. */
  private free: number;
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  /** `workerUrl`: the worker's entry (tests give one that misbehaves on purpose). */
  constructor(private readonly size: number, private readonly rulesDir: string | undefined, workerUrl: URL = WORKER_URL, private readonly scope: Scope = 'speech') {
    this.free = size;
    this.piscina = new Piscina({
      filename: workerUrl.href,
      minThreads: size,
      maxThreads: size,
      idleTimeout: 2 ** 31 - 1,
      concurrentTasksPerWorker: 1,
      workerData: { rulesDir, scope },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
  }

  /** Waits until every thread has loaded its pipeline. */
  async start(): Promise<void> {
    const warmUp = new SharedArrayBuffer(4);
    await Promise.all(Array.from({ length: this.size }, () => this.piscina.run({ warmUp, size: this.size })));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.piscina.destroy();
  }

  /** Runs one unit of the feed (a file, or a batch of JSONL records), reporting to `sink` exactly as an in-process run would. */
  async processUnit(unit: WorkUnit, settings: FileSettings, sink: FileSink): Promise<void> {
    // A batch's problems were found while its lines were read here: they are reported here, not sent along.
    let sent: WorkUnit = unit;
    if (unit.kind === 'records') {
      for (const row of unitProblemRecords(unit.problems, unit.entry, settings)) sink.record(row);
      sent = { ...unit, problems: [] };
      if (unit.articles.length === 0) return;
    }
    const budgetMs = Math.max(settings.articleTimeoutMs, 1_000) + GRACE_MS;
    const stopped: Array<{ index: number; reason: string }> = [];
    for (;;) {
      const progress = new SharedArrayBuffer(PROGRESS_SLOTS * Float64Array.BYTES_PER_ELEMENT);
      new Float64Array(progress).set([0, -1]); // not started, no article yet
      const outcome = await this.runTask({ unit: sent, settings: { ...settings, stopped: [...stopped] }, rulesDir: this.rulesDir, scope: this.scope, progress }, budgetMs);
      if (Array.isArray(outcome)) {
        for (const row of outcome) {
          if (row.kind === 'record') sink.record(row.article);
          else sink.processed(row.index, row.article, row.quotes, row.bytes);
        }
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

  /** The task's rows, or why it was stopped (past the budget, or the thread failed). */
  private async runTask(task: WorkerTask, budgetMs: number): Promise<WorkerRow[] | { reason: string }> {
    await this.acquire();
    const controller = new AbortController();
    const marks = new Float64Array(task.progress);
    let timer: NodeJS.Timeout | undefined;
    const check = (): void => {
      // Counted from the thread's last mark (the article it came to, or the task's start). A thread that has not
      // marked yet is still starting (a replacement loads its pipeline first): its time has not begun.
      const mark = marks[0] ?? 0;
      const left = mark === 0 ? budgetMs : mark + budgetMs - Date.now();
      if (left > 0) timer = setTimeout(check, left);
      else controller.abort(new Stuck(`still running after ${budgetMs} ms; the worker was stopped`));
    };
    timer = setTimeout(check, budgetMs);
    try {
      const rows = await this.piscina.run(task, { signal: controller.signal });
      if (!rows) throw new Error('the worker answered a task with nothing');
      return rows;
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

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Threads for `--workers auto`: one per core, up to four. */
export const autoWorkers = (): number => Math.min(availableParallelism(), 4);
