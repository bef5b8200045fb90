/**
 * Worker threads that process files, each with its own pipeline and NLP model, so a run uses every core.
 * The pool also enforces the per-article time budget from outside: a worker that stays on one article past
 * the budget is terminated and replaced, the article is reported as `timeout`, and the file goes on after it.
 */
import { Worker } from 'node:worker_threads';
import type { WorkUnit } from './input/feed.ts';
import { fileArticleId, problemRecord, unitProblemRecords, withUniqueId, type FileSettings, type FileSink } from './process-file.ts';
import type { WorkerMessage, WorkerTask } from './worker-main.ts';

const WORKER_URL = new URL('./worker.mjs', import.meta.url);
/** Grace on top of the in-worker budget, which is checked between stages and should fire first. */
const GRACE_MS = 2_000;

type TaskEnd = { kind: 'done' } | { kind: 'stuck'; reason: string };

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private readonly workers = new Set<Worker>();
  private nextTask = 0;
  private closed = false;

  /** `workerUrl`: the worker's entry (tests give one that misbehaves on purpose). */
  constructor(private readonly size: number, private readonly rulesDir: string | undefined, private readonly workerUrl: URL = WORKER_URL) {}

  async start(): Promise<void> {
    const started = await Promise.all(Array.from({ length: this.size }, () => this.spawn()));
    for (const worker of started) this.release(worker);
  }

  async close(): Promise<void> {
    // A run that stops must not have its workers replaced as they are terminated.
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
    this.workers.clear();
  }

  /** Runs one unit of the feed (a file, or a batch of JSONL records), reporting to `sink` exactly as an in-process run would. */
  async processUnit(unit: WorkUnit, settings: FileSettings, sink: FileSink): Promise<void> {
    let skip = settings.skip;
    // A batch's problems were found while its lines were read here: they are reported here, not sent along.
    let sent: WorkUnit = unit;
    if (unit.kind === 'records') {
      if (skip === 0) for (const row of unitProblemRecords(unit.problems, unit.entry, settings)) sink.record(row);
      sent = { ...unit, problems: [] };
      if (unit.articles.length === 0) return;
    }
    for (;;) {
      const worker = await this.acquire();
      let current: { index: number; article: { articleId: string; sourcePath: string; line: number | null } } | null = null;
      const end = await this.runTask(worker, { task: this.nextTask++, unit: sent, settings: { ...settings, skip } }, {
        record: (article) => sink.record(article),
        begin: (index, article) => { current = { index, article }; sink.begin(index, article); },
        processed: (index, article, quotes, bytes) => { current = null; sink.processed(index, article, quotes, bytes); },
      }, Math.max(settings.articleTimeoutMs, 1_000) + GRACE_MS);
      if (end.kind === 'done') {
        this.release(worker);
        return;
      }
      // The worker is stuck or gone: replace it and go on after the article it was on.
      this.workers.delete(worker);
      void worker.terminate();
      if (this.closed) throw new Error('the worker pool was closed');
      this.release(await this.spawn());
      const stuck = current as { index: number; article: { articleId: string; sourcePath: string; line: number | null } } | null;
      if (stuck) {
        sink.record(problemRecord({ ...stuck.article, status: 'timeout', reason: end.reason }, settings.articleText));
        skip = stuck.index + 1;
        continue;
      }
      if (unit.kind === 'file') {
        // Stuck while reading the file, before any article: the row takes the id the file's article would have.
        const articleId = fileArticleId(unit.entry, settings.keepExtension);
        sink.record(problemRecord({ articleId, sourcePath: unit.entry.relativePath, status: 'timeout', reason: `reading the file ${end.reason}` }, settings.articleText));
        return;
      }
      // Between two articles of a batch: the next one is the one that did not start; report it and go on.
      const next = unit.articles[skip];
      if (!next) return;
      const { articleId } = withUniqueId(next, unit.entry, settings.keepExtension);
      sink.record(problemRecord({ articleId, sourcePath: next.sourcePath, line: next.line ?? null, status: 'timeout', reason: end.reason }, settings.articleText));
      skip++;
      if (skip >= unit.articles.length) return;
    }
  }

  private runTask(worker: Worker, task: WorkerTask, sink: FileSink, budgetMs: number): Promise<TaskEnd> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'stuck', reason: `still running after ${budgetMs} ms; the worker was stopped` }), budgetMs);
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.task !== task.task) return;
        switch (message.type) {
          case 'record': sink.record(message.article); break;
          case 'begin': arm(); sink.begin(message.index, message.article); break;
          case 'processed': sink.processed(message.index, message.article, message.quotes, message.bytes); break;
          case 'done': finish({ kind: 'done' }); break;
          case 'failed': finish({ kind: 'stuck', reason: `failed: ${message.message}` }); break;
        }
      };
      const onError = (error: Error): void => finish({ kind: 'stuck', reason: `the worker crashed: ${error.message}` });
      const onExit = (code: number): void => finish({ kind: 'stuck', reason: `the worker exited with code ${code}` });
      const finish = (end: TaskEnd): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(end);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      arm();
      worker.postMessage(task);
    });
  }

  private spawn(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.workerUrl, { workerData: { rulesDir: this.rulesDir } });
      const onReady = (message: WorkerMessage): void => {
        if (message.task !== -1) return;
        worker.off('message', onReady);
        worker.off('error', reject);
        this.workers.add(worker);
        resolve(worker);
      };
      worker.on('message', onReady);
      worker.on('error', reject);
    });
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }
}
