import { parentPort, workerData } from 'node:worker_threads';
import { createPipeline, processText } from '/work/main/pipeline/pipeline.ts';
import { quoteRecords } from '/work/main/pipeline/records.ts';
const p = createPipeline();
const n: number = workerData.n;
const recs = quoteRecords(processText(p, 'x "hello there," he said.'.repeat(n)));
parentPort?.postMessage(recs.length);
