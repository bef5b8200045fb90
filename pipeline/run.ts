/**
 * A run: find the input files, process them with ordered concurrency (p-map), and write the four outputs.
 * Every file found is accounted for in articles.jsonl. Outputs are written to a temporary folder inside the
 * output folder and renamed into place at the end, so a killed run never leaves a torn line or half a result,
 * and the previous output stays intact until the new one is complete.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pMapIterable } from 'p-map';
import { discoverInputs, stripExtension, type InputEntry } from './input/index.ts';
import { createPipeline } from './pipeline.ts';
import { WorkerPool } from './pool.ts';
import { processFile, type FileSettings, type FileSink } from './process-file.ts';
import type { ArticleRecord, QuoteRecord } from './records.ts';

export const VERSION = '0.1.0';
const AUTO_WORKERS_FROM = 2_000;
export const OUTPUT_FILES = ['quotes.jsonl', 'articles.jsonl', 'speakers.jsonl', 'run.json'] as const;

export interface RunOptions {
  input: string;
  out: string;
  rulesDir?: string;
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
}

export interface RunSummary {
  version: string;
  input_root: string;
  output: string;
  options: { max_bytes: number; concurrency: number; workers: number; article_text: boolean; article_timeout_ms: number; any_language: boolean; rules: string };
  counts: { files: number; files_ok: number; files_failed: number; files_skipped: number; articles: number; ok: number; failed: number; skipped: number; quotes: number; speakers: number };
  timings: { seconds: number; articles_per_second: number; mb_per_second: number; peak_rss_mb: number };
  started_at: string;
  finished_at: string;
}

interface FileResult {
  entry: InputEntry;
  articles: ArticleRecord[];
  quotes: QuoteRecord[];
  bytes: number;
}

interface SpeakerAggregate {
  name: string;
  type: string | null;
  roles: Set<string>;
  mentions: Set<string>;
  quotes: number;
  articles: Set<string>;
}

/** Skipped statuses are files we chose not to read; everything else that is not ok failed. */
export const SKIPPED_STATUSES = new Set(['too-large', 'outside-root', 'not-a-file', 'broken-symlink', 'symlink-loop', 'missing', 'unsupported-language']);

/**
 * `a.txt` and `a.md` in one folder would both be article `a`; such files keep their extension in the id
 * (`a.txt`, `a.md`) so that every article id names one article.
 */
export function collidingStems(entries: InputEntry[]): Set<string> {
  const seen = new Set<string>();
  const colliding = new Set<string>();
  for (const entry of entries) {
    const stem = stripExtension(entry.relativePath);
    if (seen.has(stem)) colliding.add(stem);
    seen.add(stem);
  }
  return colliding;
}

/** Buffered: waits only when the stream asks for it (backpressure); write errors surface through `streamError`. */
async function writeLine(stream: WriteStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.end(() => resolve());
  });
}

export class OutputError extends Error {}

