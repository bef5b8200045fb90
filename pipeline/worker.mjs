// The worker threads' entry when the pipeline runs from its TypeScript sources (tests, tsx): registers tsx in the
// thread, then serves worker-main.ts's task. The built CLI (dist/) starts dist/worker-main.js directly.
import { register } from 'tsx/esm/api';

register();
const { default: work } = await import('./worker-main.ts');
export default work;
