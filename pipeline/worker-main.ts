/**
 * The worker threads' task (a piscina handler): a few units of the feed (files, or batches of JSON Lines records)
 * through the pipeline, answered in one message with every unit's rows in order. One pipeline (and one NLP model) per
 * rules folder for the thread's life.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { patternAnalysis } from './lexicon.ts';
import { createPipeline, type Pipeline } from './pipeline.ts';
import { FINISHED_SLOT, type WarmUp, type WorkerAnswer, type WorkerRow, type WorkerTask } from './pool-task.ts';
import { processUnit } from './process-file.ts';
import { encodeQuotes, type EncodedQuotes } from './unit-rows.ts';
import type { QuoteRecord } from './records.ts';
import type { Scope } from './engine/cue-lexicon.ts';
import { startSharingAnswers } from './engine/shared-answers.ts';
import { useHelperChannel } from './engine/compromise.ts';

patternAnalysis.enabled = false; // the main thread analysed the rule files' patterns before starting workers
startSharingAnswers(); // what compromise says, told to the run's other threads and heard from them
const pipelines = new Map<string, Pipeline>();
const pipelineFor = (rulesDir: string | undefined, scope: Scope): Pipeline => {
  const key = `${scope}\u0000${rulesDir ?? ''}`;
  let pipeline = pipelines.get(key);
  if (!pipeline) pipelines.set(key, pipeline = createPipeline(rulesDir, { scope }));
  return pipeline;
};
const initial = workerData as { rulesDir?: string; scope?: Scope } | undefined;
pipelineFor(initial?.rulesDir, initial?.scope ?? 'speech');

const WARM_UP_WAIT_MS = 60_000;

/**
 * The task this thread is on. A thread holds two tasks at once (pool.ts, TASKS_PER_THREAD), and piscina starts the
 * second as soon as the first waits on the event loop (an asynchronous read, for one): the second then waits here,
 * unmarked, so that its time budget does not run and it is not blamed when the first gets stuck (without this,
 * test/robustness/run.test.ts's stuck article took the next file down with it).
 */
let current: Promise<unknown> = Promise.resolve();

export default function work(task: WorkerTask | WarmUp): Promise<WorkerAnswer | MovedAnswer | null> {
  const next = current.then(() => runTask(task));
  current = next.catch(() => undefined);
  return next;
}

/**
 * An answer whose quote lines (EncodedQuotes) are moved to the main thread instead of copied: piscina sends the
 * value with the buffers in the message's transfer list.
 */
interface MovedAnswer { [transferableSymbol]: ArrayBuffer[]; [valueSymbol]: WorkerAnswer }

function movedAnswer(answer: WorkerAnswer, buffers: ArrayBuffer[]): MovedAnswer {
  // (piscina types its symbols as plain `symbol`, so the literal needs the cast.)
  return move({ [transferableSymbol]: buffers, [valueSymbol]: answer } as MovedAnswer) as MovedAnswer;
}

async function runTask(task: WorkerTask | WarmUp): Promise<WorkerAnswer | MovedAnswer | null> {
  if ('warmUp' in task) {
    if (task.helper) useHelperChannel(task.helper);
    const arrived = new Int32Array(task.warmUp);
    Atomics.add(arrived, 0, 1);
    Atomics.notify(arrived, 0);
    const until = Date.now() + WARM_UP_WAIT_MS;
    for (let seen = Atomics.load(arrived, 0); seen < task.size && Date.now() < until; seen = Atomics.load(arrived, 0)) Atomics.wait(arrived, 0, seen, 100);
    return null;
  }
  const progress = new Float64Array(task.progress);
  const mark = (index: number): void => {
    progress[1] = index;
    progress[0] = Date.now();
  };
  const pipeline = pipelineFor(task.rulesDir, task.scope);
  const answer: WorkerAnswer = [];
  // The buffers of the answer's quote lines, moved with it.
  const buffers: ArrayBuffer[] = [];
  const encodeToMove = (quotes: QuoteRecord[]): EncodedQuotes => {
    const encoded = encodeQuotes(quotes);
    buffers.push(encoded.lines.buffer as ArrayBuffer);
    return encoded;
  };
  for (const [at, { unit, settings }] of task.units.entries()) {
    progress[2] = at;
    mark(-1);
    const rows: WorkerRow[] = [];
    await processUnit(pipeline, unit, settings, {
      visit: mark,
      record: (article) => rows.push({ kind: 'record', article }),
      begin: () => undefined,
      processed: (index, article, quotes, bytes) => rows.push({ kind: 'processed', index, article, quotes: settings.encodeQuotes && Array.isArray(quotes) ? encodeToMove(quotes) : quotes, bytes }),
    });
    answer.push(rows);
  }
  progress[FINISHED_SLOT] = 1;
  return buffers.length > 0 ? movedAnswer(answer, buffers) : answer;
}