export async function runExtraction(options: RunOptions): Promise<RunSummary> {
  const startedAt = new Date();
  const t0 = performance.now();
  const inputRoot = path.resolve(options.input);
  const outDir = path.resolve(options.out);
  const pipeline = createPipeline(options.rulesDir);
  const entries = await discoverInputs(inputRoot);
  const colliding = collidingStems(entries);

  const partial = path.join(outDir, `.partial-${process.pid}`);
  try {
    await mkdir(partial, { recursive: true });
  } catch (error) {
    throw new OutputError(`cannot write to the output folder ${outDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Leftovers of killed runs are rebuilt, never resumed half-way.
  for (const name of await readdir(outDir)) {
    if (name.startsWith('.partial-') && path.join(outDir, name) !== partial) await rm(path.join(outDir, name), { recursive: true, force: true });
  }
  const quotesStream = createWriteStream(path.join(partial, 'quotes.jsonl'));
  const articlesStream = createWriteStream(path.join(partial, 'articles.jsonl'));
  const streamError = new Promise<never>((_, reject) => {
    quotesStream.on('error', reject);
    articlesStream.on('error', reject);
  });
  streamError.catch(() => undefined);

  // Starting a worker (its own model, its own compile) costs seconds: worth it only for large runs.
  // With the user's own rules a worker is used even for small runs: a pattern that runs away can then be stopped.
  const workers = options.workers !== 'auto' ? options.workers
    : entries.length >= AUTO_WORKERS_FROM ? Math.min(availableParallelism(), 4)
      : options.rulesDir ? 1 : 0;
  const pool = workers > 0 ? new WorkerPool(workers, options.rulesDir) : null;
  const speakers = new Map<string, SpeakerAggregate>();
  const counts = { files: entries.length, files_ok: 0, files_failed: 0, files_skipped: 0, articles: 0, ok: 0, failed: 0, skipped: 0, quotes: 0, speakers: 0 };
  let bytes = 0;
  let done = 0;
  let peakRss = process.memoryUsage().rss;

  try {
    if (pool) await pool.start();
    const results = pMapIterable(entries, async (entry): Promise<FileResult> => {
      const result: FileResult = { entry, articles: [], quotes: [], bytes: 0 };
      const sink: FileSink = {
        record: (article) => result.articles.push(article),
        begin: () => undefined,
        processed: (_, article, quotes, bytes) => {
          result.articles.push(article);
          result.quotes.push(...quotes);
          result.bytes += bytes;
        },
      };
      const settings: FileSettings = { maxBytes: options.maxBytes, articleTimeoutMs: options.articleTimeoutMs, keepExtension: colliding.has(stripExtension(entry.relativePath)), articleText: options.articleText ?? false, skip: 0, anyLanguage: options.anyLanguage ?? false };
      if (pool) await pool.processFile(entry, settings, sink);
      else await processFile(pipeline, entry, settings, sink);
      // JSONL records and their problems come back in line order.
      result.articles.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      return result;
    }, { concurrency: Math.max(options.concurrency, workers * 2) });
    for await (const result of results) {
      for (const article of result.articles) {
        await Promise.race([writeLine(articlesStream, article), streamError]);
        counts.articles++;
        if (article.status === 'ok') counts.ok++;
        else if (SKIPPED_STATUSES.has(article.status)) counts.skipped++;
        else counts.failed++;
      }
      // A file is ok when at least one of its articles is; skipped when we chose not to read it.
      if (result.articles.some((a) => a.status === 'ok')) counts.files_ok++;
      else if (result.articles.length > 0 && result.articles.every((a) => SKIPPED_STATUSES.has(a.status))) counts.files_skipped++;
      else counts.files_failed++;
      for (const quote of result.quotes) {
        await Promise.race([writeLine(quotesStream, quote), streamError]);
        counts.quotes++;
        if (!quote.speaker) continue;
        // A speaker nothing resolved ("the company", an unknown "Haddad") may be someone else in another
        // article: such speakers are counted per article.
        const scope = quote.resolution === 'mention' ? quote.article_id : '';
        const key = `${quote.speaker_type ?? ''}\u0000${quote.speaker}\u0000${scope}`;
        const aggregate = speakers.get(key) ?? { name: quote.speaker, type: quote.speaker_type, roles: new Set<string>(), mentions: new Set<string>(), quotes: 0, articles: new Set<string>() };
        if (quote.speaker_role) aggregate.roles.add(quote.speaker_role);
        if (quote.speaker_mention) aggregate.mentions.add(quote.speaker_mention);
        aggregate.quotes++;
        aggregate.articles.add(quote.article_id);
        speakers.set(key, aggregate);
      }
      bytes += result.bytes;
      done++;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      options.onProgress?.(done, entries.length);
    }
    await pool?.close();
    await Promise.race([Promise.all([closeStream(quotesStream), closeStream(articlesStream)]), streamError]);

    const speakerLines = [...speakers.values()]
      .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name))
      .map((s) => JSON.stringify({ name: s.name, type: s.type, roles: [...s.roles].sort(), mentions: [...s.mentions].sort(), quotes: s.quotes, articles: [...s.articles].sort() }));
    counts.speakers = speakerLines.length;
    await writeFile(path.join(partial, 'speakers.jsonl'), speakerLines.length ? `${speakerLines.join('\n')}\n` : '');

    const seconds = (performance.now() - t0) / 1000;
    const summary: RunSummary = {
      version: VERSION,
      input_root: inputRoot,
      output: outDir,
      options: { max_bytes: options.maxBytes, concurrency: options.concurrency, workers, article_text: options.articleText ?? false, article_timeout_ms: options.articleTimeoutMs, any_language: options.anyLanguage ?? false, rules: pipeline.lexicon.rulesDir },
      counts,
      timings: {
        seconds: Math.round(seconds * 1000) / 1000,
        articles_per_second: seconds > 0 ? Math.round((counts.ok / seconds) * 10) / 10 : 0,
        mb_per_second: seconds > 0 ? Math.round((bytes / 1e6 / seconds) * 100) / 100 : 0,
        peak_rss_mb: Math.round(peakRss / 1e6),
      },
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
    };
    await writeFile(path.join(partial, 'run.json'), `${JSON.stringify(summary, null, 2)}\n`);
    // run.json goes last: its presence says the other three are complete.
    // The old run.json goes first and the new one comes last: while run.json is absent the folder is
    // mid-swap, and when it is present the other three files belong to it.
    await rm(path.join(outDir, 'run.json'), { force: true });
    for (const name of OUTPUT_FILES) await rename(path.join(partial, name), path.join(outDir, name));
    await rm(partial, { recursive: true, force: true });
    return summary;
  } catch (error) {
    await pool?.close();
    quotesStream.destroy();
    articlesStream.destroy();
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && ['ENOSPC', 'EFBIG', 'EACCES', 'EROFS', 'EDQUOT', 'EPERM', 'EIO'].includes(error.code)) {
      throw new OutputError(`writing the output failed (${error.code}): ${error.message}; the previous output is left as it was`);
    }
    throw error;
  }
}
