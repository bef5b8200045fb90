/**
 * The `extract` command as a function: `main(argv, io)` parses the arguments, runs the extraction and returns the
 * exit code, writing only to `io`. pipeline/cli.ts calls it for the real process (argv, streams, signals, exit);
 * tests call it in-process.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { DEFAULT_MAX_BYTES } from '../input/index.ts';
import { RuleFileError } from '../lexicon.ts';
import { describeNotRead } from '../input/report.ts';
import { OutputError, OutputRefusal, RunStopped, runExtraction, VERSION } from '../run.ts';
import { userFolder } from './paths.ts';
import { exitCodeOf } from './signals.ts';
import { reportAfterRun } from '../report/after-run.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../schema/records.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the command reads and writes: the process's own streams, folder and environment, or a test's. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** What `-` reads (default: process.stdin). */
  stdin?: AsyncIterable<Buffer | string>;
  /** Stops the run (the CLI's signal handlers); its reason is a RunStopped. */
  signal?: AbortSignal;
}

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

function command(io: CliIo): Command {
  return new Command()
    .name('extract')
    .description('Find direct, mixed and indirect quotes in news articles (.txt, .md, .html, .htm, .jsonl, .ndjson, and each of them .gz), attribute each to a canonical speaker, and write JSONL.')
    .version(VERSION)
    .argument('[folder]', 'folder of articles, searched recursively (or one file; `-`: standard input, one article or JSON Lines)', 'corpus')
    .option('-o, --out <dir>', 'output folder for quotes, articles and speakers (in the --format chosen), their JSON Schemas, and run.json', 'output')
    .addOption(new Option('--format <format>', 'format of quotes, articles and speakers: jsonl (JSON Lines), csv (RFC 4180, with a header row) or parquet (typed nullable columns); run.json stays JSON').choices(OUTPUT_FORMATS).default('jsonl'))
    .option('--rules <dir>', 'rules folder (cue verbs, roles, organisations, speakers)')
    .addOption(new Option('--scope <scope>', 'which cues the rules read: speech (reported speech and stated beliefs) or attribution (also stances, intentions and evidence: "endorsed", "plans to", "the audit found")').choices(['speech', 'attribution']).default('speech'))
    .option('--max-bytes <n>', 'size limit per article: a larger file (decompressed, for .gz) or JSON Lines record is not read (status too-large); a JSON Lines file as a whole has no limit', positiveInt, DEFAULT_MAX_BYTES)
    .option('--include <glob>', 'read only files matching this fast-glob pattern, relative to the folder (repeatable; e.g. "**/*.story", read as plain text); default: every file with an input extension', collect)
    .option('--exclude <glob>', 'do not read files or folders matching this fast-glob pattern (repeatable; e.g. "drafts/**"); they are counted in run.json', collect)
    .option('--no-default-excludes', 'also search node_modules folders and hidden (dot) files and folders, which are left out by default')
    .option('--concurrency <n>', 'files (or batches of JSON Lines records) read and processed at once', positiveInt, 8)
    .option('--workers <n>', 'worker threads, each with its own NLP model; the main thread works beside them (not with --rules); 0: all in the main thread; auto: one per core but one (up to 3) from about 5,000 articles on (files, or JSON Lines records estimated from the size)', workerCount, 'auto' as const)
    .option('--article-timeout-ms <n>', 'time budget per article; an article over it is reported with status "timeout"', positiveInt, 10_000)
    .option('--article-text', 'put each article\'s text (what the offsets count in; for HTML the extracted text) into articles.jsonl')
    .option('--report', 'also write report.html into the output folder, as npm run report does (with --article-text it shows each article\'s text)')
    .option('--any-language', 'process articles in languages other than English too (the rules read English only; by default such articles get status "unsupported-language")')
    .option('-q, --quiet', 'no progress bar and no summary')
    .option('--force', 'replace output files (quotes.jsonl or .csv or .parquet, articles…, speakers…, their .schema.json, run.json) in the output folder even if this tool did not write them')
    .option('--allow-empty', 'replace the previous output even when no article could be read (by default it is kept)')
    .option('--strict', 'exit 3 when any article failed or none was read (the output is written all the same)')
    .addHelpText('after', `
Paths are relative to the folder you run the command from (also with npm run extract from a subfolder).

Exit codes:
  0    the run finished; articles that could not be read or processed are listed in articles.jsonl with their status
  1    the run itself failed (output folder not writable, disk full); the previous output is left intact
  2    nothing was done: bad arguments, a missing input folder, a broken rule file, an output folder that is or
       lies inside the input folder, holds output files this tool did not write (see --force), or is in use by
       another run
  3    with --strict: some article failed, or none was read
  130  stopped by SIGINT (Ctrl-C), 143 by SIGTERM: the previous output is left intact, the temporary files removed

Files found but not read (other extensions, hidden files, --exclude matches) and folders not searched
(node_modules and hidden folders, unless --no-default-excludes) are counted in run.json and in the summary.`)
    // Usage errors exit 2, as --help says; commander's own default would be 1.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
}

