/**
 * Imported first by the CLI process (pipeline/cli.ts), so that it runs before the rest of the CLI is loaded: starts
 * the thread that loads compromise on the other core (engine/compromise.ts) when this thread may process articles.
 * A wrong guess costs time, never output: an unused helper closes when idle, a missing one means this thread loads it.
 */
import { startCompromiseHelper } from '../engine/compromise.ts';

/**
 * Whether a run with these arguments may process articles in this thread. Not: help, version, or worker threads
 * with the user's rules (`--workers N` > 0 and `--rules`: the main thread then only coordinates, run/lanes.ts).
 */
export function mayProcessHere(argv: readonly string[]): boolean {
  let threads = false;
  let userRules = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] ?? '';
    if (arg === '--') break;
    if (['-h', '--help', '-V', '--version'].includes(arg)) return false;
    if (arg === '--rules' || arg.startsWith('--rules=')) userRules = true;
    const workers = arg === '--workers' ? argv[k + 1] : arg.startsWith('--workers=') ? arg.slice('--workers='.length) : undefined;
    if (workers !== undefined) threads = /^\d+$/u.test(workers) && Number(workers) > 0;
  }
  return !(threads && userRules);
}

if (mayProcessHere(process.argv.slice(2))) startCompromiseHelper();
