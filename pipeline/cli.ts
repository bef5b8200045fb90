/** `npm run extract -- [folder] [--out dir]`: find who said what in a folder of news articles. */
import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { DEFAULT_MAX_BYTES } from './input/index.ts';
import { RuleFileError } from './lexicon.ts';
import { OutputError, runExtraction, VERSION } from './run.ts';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

const workerCount = (value: string): number | 'auto' => {
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected "auto" or a whole number, 0 or more');
  return n;
};

const program = new Command()
  .name('extract')
  .description('Find direct, mixed and indirect quotes in news articles (.txt, .md, .html, .htm, .jsonl), attribute each to a canonical speaker, and write JSONL.')
  .version(VERSION)
  .argument('[folder]', 'folder of articles, searched recursively', 'corpus')
  .option('-o, --out <dir>', 'output folder for quotes.jsonl, articles.jsonl, speakers.jsonl, run.json', 'output')
  .option('--rules <dir>', 'rules folder (cue verbs, roles, organisations, speakers)')
  .option('--max-bytes <n>', 'skip files larger than this many bytes', positiveInt, DEFAULT_MAX_BYTES)
  .option('--concurrency <n>', 'files read and processed at once', positiveInt, 8)
  .option('--workers <n>', 'worker threads, each with its own NLP model; 0: all in this thread; auto: one per core (up to 4) from 2,000 files on', workerCount, 'auto' as const)
  .option('--article-timeout-ms <n>', 'time budget per article; an article over it is reported with status "timeout"', positiveInt, 10_000)
  .option('--article-text', 'put each article\'s text (what the offsets count in; for HTML the extracted text) into articles.jsonl')
  .option('--any-language', 'process articles in languages other than English too (the rules read English only; by default such articles get status "unsupported-language")')
  .option('-q, --quiet', 'no progress bar and no summary')
  .addHelpText('after', `
Exit codes:
  0  the run finished; articles that could not be read or processed are listed in articles.jsonl with their status
  1  the run itself failed (output folder not writable, disk full); the previous output is left intact
  2  bad arguments, a missing input folder, or a broken rule file (reported before any article is read)`);

// Usage errors exit 2, as --help says; commander's own default would be 1.
program.exitOverride();
try {
  program.parse();
} catch (error) {
  process.exit(error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') ? 0 : 2);
}
const folder = program.args[0] ?? 'corpus';
if (!existsSync(folder)) {
  console.error(`extract: the input folder ${folder} does not exist`);
  process.exit(2);
}
const options = program.opts<{ out: string; rules?: string; maxBytes: number; concurrency: number; workers: number | 'auto'; articleTimeoutMs: number; articleText?: boolean; anyLanguage?: boolean; quiet?: boolean }>();

const bar = !options.quiet && process.stderr.isTTY
  ? new cliProgress.SingleBar({ format: 'extract [{bar}] {value}/{total} files | {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic)
  : null;

try {
  let started = false;
  const summary = await runExtraction({
    input: folder,
    out: options.out,
    ...(options.rules ? { rulesDir: options.rules } : {}),
    maxBytes: options.maxBytes,
    concurrency: options.concurrency,
    workers: options.workers,
    articleText: Boolean(options.articleText),
    anyLanguage: Boolean(options.anyLanguage),
    articleTimeoutMs: options.articleTimeoutMs,
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) { bar.start(total, 0); started = true; }
      bar.update(done);
    },
  });
  bar?.stop();
  if (!options.quiet) {
    const { counts, timings } = summary;
    console.error(`${counts.files} files, ${counts.articles} articles: ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped`);
    console.error(`${counts.quotes} quotes from ${counts.speakers} speakers → ${summary.output}`);
    console.error(`${timings.seconds} s, ${timings.articles_per_second} articles/s, ${timings.mb_per_second} MB/s, peak ${timings.peak_rss_mb} MB`);
  }
} catch (error) {
  bar?.stop();
  if (error instanceof RuleFileError) {
    console.error(`extract: rule file error: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof OutputError) {
    console.error(`extract: ${error.message}`);
    process.exit(1);
  }
  console.error(`extract: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
}
