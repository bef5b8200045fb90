/**
 * One input file through the pipeline: load it, then run every article it holds, reporting as it goes so that
 * a caller (the run, or a worker thread) can account for each article even if a later one never finishes.
 */
import { loadInput, type InputEntry, type RawArticle } from './input/index.ts';
import type { WorkUnit } from './input/feed.ts';
import { detectLanguage, languageName, rulesRead } from './language.ts';
import { processArticle, type Pipeline } from './pipeline.ts';
import { articleRecord, quoteRecords, type ArticleRecord, type QuoteRecord } from './records.ts';
import { problemRecord, unitProblemRecords, withUniqueId, type FileSettings, type FileSink } from './unit-rows.ts';

export { fileArticleId, problemRecord, unitProblemRecords, withUniqueId, type FileSettings, type FileSink } from './unit-rows.ts';

class ArticleTimeout extends Error {}

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
