// Worker-thread entry: registers tsx so the TypeScript pipeline loads in this thread too, then serves files.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
