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
