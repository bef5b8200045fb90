/**
 * A run: find the input files, process them with ordered concurrency (p-map), and write the four outputs.
 * Every file found is accounted for in articles.jsonl. Outputs are written to a temporary folder inside the
 * output folder and renamed into place at the end (output/folder.ts, which also refuses folders that are not the
 * tool's to write and locks the folder), so a killed run never leaves a torn line or half a result,
 * and the previous output stays intact until the new one is complete.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pMapIterable } from 'p-map';
import { estimateArticles, findInputs, STDIN_PATH, workUnits, type WorkUnit } from './input/feed.ts';
import { DEFAULT_EXCLUDES, stripExtension } from './input/index.ts';
import { OutputError, OutputFolder } from './output/folder.ts';
import { createRecordWriter } from './output/formats.ts';
import { outputFiles, recordFileName, RECORD_FILES, schemaFileName } from './output/names.ts';
import { SpeakerTable } from './output/speakers.ts';
import { jsonSchemaText } from './schema/json-schema.ts';
import { SKIPPED_STATUS_VALUES, type DiscoveryReport, type OutputFormat, type RunSummary } from './schema/records.ts';
import { stopReason, throwIfStopped, untilStopped } from './run/stop.ts';
import { setCollectorFlags } from './run/heap.ts';
import { collidingStems } from './run/colliding-stems.ts';
import type { Scope } from './engine/cue-lexicon.ts';
import { loadRuleSet, type RuleSet } from './engine/rule-set.ts';
import { autoWorkers, UNITS_PER_TASK, WorkerPool } from './pool.ts';
import { unitsInFlight, withMainLane } from './run/lanes.ts';
import { encodeQuotes, isEncodedQuotes, type EncodedQuotes, type FileSettings, type FileSink } from './unit-rows.ts';
import type { ArticleRecord, QuoteRecord } from './records.ts';

export const VERSION = '0.1.0';
/**
 * `--workers auto` starts threads from this many articles: below it the main thread alone is as fast or faster.
 * One thread and the main thread against the main thread alone, the CLI on seed-like articles, 5 paired runs each
 * (5 December 2026, after the ninth round): 1.06× the wall time at 2,000, 0.88× at 3,000, 0.79× at 5,000; 1.01×
 * on 1,000 Wikinews-like articles. (Before the threads shared one compromise it broke even at 5,000.)
 */
const AUTO_WORKERS_FROM = 3_000;
export { OUTPUT_FILES, OutputError, OutputRefusal } from './output/folder.ts';
export type { DiscoveryReport, RunSummary } from './schema/records.ts';
export { RunStopped } from './run/stop.ts';
export { collidingStems } from './run/colliding-stems.ts';

export interface RunOptions {
  input: string;
  out: string;
  rulesDir?: string;
  /** Which cue classes the rules read: `speech` (default: speech and stated beliefs) or `attribution` (also stance, intention, evidence). */
  scope?: Scope;
  maxBytes: number;
  concurrency: number;
  /** Worker threads; 0 runs everything in this thread; `auto` uses one per core (up to 4) for runs of 2,000 files or more. */
  workers: number | 'auto';
  /** Include each article's text in articles.jsonl. */
  articleText?: boolean;
  /** Process articles the rules cannot read (not English) instead of reporting them `unsupported-language`. */
  anyLanguage?: boolean;
  /** Per-article budget; an article over it gets status `timeout` (checked between stages). */
  articleTimeoutMs: number;
  onProgress?: (done: number, total: number) => void;
  /** Replace output files in `out` that the tool's marker does not list as its own. */
  force?: boolean;
  /** Replace the previous output even when no article was read (by default it is kept). */
  allowEmpty?: boolean;
  /** Stops the run (SIGINT, SIGTERM): the partial output is removed and the previous output kept. */
  signal?: AbortSignal;
  /** fast-glob patterns of the files to read (default: every file with an input extension). */
  include?: string[];
  /** fast-glob patterns of files and folders not to read (counted in run.json). */
  exclude?: string[];
  /** Leave out node_modules and hidden files and folders (default true). */
  defaultExcludes?: boolean;
  /** What `-` as the input reads (default: process.stdin). */
  stdin?: AsyncIterable<Buffer | string>;
  /** The format of quotes, articles and speakers (default `jsonl`). */
  format?: OutputFormat;
  /** Speaker entries held in memory before the table spills to disk (default SPEAKERS_HELD, output/speakers.ts). */
  speakersHeld?: number;
}

