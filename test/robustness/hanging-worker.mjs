// A worker that starts like the real one and then never answers a task: it stands for a worker stuck while
// reading a file, before any article began (what a pathological file does to the real worker).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => undefined);
parentPort.postMessage({ task: -1, type: 'done' });
