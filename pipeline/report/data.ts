/**
 * What the report shows, built from an output folder's files in one pass each. The page gets this as JSON; the
 * browser script (client.ts) only draws it, so that the sums and joins happen here, where they are tested.
 *
 * Speakers are counted from the quote records (speakers.jsonl is their aggregate): keyed by `speaker_id` when the
 * records carry it, else by type, name and, for a speaker nothing resolved (`resolution` `mention`), the article,
 * as speakers.jsonl is. Offsets in the output are Unicode code points; the page gets UTF-16 indexes into `text`.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ArticleRecord, QuoteRecord } from '../records.ts';

/** A quote record as read: `speaker_id` comes with the schema that adds it, older outputs lack it. */
// Outputs of versions before speaker_id have no such field.
type QuoteLine = Omit<QuoteRecord, 'speaker_id'> & { speaker_id?: string | null };
type ArticleLine = Partial<ArticleRecord> & Pick<ArticleRecord, 'article_id' | 'status'>;

export interface ReportSpeaker {
  key: string;
  name: string;
  type: string | null;
  quotes: number;
  articles: number;
  mentions: string[];
  roles: string[];
  /** Hue (0–360) of the speaker's colour; quotes are drawn in it. */
  hue: number;
}

export interface ReportQuote {
  id: string;
  kind: string;
  /** The quote's own text when the article's text is not in the output; null when it is (the page slices it). */
  text: string | null;
  /** UTF-16 indexes into the article's `text` (the page slices JavaScript strings); -1 when there is no text. */
  start: number;
  end: number;
  /** Index into `speakers`, -1 for a quote without a speaker. */
  speaker: number;
  mention: string | null;
  mention_start: number;
  mention_end: number;
  role: string | null;
  cue: string | null;
  cue_start: number;
  cue_end: number;
  rule: string | null;
  resolution: string;
  confidence: number;
}

export interface ReportArticle {
  id: string;
  title: string | null;
  date: string | null;
  source_path: string | null;
  status: string;
  reason: string | null;
  /** The article text (articles.jsonl `text`, written with --article-text), or null. */
  text: string | null;
  /** The article's quotes are `quotes[first]` … `quotes[first + count - 1]`. */
  first: number;
  count: number;
  /** Indexes into `speakers` of those who speak in the article. */
  speakers: number[];
}

export interface ReportData {
  generated_at: string;
  output_dir: string;
  run: { version: string | null; finished_at: string | null; input_root: string | null } | null;
  /** Whether any article carries its text. */
  has_text: boolean;
  speakers: ReportSpeaker[];
  articles: ReportArticle[];
  quotes: ReportQuote[];
  /** Quote records whose article has no row in articles.jsonl (not expected; counted, not shown). */
  orphan_quotes: number;
}

/** A line of an output file is not what the tool writes (a refusal: the folder was changed by hand). */
export class ReportInputError extends Error {}