/** What runExtraction returns: the summary (run.json), and whether the output was put in place. */
export interface RunResult extends RunSummary {
  /** False when no article was read and the previous output was kept (see `allowEmpty`). */
  written: boolean;
}

/** The schema files are written beside the outputs; run.json names its own. */
const RUN_SCHEMA = schemaFileName('run');

interface FileResult {
  unit: WorkUnit;
  articles: ArticleRecord[];
  /** Records, or (from worker threads, for JSON Lines) an article's quotes already written as lines. */
  quotes: Array<QuoteRecord | EncodedQuotes>;
  bytes: number;
}

/** Skipped statuses are files we chose not to read; everything else that is not ok failed. */
export const SKIPPED_STATUSES: ReadonlySet<string> = new Set(SKIPPED_STATUS_VALUES);

/** How often the run reads its resident size for run.json's peak. */
const RSS_EVERY_MS = 100;

/** Resident memory; reading it opens /proc/self/stat, which fails (EMFILE) when descriptors run short. */
function residentBytes(fallback: number): number {
  try {
    return process.memoryUsage.rss();
  } catch {
    return fallback;
  }
}

/** The pipeline in this thread (loaded only for a run without worker threads). */
async function loadInThread(ruleSet: RuleSet): Promise<(unit: WorkUnit, settings: FileSettings, sink: FileSink) => Promise<void>> {
  const [{ createPipeline }, { processUnit }] = await Promise.all([import('./pipeline.ts'), import('./process-file.ts')]);
  const pipeline = createPipeline(ruleSet);
  return (unit, settings, sink) => processUnit(pipeline, unit, settings, sink);
}

