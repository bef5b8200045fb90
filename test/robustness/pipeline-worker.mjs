// Worker-thread entry for guarded.ts: registers tsx so the TypeScript pipeline loads, then serves requests.
import { register } from 'tsx/esm/api';

register();
const { serveWorker } = await import('./guarded.ts');
serveWorker();
