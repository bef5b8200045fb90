/**
 * One timed run of `npm run bench`, in a process of its own so that each run starts cold and its peak memory is
 * its own: `extract …args` (the CLI's main, as `npm run extract` runs it), `naive <folder> <limit> <out.jsonl>`, or
 * `unseen <warm-folder> <warm-count> <folder>` (unseen.ts). Prints one JSON line: the exit code, the kernel's peak
 * resident set size (MB), and for the naive and unseen runs their figures.
 */
import { mayProcessHere } from '../cli/may-process-here.ts';
import { startCompromiseHelper } from '../engine/compromise.ts';
import { articleFiles, naiveExtract, type NaiveResult } from './naive.ts';
import { unseenArticles, type UnseenResult } from './unseen.ts';

const [kind, ...args] = process.argv.slice(2);
let code = 0;
let naive: NaiveResult | null = null;
let unseen: UnseenResult | null = null;
if (kind === 'extract') {
  // As the CLI starts (cli/early.ts): the compromise helper thread first, then the rest of the CLI.
  if (mayProcessHere(args)) startCompromiseHelper();
  const { main } = await import('../cli/main.ts');
  code = await main(args, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
} else if (kind === 'naive') {
  const [folder, limit, outFile] = args;
  if (!folder || !limit || !outFile) throw new Error('usage: child.js naive <folder> <limit> <out.jsonl>');
  naive = await naiveExtract(articleFiles(folder).slice(0, Number(limit)), outFile);
} else if (kind === 'unseen') {
  const [warmFolder, warmCount, folder] = args;
  if (!warmFolder || !warmCount || !folder) throw new Error('usage: child.js unseen <warm-folder> <warm-count> <folder>');
  unseen = unseenArticles(articleFiles(warmFolder).slice(0, Number(warmCount)), articleFiles(folder));
} else {
  throw new Error(`unknown run kind ${String(kind)}`);
}
process.stdout.write(`${JSON.stringify({ code, peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6), naive, unseen })}\n`);
process.exit(code);
