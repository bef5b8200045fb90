/**
 * One input file through the pipeline: load it, then run every article it holds, reporting as it goes so that
 * a caller (the run, or a worker thread) can account for each article even if a later one never finishes.
 */
import { loadInput, stripExtension, type FileProblem, type InputEntry, type RawArticle } from './input/index.ts';
import type { WorkUnit } from './input/feed.ts';
import { detectLanguage, languageName, rulesRead } from './language.ts';
import { processArticle, type Pipeline } from './pipeline.ts';
import { articleRecord, OFFSETS_NOTE, quoteRecords, type ArticleRecord, type QuoteRecord } from './records.ts';

export interface FileSettings {
  maxBytes: number;
  /** Per-article budget, checked between stages (a worker pool also enforces it from outside). */
  articleTimeoutMs: number;
  /** Keep the extension in article ids: another file in the folder has the same name. */
  keepExtension: boolean;
  /** Put the article text (what offsets refer to) into articles.jsonl. */
  articleText: boolean;
  /**
   * Articles (by index in the unit) that a stopped worker thread was on, with the reason: reported as `timeout`
   * and not run again when the pool runs the unit anew (see pool.ts).
   */
  stopped?: ReadonlyArray<{ index: number; reason: string }>;
  /** Process articles in languages the rules cannot read (see language.ts) instead of reporting them. */
  anyLanguage?: boolean;
}

export interface FileSink {
  /** Article `index` of the unit is next (before its language is detected): a watchdog's mark. */
  visit?(index: number): void;
  /** A file-level problem or an article that failed: already a finished record. */
  record(article: ArticleRecord): void;
  /** Article `index` of the file is about to be processed. */
  begin(index: number, article: { articleId: string; sourcePath: string; line: number | null }): void;
  processed(index: number, article: ArticleRecord, quotes: QuoteRecord[], bytes: number): void;
}

export function problemRecord(fields: { articleId: string; sourcePath: string; status: string; reason: string; line?: number | null; language?: string }, withText = false): ArticleRecord {
  return {
    article_id: fields.articleId, source_path: fields.sourcePath, title: null, title_source: null, date: null, date_source: null,
    author: null, author_source: null, url: null, language: fields.language ?? null,
    status: fields.status, reason: fields.reason, quotes: 0, chars: 0, format: null, encoding: null,
    offsets: OFFSETS_NOTE, paragraphs: 0, sentences: 0, line: fields.line ?? null,
    ...(withText ? { text: null } : {}),
  };
}

class ArticleTimeout extends Error {}

/** `item` with its id made unique in the folder (see `keepExtension`). */
export function withUniqueId<T extends { articleId: string }>(item: T, entry: InputEntry, keepExtension: boolean): T {
  const stem = stripExtension(entry.relativePath);
  if (!keepExtension || !item.articleId.startsWith(stem)) return item;
  return { ...item, articleId: entry.relativePath + item.articleId.slice(stem.length) };
}

/** The id of a file's article (or of a problem with the whole file): the same whichever way it fails. */
export const fileArticleId = (entry: InputEntry, keepExtension: boolean): string =>
  withUniqueId({ articleId: stripExtension(entry.relativePath) }, entry, keepExtension).articleId;

/** The problems a records unit carries (found while its lines were read), as rows. */
export function unitProblemRecords(problems: FileProblem[], entry: InputEntry, settings: FileSettings): ArticleRecord[] {
  return problems.map((problem) => problemRecord(withUniqueId(problem, entry, settings.keepExtension), settings.articleText));
}

function budgeted(pipeline: Pipeline, timeoutMs: number): { pipeline: Pipeline; restart(): void } {
  let started = performance.now();
  return {
    restart: () => { started = performance.now(); },
    pipeline: {
      ...pipeline,
      stages: pipeline.stages.map((stage) => ({
        name: stage.name,
        run: (ctx) => {
          stage.run(ctx);
          if (performance.now() - started > timeoutMs) throw new ArticleTimeout(`over the ${timeoutMs} ms budget after the ${stage.name} stage`);
        },
      })),
    },
  };
}

export async function processFile(pipeline: Pipeline, entry: InputEntry, settings: FileSettings, sink: FileSink): Promise<void> {
  const loaded = await loadInput(entry, { maxBytes: settings.maxBytes });
  for (const problem of loaded.problems) sink.record(problemRecord(withUniqueId(problem, entry, settings.keepExtension), settings.articleText));
  processArticles(pipeline, entry, loaded.articles, settings, sink);
}

/** One unit of the run's feed: a file, or a batch of JSON Lines records read by the main thread. */
export async function processUnit(pipeline: Pipeline, unit: WorkUnit, settings: FileSettings, sink: FileSink): Promise<void> {
  if (unit.kind === 'file') return processFile(pipeline, unit.entry, settings, sink);
  for (const row of unitProblemRecords(unit.problems, unit.entry, settings)) sink.record(row);
  processArticles(pipeline, unit.entry, unit.articles, settings, sink);
}

function processArticles(pipeline: Pipeline, entry: InputEntry, articles: RawArticle[], settings: FileSettings, sink: FileSink): void {
  const budget = budgeted(pipeline, settings.articleTimeoutMs);
  const stopped = new Map((settings.stopped ?? []).map(({ index, reason }) => [index, reason]));
  articles.forEach((original: RawArticle, index) => {
    sink.visit?.(index);
    const raw = withUniqueId(original, entry, settings.keepExtension);
    const line = raw.line ?? null;
    const stoppedBy = stopped.get(index);
    if (stoppedBy !== undefined) {
      sink.record(problemRecord({ articleId: raw.articleId, sourcePath: raw.sourcePath, status: 'timeout', reason: stoppedBy, line }, settings.articleText));
      return;
    }
    const language = detectLanguage(raw.text);
    if (!rulesRead(language) && !settings.anyLanguage) {
      const reason = `the text reads as ${languageName(language)}; the rules read English only, so no quotes were looked for (--any-language processes it anyway)`;
      sink.record(problemRecord({ articleId: raw.articleId, sourcePath: raw.sourcePath, status: 'unsupported-language', reason, line, language }, settings.articleText));
      return;
    }
    sink.begin(index, { articleId: raw.articleId, sourcePath: raw.sourcePath, line });
    let done: { article: ArticleRecord; quotes: QuoteRecord[] };
    try {
      budget.restart();
      const ctx = processArticle(budget.pipeline, { ...raw, language });
      done = { article: articleRecord(ctx, line, settings.articleText), quotes: quoteRecords(ctx) };
    } catch (error) {
      const status = error instanceof ArticleTimeout ? 'timeout' : 'error';
      sink.record(problemRecord({ articleId: raw.articleId, sourcePath: raw.sourcePath, status, reason: error instanceof Error ? error.message : String(error), line }, settings.articleText));
      return;
    }
    // Outside the try: a failure of the sink is not the article's, and must not add an error row to an ok one.
    sink.processed(index, done.article, done.quotes, Buffer.byteLength(raw.text));
  });
}