export async function runExtraction(options: RunOptions): Promise<RunResult> {
  // Keeps resident memory flat over long runs, and the old space free of garbage V8 took for long-lived (run/heap.ts).
  setCollectorFlags();
  const startedAt = new Date();
  const t0 = performance.now();
  const inputRoot = options.input === STDIN_PATH ? STDIN_PATH : path.resolve(options.input);
  const outDir = path.resolve(options.out);
  // The rules are checked before any work (a broken rule file is a usage error); the NLP stages load only where
  // articles are processed: here with no worker threads, else in each thread (pool.ts).
  const scope = options.scope ?? 'speech';
  const ruleSet = loadRuleSet(options.rulesDir, { scope });
  const { signal } = options;
  // Refusals (output inside the input, foreign files, another run's lock) come before any article is read.
  const format = options.format ?? 'jsonl';
  const folder = await OutputFolder.open(outDir, { inputRoot, force: options.force ?? false, files: outputFiles(format) });
  let found: Awaited<ReturnType<typeof findInputs>>;
  try {
    found = await untilStopped(findInputs(inputRoot, { ...(options.include ? { include: options.include } : {}), ...(options.exclude ? { exclude: options.exclude } : {}), defaultExcludes: options.defaultExcludes ?? true }), signal);
  } catch (error) {
    await folder.discard();
    throw error;
  }
  const entries = found.entries;
  const discovery: DiscoveryReport = {
    include: options.include?.length ? options.include : null,
    exclude: [...(options.defaultExcludes ?? true ? DEFAULT_EXCLUDES.slice(0, 2) : []), ...(options.exclude ?? [])],
    not_read: { count: found.notRead.count, by_extension: found.notRead.byExtension, sample: found.notRead.sample },
    excluded: found.excluded,
    folders_not_searched: found.foldersNotSearched,
  };
  const colliding = collidingStems(entries);
  const partial = folder.partial;
  const withText = options.articleText ?? false;
  const quotesOut = createRecordWriter(format, path.join(partial, recordFileName('quotes', format)), 'quotes', withText);
  const articlesOut = createRecordWriter(format, path.join(partial, recordFileName('articles', format)), 'articles', withText);

  // Threads pay off only for large runs (each loads and compiles its own pipeline, and keeps its own caches).
  // With the user's own rules a worker is used even for small runs: a pattern that runs away can then be stopped.
  const workers = options.workers !== 'auto' ? options.workers
    : await estimateArticles(entries) >= AUTO_WORKERS_FROM ? autoWorkers()
      : options.rulesDir ? 1 : 0;
  const pool = workers > 0 ? new WorkerPool(workers, options.rulesDir, undefined, scope) : null;
  // Beside threads, the main thread processes articles too, except with the user's rules (run/lanes.ts).
  const mainLane = pool === null || !options.rulesDir;
  // Bounded: spills to a folder inside the partial folder, which goes with it on a crash or a stop.
  const speakers = new SpeakerTable({ spillDir: path.join(folder.partial, '.speakers'), ...(options.speakersHeld ? { maxHeld: options.speakersHeld } : {}) });
  const counts = { files: entries.length, files_ok: 0, files_failed: 0, files_skipped: 0, files_not_read: found.notRead.count, files_excluded: found.excluded.count, folders_not_searched: found.foldersNotSearched.count, articles: 0, ok: 0, failed: 0, skipped: 0, quotes: 0, speakers: 0 };
  let bytes = 0;
  let done = 0;
  let peakRss = residentBytes(0);
  let rssReadAt = performance.now();

  try {
    // The threads load their pipelines while this thread loads its own, and then starts on the queue's units while
    // they finish (pool.ts holds units for the threads until all are ready). A failure to start fails every unit
    // queued for the threads, and the run below; without the main lane there is nothing to do until they are ready.
    const starting = pool?.start();
    starting?.catch(() => undefined);
    const inThread = mainLane ? await untilStopped(loadInThread(ruleSet), signal) : null;
    if (!inThread && starting) await untilStopped(starting, signal);
    const processUnit = pool && inThread ? withMainLane(pool, inThread) : pool ? pool.processUnit.bind(pool) : inThread;
    if (!processUnit) throw new Error('a run needs worker threads or the main thread to process articles');
    // A JSONL file comes as several units; a file's tally is complete with its `last` unit.
    let fileRows = { any: false, ok: false, allSkipped: true };
    const results = pMapIterable(workUnits(entries, { maxBytes: options.maxBytes, ...(options.stdin ? { stdin: options.stdin } : {}) }), async (unit): Promise<FileResult> => {
      const { entry } = unit;
      const settings: FileSettings = { maxBytes: options.maxBytes, articleTimeoutMs: options.articleTimeoutMs, keepExtension: colliding.has(stripExtension(entry.relativePath)), articleText: options.articleText ?? false, anyLanguage: options.anyLanguage ?? false, encodeQuotes: format === 'jsonl' };
      const result: FileResult = { unit, articles: [], quotes: [], bytes: 0 };
      const sink: FileSink = {
        record: (article) => result.articles.push(article),
        begin: () => undefined,
        processed: (_, article, quotes, bytes) => {
          result.articles.push(article);
          // This thread's quotes for JSON Lines are encoded at once, as a worker thread's are (EncodedQuotes): as
          // records they would wait here for their turn, long enough to outlive the young generation.
          if (Array.isArray(quotes) && settings.encodeQuotes) result.quotes.push(encodeQuotes(quotes));
          // One push per quote: spreading 150,000 quotes into push() overflows the call stack.
          else if (Array.isArray(quotes)) for (const quote of quotes) result.quotes.push(quote);
          else result.quotes.push(quotes);
          result.bytes += bytes;
        },
      };
      await processUnit(unit, settings, sink);
      // JSONL records and their problems come back in line order.
      result.articles.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      return result;
    // With threads, enough units in flight that each thread has a group at work and the next one waiting, and
    // (with the main lane) the main thread its own.
    }, { concurrency: pool && mainLane ? unitsInFlight(workers, options.concurrency) : Math.max(options.concurrency, workers * 2 * UNITS_PER_TASK) });
    // Iterated by hand so that a stop does not wait for the file in flight.
    const iterator = results[Symbol.asyncIterator]();
    for (;;) {
      const next = await untilStopped(iterator.next(), signal);
      if (next.done) break;
      const result = next.value;
      for (const article of result.articles) {
        await articlesOut.write(article, signal);
        counts.articles++;
        if (article.status === 'ok') counts.ok++;
        else if (SKIPPED_STATUSES.has(article.status)) counts.skipped++;
        else counts.failed++;
        fileRows.any = true;
        if (article.status === 'ok') fileRows.ok = true;
        if (!SKIPPED_STATUSES.has(article.status)) fileRows.allSkipped = false;
      }
      // A file is ok when at least one of its articles is; skipped when we chose not to read it.
      if (result.unit.last) {
        if (fileRows.ok) counts.files_ok++;
        else if (fileRows.any && fileRows.allSkipped) counts.files_skipped++;
        else counts.files_failed++;
        fileRows = { any: false, ok: false, allSkipped: true };
      }
      for (const quote of result.quotes) {
        if (isEncodedQuotes(quote)) {
          if (!quotesOut.writeLines) throw new Error(`quotes came as JSON lines for a ${format} file`);
          await quotesOut.writeLines(quote.lines, signal);
          counts.quotes += quote.count;
          for (const fact of quote.speakers) speakers.add(fact);
          continue;
        }
        await quotesOut.write(quote, signal);
        counts.quotes++;
        speakers.add(quote);
      }
      await speakers.spillIfFull();
      bytes += result.bytes;
      // Reading the resident size costs a file read (/proc): a few times a second is enough for a peak.
      const now = performance.now();
      if (now - rssReadAt >= RSS_EVERY_MS) {
        rssReadAt = now;
        peakRss = Math.max(peakRss, residentBytes(peakRss));
      }
      if (!result.unit.last) continue;
      done++;
      options.onProgress?.(done, entries.length);
    }
    peakRss = Math.max(peakRss, residentBytes(peakRss));
    await starting;
    await pool?.close();
    await Promise.all([quotesOut.close(), articlesOut.close()]);

    const speakersOut = createRecordWriter(format, path.join(partial, recordFileName('speakers', format)), 'speakers', withText);
    try {
      // Merging spilled speakers takes a while on a large run: a stop does not wait for it.
      for await (const speaker of speakers.records()) {
        throwIfStopped(signal);
        await speakersOut.write(speaker, signal);
      }
      await speakersOut.close();
    } catch (error) {
      speakersOut.destroy();
      throw error;
    }
    counts.speakers = speakers.size;
    for (const name of [...RECORD_FILES, 'run' as const]) await writeFile(path.join(partial, schemaFileName(name)), jsonSchemaText(name));

    const seconds = (performance.now() - t0) / 1000;
    const summary: RunSummary = {
      $schema: RUN_SCHEMA,
      version: VERSION,
      input_root: inputRoot,
      output: outDir,
      format,
      options: { max_bytes: options.maxBytes, concurrency: options.concurrency, workers, article_text: options.articleText ?? false, article_timeout_ms: options.articleTimeoutMs, any_language: options.anyLanguage ?? false, scope, rules: ruleSet.lexicon.rulesDir },
      counts,
      timings: {
        seconds: Math.round(seconds * 1000) / 1000,
        articles_per_second: seconds > 0 ? Math.round((counts.ok / seconds) * 10) / 10 : 0,
        mb_per_second: seconds > 0 ? Math.round((bytes / 1e6 / seconds) * 100) / 100 : 0,
        peak_rss_mb: Math.round(peakRss / 1e6),
      },
      discovery,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
    };
    await writeFile(path.join(partial, 'run.json'), `${JSON.stringify(summary, null, 2)}\n`);
    throwIfStopped(signal);
    // A run that read nothing (an empty folder, every file failed) does not replace a previous result.
    if (counts.ok === 0 && folder.hasPrevious && !options.allowEmpty) {
      await folder.discard();
      return { ...summary, written: false };
    }
    await folder.commit();
    return { ...summary, written: true };
  } catch (error) {
    await pool?.close();
    quotesOut.destroy();
    articlesOut.destroy();
    await folder.discard();
    if (signal?.aborted) throw stopReason(signal);
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && ['ENOSPC', 'EFBIG', 'EACCES', 'EROFS', 'EDQUOT', 'EPERM', 'EIO'].includes(error.code)) {
      throw new OutputError(`writing the output failed (${error.code}): ${error.message}; the previous output is left as it was`);
    }
    throw error;
  }
}
