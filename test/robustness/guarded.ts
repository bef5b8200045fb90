/**
 * Runs the pipeline in a worker thread so that a hang guard really stops it: a vitest timeout cannot interrupt
 * synchronous code (a runaway regex or an endless loop would block the test process for good), Worker.terminate can.
 */
import { parentPort, Worker } from 'node:worker_threads';
import { createPipeline, processText } from '../../pipeline/pipeline.ts';
import { quoteRecords, type QuoteRecord } from '../../pipeline/records.ts';
import { recordViolations } from './invariants.ts';

export type CaseRecord = Pick<QuoteRecord, 'kind' | 'text' | 'start' | 'end' | 'speaker' | 'rule' | 'paragraph'>;

export interface CaseResult {
  /** Fastest of the repeats, in milliseconds: processText plus quoteRecords. */
  ms: number;
  records: CaseRecord[];
  paragraphs: number;
  sentences: number;
  /** Broken record invariants (see invariants.ts); empty when all hold. */
  violations: string[];
}

interface Request { id: number; text: string; repeat: number }
type Reply = { id: number; result: CaseResult } | { id: number; error: string };

/** Worker side: one pipeline, built once, answering one request at a time. */
export function serveWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker runs inside a worker thread');
  const pipeline = createPipeline();
  port.on('message', ({ id, text, repeat }: Request) => {
    try {
      let best = Infinity;
      let ctx = processText(pipeline, '');
      let records: QuoteRecord[] = [];
      for (let k = 0; k < repeat; k++) {
        const started = performance.now();
        ctx = processText(pipeline, text);
        records = quoteRecords(ctx);
        best = Math.min(best, performance.now() - started);
      }
      const result: CaseResult = {
        ms: best,
        records: records.map(({ kind, text: quoted, start, end, speaker, rule, paragraph }) => ({ kind, text: quoted, start, end, speaker, rule, paragraph })),
        paragraphs: ctx.paragraphs.length,
        sentences: ctx.sentences.length,
        violations: recordViolations(text, ctx, records),
      };
      port.postMessage({ id, result } satisfies Reply);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies Reply);
    }
  });
  port.postMessage({ ready: true });
}

/** Host side: sends a text to the worker; kills and replaces the worker when a request outlives its guard. */
export class GuardedPipeline {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 0;

  private start(): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    const worker = new Worker(new URL('./pipeline-worker.mjs', import.meta.url));
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (message && typeof message === 'object' && 'ready' in message) { worker.off('error', reject); worker.off('message', onMessage); resolve(); }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return this.ready;
  }

  async run(text: string, options: { guardMs: number; repeat?: number }): Promise<CaseResult> {
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error('no worker');
    const id = this.nextId++;
    return new Promise<CaseResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.close();
        reject(new Error(`the pipeline did not finish within ${options.guardMs} ms (${text.length} characters); worker stopped`));
      }, options.guardMs);
      const onMessage = (reply: Reply): void => {
        if (reply.id !== id) return;
        cleanup();
        if ('error' in reply) reject(new Error(`the pipeline threw: ${reply.error}`));
        else resolve(reply.result);
      };
      const onError = (error: Error): void => { cleanup(); void this.close(); reject(error); };
      const cleanup = (): void => { clearTimeout(timer); worker.off('message', onMessage); worker.off('error', onError); };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, text, repeat: options.repeat ?? 1 } satisfies Request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}
