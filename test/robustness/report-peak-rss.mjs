// Preloaded into a CLI child process by input-cli.test.ts: on exit, report the peak resident set size the
// kernel measured (VmHWM), so a test can check that memory stayed bounded.
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stderr.write(`peak-rss-kb ${match?.[1] ?? 'unknown'}\n`);
});
