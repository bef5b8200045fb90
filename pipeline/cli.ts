/** `npm run extract -- [folder] [--out dir]`: find who said what in a folder of news articles. */
import { existsSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { DEFAULT_MAX_BYTES } from './input/index.ts';
import { RuleFileError } from './lexicon.ts';
import { describeNotRead } from './input/report.ts';
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

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const program = new Command()
  .name('extract')
  .description('Find direct, mixed and indirect quotes in news articles (.txt, .md, .html, .htm, .jsonl, .ndjson, and each of them .gz), attribute each to a canonical speaker, and write JSONL.')
  .version(VERSION)
  .argument('[folder]', 'folder of articles, searched recursively (or one file; `-`: standard input, one article or JSON Lines)', 'corpus')
  .option('-o, --out <dir>', 'output folder for quotes.jsonl, articles.jsonl, speakers.jsonl, run.json', 'output')
  .option('--rules <dir>', 'rules folder (cue verbs, roles, organisations, speakers)')
  .option('--max-bytes <n>', 'size limit per article: a larger file (decompressed, for .gz) or JSON Lines record is not read (status too-large); a JSON Lines file as a whole has no limit', positiveInt, DEFAULT_MAX_BYTES)
  .option('--include <glob>', 'read only files matching this fast-glob pattern, relative to the folder (repeatable; e.g. "**/*.story", read as plain text); default: every file with an input extension', collect)
  .option('--exclude <glob>', 'do not read files or folders matching this fast-glob pattern (repeatable; e.g. "drafts/**"); they are counted in run.json', collect)
  .option('--no-default-excludes', 'also search node_modules folders and hidden (dot) files and folders, which are left out by default')
  .option('--concurrency <n>', 'files (or batches of JSON Lines records) read and processed at once', positiveInt, 8)
  .option('--workers <n>', 'worker threads, each with its own NLP model; 0: all in this thread; auto: one per core (up to 4) from about 2,000 articles on (files, or JSON Lines records estimated from the size)', workerCount, 'auto' as const)
  .option('--article-timeout-ms <n>', 'time budget per article; an article over it is reported with status "timeout"', positiveInt, 10_000)
  .option('--article-text', 'put each article\'s text (what the offsets count in; for HTML the extracted text) into articles.jsonl')
  .option('-q, --quiet', 'no progress bar and no summary')
  .addHelpText('after', `
Exit codes:
  0  the run finished; articles that could not be read or processed are listed in articles.jsonl with their status
  1  the run itself failed (output folder not writable, disk full); the previous output is left intact
  2  bad arguments, a missing input folder, or a broken rule file (reported before any article is read)

Files found but not read (other extensions, hidden files, --exclude matches) and folders not searched
(node_modules and hidden folders, unless --no-default-excludes) are counted in run.json and in the summary.`);

// Usage errors exit 2, as --help says; commander's own default would be 1.
program.exitOverride();
try {
  program.parse();
} catch (error) {
  process.exit(error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') ? 0 : 2);
}
const folder = program.args[0] ?? 'corpus';
if (folder !== '-' && !existsSync(folder)) {
  console.error(`extract: the input folder ${folder} does not exist`);
  process.exit(2);
}
const options = program.opts<{ out: string; rules?: string; maxBytes: number; include?: string[]; exclude?: string[]; defaultExcludes: boolean; concurrency: number; workers: number | 'auto'; articleTimeoutMs: number; articleText?: boolean; quiet?: boolean }>();

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
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    defaultExcludes: options.defaultExcludes,
    concurrency: options.concurrency,
    workers: options.workers,
    articleText: Boolean(options.articleText),
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
    const notRead = describeNotRead(summary);
    if (notRead) console.error(notRead);
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