/** Runs `extract` with the arguments after the command's name; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (line: string): void => { io.stderr.write(`${line}\n`); };
  const program = command(io);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    return error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') ? 0 : 2;
  }
  const options = program.opts<{ out: string; format: OutputFormat; scope: 'speech' | 'attribution'; rules?: string; maxBytes: number; include?: string[]; exclude?: string[]; defaultExcludes: boolean; concurrency: number; workers: number | 'auto'; articleTimeoutMs: number; articleText?: boolean; report?: boolean; anyLanguage?: boolean; quiet?: boolean; force?: boolean; allowEmpty?: boolean; strict?: boolean }>();
  // Paths the user typed are relative to where the user stands; the defaults (corpus, output) to the current folder.
  const here = userFolder(PROJECT_ROOT, io.env, io.cwd);
  const folder = program.args[0] === undefined ? path.resolve(io.cwd, 'corpus') : program.args[0] === '-' ? '-' : path.resolve(here, program.args[0]);
  const out = program.getOptionValueSource('out') === 'default' ? path.resolve(io.cwd, options.out) : path.resolve(here, options.out);
  const rules = options.rules === undefined ? undefined : path.resolve(here, options.rules);
  if (options.report && options.format !== 'jsonl') {
    say(`extract: --report reads JSON Lines output; it cannot go with --format ${options.format}`);
    return 2;
  }
  if (folder !== '-' && !existsSync(folder)) {
    say(`extract: the input folder ${folder} does not exist`);
    return 2;
  }

  const bar = !options.quiet && io.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'extract [{bar}] {value}/{total} files | {eta_formatted} left', stream: io.stderr }, cliProgress.Presets.shades_classic)
    : null;
  const { signal } = io;

  try {
    let started = false;
    const summary = await runExtraction({
      input: folder,
      out,
      ...(rules ? { rulesDir: rules } : {}),
      format: options.format,
      scope: options.scope,
      force: Boolean(options.force),
      allowEmpty: Boolean(options.allowEmpty),
      ...(signal ? { signal } : {}),
      ...(io.stdin ? { stdin: io.stdin } : {}),
      maxBytes: options.maxBytes,
      ...(options.include ? { include: options.include } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      defaultExcludes: options.defaultExcludes,
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
    const { counts, timings } = summary;
    if (!options.quiet) {
      say(`${counts.files} files, ${counts.articles} articles: ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped`);
      const notRead = describeNotRead(summary);
      if (notRead) say(notRead);
      if (summary.written) say(`${counts.quotes} quotes from ${counts.speakers} speakers → ${summary.output}`);
      say(`${timings.seconds} s, ${timings.articles_per_second} articles/s, ${timings.mb_per_second} MB/s, peak ${timings.peak_rss_mb} MB`);
    }
    // Warnings are printed even with --quiet: they say the output is not what the user may think.
    if (counts.ok === 0) {
      const what = counts.files === 0 ? `no article files were found in ${summary.input_root}` : `no article could be read (${counts.failed} failed, ${counts.skipped} skipped)`;
      say(summary.written
        ? `extract: warning: ${what}; ${summary.output} now holds an empty result`
        : `extract: warning: ${what}; the previous output in ${summary.output} is kept. Pass --allow-empty to replace it`);
    }
    if (signal?.aborted) say(`extract: ${(signal.reason as RunStopped).message} while the output was being put in place; the new output is complete`);
    if (options.report && !signal?.aborted) {
      const failed = await reportAfterRun(summary.output, summary.written, Boolean(options.quiet), say, signal);
      if (failed !== null) return failed;
    }
    if (options.strict && (counts.failed > 0 || counts.ok === 0)) {
      say(`extract: --strict: ${counts.ok === 0 ? 'no article was read' : `${counts.failed} of ${counts.articles} articles failed (see their status in articles.jsonl)`}`);
      return 3;
    }
    return 0;
  } catch (error) {
    bar?.stop();
    if (error instanceof RunStopped) {
      say(`extract: ${error.message}; the previous output in ${path.resolve(out)} is left as it was`);
      return exitCodeOf(error.reason);
    }
    if (error instanceof OutputRefusal) {
      say(`extract: ${error.message}`);
      return 2;
    }
    if (error instanceof RuleFileError) {
      say(`extract: rule file error: ${error.message}`);
      return 2;
    }
    if (error instanceof OutputError) {
      say(`extract: ${error.message}`);
      return 1;
    }
    say(`extract: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return 1;
  }
}