async function* jsonLines<T>(file: string, check: (value: Record<string, unknown>) => boolean): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ReportInputError(`line ${number} of ${file} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || !check(value as Record<string, unknown>)) {
      throw new ReportInputError(`line ${number} of ${file} is not a record this tool writes`);
    }
    yield value as T;
  }
}

const isQuote = (v: Record<string, unknown>): boolean =>
  typeof v.article_id === 'string' && typeof v.start === 'number' && typeof v.end === 'number' && typeof v.text === 'string';
const isArticle = (v: Record<string, unknown>): boolean => typeof v.article_id === 'string' && typeof v.status === 'string';

/** Maps code point offsets to UTF-16 indexes of `text` (identity without astral characters). */
export function utf16Mapper(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const indexes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    indexes.push(i);
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  indexes.push(text.length);
  return (offset) => indexes[Math.min(Math.max(offset, 0), indexes.length - 1)] ?? text.length;
}

/** The key a speaker is counted under: `speaker_id` when present, else what speakers.jsonl groups by. */
export function speakerKey(quote: Pick<QuoteLine, 'speaker' | 'speaker_type' | 'resolution' | 'article_id' | 'speaker_id'>): string | null {
  if (typeof quote.speaker_id === 'string' && quote.speaker_id !== '') return `id:${quote.speaker_id}`;
  if (!quote.speaker) return null;
  const scope = quote.resolution === 'mention' ? quote.article_id : '';
  return `name:${JSON.stringify([quote.speaker_type ?? '', quote.speaker, scope])}`;
}

interface SpeakerTally { key: string; name: string; type: string | null; quotes: number; articles: Set<string>; mentions: Set<string>; roles: Set<string> }

const GOLDEN_ANGLE = 137.508;

export async function buildReportData(outputDir: string): Promise<ReportData> {
  const dir = path.resolve(outputDir);
  let run: ReportData['run'] = null;
  let format = 'jsonl';
  const runFile = path.join(dir, 'run.json');
  if (existsSync(runFile)) {
    try {
      const parsed = JSON.parse(readFileSync(runFile, 'utf8')) as { version?: unknown; finished_at?: unknown; input_root?: unknown; format?: unknown };
      format = typeof parsed.format === 'string' ? parsed.format : 'jsonl';
      const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
      run = { version: text(parsed.version), finished_at: text(parsed.finished_at), input_root: text(parsed.input_root) };
    } catch {
      throw new ReportInputError(`${runFile} is not JSON`);
    }
  }
  // The report reads the JSON Lines records; a folder in another format would look empty, which it is not.
  if (format !== 'jsonl') throw new ReportInputError(`${dir} holds ${format} output; the report reads JSON Lines: run extract with --format jsonl (the default) for a report`);

  const articles: ReportArticle[] = [];
  const byId = new Map<string, ReportArticle>();
  for await (const row of jsonLines<ArticleLine>(path.join(dir, 'articles.jsonl'), isArticle)) {
    const article: ReportArticle = {
      id: row.article_id,
      title: row.title ?? null,
      date: row.date ?? null,
      source_path: row.source_path ?? null,
      status: row.status,
      reason: row.reason ?? null,
      text: typeof row.text === 'string' ? row.text : null,
      first: 0,
      count: 0,
      speakers: [],
    };
    articles.push(article);
    // A duplicate id (not written by this tool) would make quotes ambiguous: the first row keeps them.
    if (!byId.has(article.id)) byId.set(article.id, article);
  }

  // Quotes are written in article order; they are grouped per article all the same, in case they were not.
  const perArticle = new Map<ReportArticle, QuoteLine[]>();
  const tallies = new Map<string, SpeakerTally>();
  let orphans = 0;
  for await (const quote of jsonLines<QuoteLine>(path.join(dir, 'quotes.jsonl'), isQuote)) {
    const article = byId.get(quote.article_id);
    if (!article) { orphans++; continue; }
    const list = perArticle.get(article) ?? [];
    list.push(quote);
    perArticle.set(article, list);
    const key = speakerKey(quote);
    if (key === null || !quote.speaker) continue;
    const tally = tallies.get(key) ?? { key, name: quote.speaker, type: quote.speaker_type, quotes: 0, articles: new Set(), mentions: new Set(), roles: new Set() };
    tally.quotes++;
    tally.articles.add(quote.article_id);
    if (quote.speaker_mention) tally.mentions.add(quote.speaker_mention);
    if (quote.speaker_role) tally.roles.add(quote.speaker_role);
    tallies.set(key, tally);
  }

  const ordered = [...tallies.values()].sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name) || (a.key < b.key ? -1 : 1));
  const speakerIndex = new Map(ordered.map((tally, index) => [tally.key, index]));
  const speakers: ReportSpeaker[] = ordered.map((tally, index) => ({
    key: tally.key,
    name: tally.name,
    type: tally.type,
    quotes: tally.quotes,
    articles: tally.articles.size,
    mentions: [...tally.mentions].sort(),
    roles: [...tally.roles].sort(),
    hue: Math.round((index * GOLDEN_ANGLE) % 360),
  }));

  const quotes: ReportQuote[] = [];
  for (const article of articles) {
    const list = perArticle.get(article);
    article.first = quotes.length;
    if (!list) continue;
    const at = article.text === null ? () => -1 : utf16Mapper(article.text);
    const offset = (value: number | null): number => (value === null || article.text === null ? -1 : at(value));
    const present = new Set<number>();
    for (const quote of list.sort((a, b) => a.start - b.start || a.end - b.end)) {
      const key = speakerKey(quote);
      const speaker = key === null ? -1 : speakerIndex.get(key) ?? -1;
      if (speaker >= 0) present.add(speaker);
      quotes.push({
        id: quote.id,
        kind: quote.kind,
        text: article.text === null ? quote.text : null,
        start: offset(quote.start),
        end: offset(quote.end),
        speaker,
        mention: quote.speaker_mention ?? null,
        mention_start: offset(quote.speaker_mention_start ?? null),
        mention_end: offset(quote.speaker_mention_end ?? null),
        role: quote.speaker_role ?? null,
        cue: quote.cue ?? null,
        cue_start: offset(quote.cue_start ?? null),
        cue_end: offset(quote.cue_end ?? null),
        rule: quote.rule ?? null,
        resolution: quote.resolution,
        confidence: quote.confidence,
      });
    }
    article.count = list.length;
    article.speakers = [...present].sort((a, b) => a - b);
  }

  return {
    generated_at: new Date().toISOString(),
    output_dir: dir,
    run,
    has_text: articles.some((article) => article.text !== null),
    speakers,
    articles,
    quotes,
    orphan_quotes: orphans,
  };
}
