/**
 * What a unit's processing reports and the rows that need no pipeline (an article's problem, its id), shared by
 * the in-thread run (process-file.ts) and the worker pool, which must not load the NLP stack on the main thread.
 */
import { stripExtension, type FileProblem, type InputEntry } from './input/index.ts';
import { OFFSETS_NOTE, type ArticleRecord, type QuoteRecord } from './records.ts';
import { ArticleStatus } from './schema/records.ts';

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
  /** A worker thread sends each article's quotes as JSON lines (`EncodedQuotes`): the output is JSON Lines. */
  encodeQuotes?: boolean;
}

export interface FileSink {
  /** Article `index` of the unit is next (before its language is detected): a watchdog's mark. */
  visit?(index: number): void;
  /** A file-level problem or an article that failed: already a finished record. */
  record(article: ArticleRecord): void;
  /** Article `index` of the file is about to be processed. */
  begin(index: number, article: { articleId: string; sourcePath: string; line: number | null }): void;
  processed(index: number, article: ArticleRecord, quotes: QuoteRecord[] | EncodedQuotes, bytes: number): void;
}

/** What the speaker table reads of a quote (output/speakers.ts). */
export type SpeakerFact = Pick<QuoteRecord, 'article_id' | 'speaker' | 'speaker_id' | 'speaker_type' | 'speaker_mention' | 'speaker_role' | 'resolution'>;

/**
 * An article's quotes as a worker thread sends them for JSON Lines output: their lines, already written and encoded
 * as UTF-8, and what the speaker table needs of each quote that has a speaker. A record object would be rebuilt
 * on the main thread field by field and then written as JSON there; the bytes are moved, not copied (their buffer
 * is in the answer's transfer list, worker-main.ts), and they lie outside the main thread's heap, so its collector
 * never copies them while they wait for their turn to be written.
 */
export interface EncodedQuotes {
  /** One JSON line per quote, each ending in a newline, in UTF-8: what LineWriter writes for the records. */
  lines: Uint8Array;
  count: number;
  speakers: SpeakerFact[];
}

export const isEncodedQuotes = (value: QuoteRecord | EncodedQuotes): value is EncodedQuotes => 'lines' in value;

// TextEncoder gives each article a buffer of its own: a Buffer.from of a short string would be a slice of Node's
// shared pool, which cannot be moved to another thread.
const utf8 = new TextEncoder();

export function encodeQuotes(quotes: readonly QuoteRecord[]): EncodedQuotes {
  let lines = '';
  const speakers: SpeakerFact[] = [];
  for (const quote of quotes) {
    lines += `${JSON.stringify(quote)}\n`;
    if (quote.speaker === null || quote.speaker_id === null) continue;
    const { article_id, speaker, speaker_id, speaker_type, speaker_mention, speaker_role, resolution } = quote;
    speakers.push({ article_id, speaker, speaker_id, speaker_type, speaker_mention, speaker_role, resolution });
  }
  return { lines: utf8.encode(lines), count: quotes.length, speakers };
}

export function problemRecord(fields: { articleId: string; sourcePath: string; status: string; reason: string; line?: number | null; language?: string }, withText = false): ArticleRecord {
  return {
    article_id: fields.articleId, source_path: fields.sourcePath, title: null, title_source: null, date: null, date_source: null,
    author: null, author_source: null, url: null, language: fields.language ?? null,
    // A status the schema does not list is a bug to hear about, not a value to write.
    status: ArticleStatus.parse(fields.status), reason: fields.reason, quotes: 0, chars: 0, format: null, encoding: null,
    offsets: OFFSETS_NOTE, paragraphs: 0, sentences: 0, line: fields.line ?? null,
    ...(withText ? { text: null } : {}),
  };
}

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
