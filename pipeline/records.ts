/** The output records: what one JSONL line of each file holds. Offsets are Unicode code points. */
import { createHash } from 'node:crypto';
import type { ArticleContext, QuoteKind, Resolution } from './context.ts';
import type { CueClass } from './engine/cue-lexicon.ts';

export interface QuoteRecord {
  id: string;
  article_id: string;
  source_path: string;
  kind: QuoteKind;
  text: string;
  start: number;
  end: number;
  paragraph: number;
  sentence: number;
  utterance: number;
  speaker: string | null;
  speaker_type: 'person' | 'organization' | null;
  speaker_mention: string | null;
  speaker_mention_start: number | null;
  speaker_mention_end: number | null;
  speaker_role: string | null;
  cue: string | null;
  cue_start: number | null;
  cue_end: number | null;
  /** What kind of act the cue reports: speech, belief, stance, intention or evidence; null without a cue. */
  cue_class: CueClass | null;
  rule: string | null;
  resolution: Resolution;
  confidence: number;
}

export interface ArticleRecord {
  article_id: string;
  source_path: string;
  title: string | null;
  /** Where the title came from: json-ld, meta, html-title, front-matter, markdown-heading, first-line, jsonl; null without a title. */
  title_source: string | null;
  date: string | null;
  /** Where the date came from: json-ld, meta, time-element, front-matter, dateline, header-line, jsonl; null without a date. */
  date_source: string | null;
  author: string | null;
  author_source: string | null;
  url: string | null;
  /** ISO 639-3 code detected on the text (franc-min), `und` when too short to tell; null when not read. */
  language: string | null;
  status: string;
  reason: string | null;
  quotes: number;
  chars: number;
  format: string | null;
  encoding: string | null;
  /** What `start`/`end` count: code points of the decoded (for HTML: extracted) text. */
  offsets: string;
  paragraphs: number;
  sentences: number;
  line: number | null;
  /** The text the offsets refer to, with `--article-text` (null for rows that are not ok). */
  text?: string | null;
}

/** Maps JavaScript string indexes (UTF-16) to code point offsets; identity when the text has no astral characters. */
export function codePointMapper(text: string): (index: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (index) => index;
  const map = new Int32Array(text.length + 1);
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = codePoints;
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { map[i + 1] = codePoints; i++; }
    }
    codePoints++;
  }
  map[text.length] = codePoints;
  return (index) => map[index] ?? codePoints;
}

export function quoteId(articleId: string, kind: string, start: number, end: number): string {
  return createHash('sha1').update(`${articleId}\u0000${kind}\u0000${start}\u0000${end}`).digest('hex').slice(0, 16);
}

export function quoteRecords(ctx: ArticleContext): QuoteRecord[] {
  const cp = codePointMapper(ctx.text);
  return ctx.quotes.map((quote) => {
    const start = cp(quote.start);
    const end = cp(quote.end);
    return {
      id: quoteId(ctx.articleId, quote.kind, start, end),
      article_id: ctx.articleId,
      source_path: ctx.sourcePath,
      kind: quote.kind,
      text: ctx.text.slice(quote.start, quote.end),
      start,
      end,
      paragraph: quote.paragraph,
      sentence: quote.sentence,
      utterance: quote.utterance,
      speaker: quote.speaker,
      speaker_type: quote.speakerType,
      speaker_mention: quote.mention?.text ?? null,
      speaker_mention_start: quote.mention ? cp(quote.mention.start) : null,
      speaker_mention_end: quote.mention ? cp(quote.mention.end) : null,
      speaker_role: quote.speakerRole,
      cue: quote.cue?.text ?? null,
      cue_start: quote.cue ? cp(quote.cue.start) : null,
      cue_end: quote.cue ? cp(quote.cue.end) : null,
      cue_class: quote.cue?.cueClass ?? null,
      rule: quote.rule,
      resolution: quote.resolution,
      confidence: quote.confidence,
    };
  });
}

export const OFFSETS_NOTE = 'Unicode code points into the decoded text (HTML: the extracted text)';

export function articleRecord(ctx: ArticleContext, line: number | null, withText = false): ArticleRecord {
  return {
    article_id: ctx.articleId,
    source_path: ctx.sourcePath,
    title: ctx.title,
    title_source: ctx.title === null ? null : ctx.titleSource,
    date: ctx.date,
    date_source: ctx.date === null ? null : ctx.dateSource,
    author: ctx.author,
    author_source: ctx.author === null ? null : ctx.authorSource,
    url: ctx.url,
    language: ctx.language,
    status: 'ok',
    reason: null,
    quotes: ctx.quotes.length,
    chars: codePointMapper(ctx.text)(ctx.text.length),
    format: ctx.format,
    encoding: ctx.encoding,
    offsets: OFFSETS_NOTE,
    paragraphs: ctx.paragraphs.length,
    sentences: ctx.sentences.length,
    line,
    ...(withText ? { text: ctx.text } : {}),
  };
}
