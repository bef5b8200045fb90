/** The CLI process (loaded by pipeline/cli.ts once the compromise helper has started): signals, the command, the exit code. */
import { main } from './main.ts';
import { watchForStop } from './signals.ts';

// Signals reach the run: it stops, removes its temporary folder and lock, and keeps the previous output.
const stop = watchForStop({ watchParent: process.env.npm_lifecycle_event !== undefined });
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, signal: stop.signal });
stop.dispose();
// Failures exit at once, as before; a finished run lets the event loop drain (the output streams flush).
if (code !== 0) process.exit(code);
