/** Inside a worker thread: one pipeline (and one NLP model) for the thread's life, one unit (a file, or a batch of JSONL records) at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkUnit } from './input/feed.ts';
import { patternAnalysis } from './lexicon.ts';
import { createPipeline } from './pipeline.ts';
import { processUnit, type FileSettings } from './process-file.ts';

export interface WorkerTask {
  task: number;
  unit: WorkUnit;
  settings: FileSettings;
}

export type WorkerMessage =
  | { task: number; type: 'record'; article: import('./records.ts').ArticleRecord }
  | { task: number; type: 'begin'; index: number; article: { articleId: string; sourcePath: string; line: number | null } }
  | { task: number; type: 'processed'; index: number; article: import('./records.ts').ArticleRecord; quotes: import('./records.ts').QuoteRecord[]; bytes: number }
  | { task: number; type: 'done' }
  | { task: number; type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('worker-main.ts runs in a worker thread');
patternAnalysis.enabled = false; // the main thread analysed the rule files' patterns before starting workers
const pipeline = createPipeline((workerData as { rulesDir?: string } | undefined)?.rulesDir);
const post = (message: WorkerMessage): void => port.postMessage(message);

port.on('message', (message: WorkerTask) => {
  const { task } = message;
  processUnit(pipeline, message.unit, message.settings, {
    record: (article) => post({ task, type: 'record', article }),
    begin: (index, article) => post({ task, type: 'begin', index, article }),
    processed: (index, article, quotes, bytes) => post({ task, type: 'processed', index, article, quotes, bytes }),
  }).then(
    () => post({ task, type: 'done' }),
    (error: unknown) => post({ task, type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
post({ task: -1, type: 'done' });
