/** The output records: what one JSONL line of each file holds. Offsets are Unicode code points. */
import type { ArticleContext } from './context.ts';
import { quoteId, speakerId } from './schema/ids.ts';
import { ArticleRecord as ArticleRecordSchema, type ArticleRecord, type QuoteRecord } from './schema/records.ts';

const ArticleFormat = ArticleRecordSchema.shape.format;

export type { ArticleRecord, QuoteRecord, SpeakerRecord } from './schema/records.ts';
export { quoteId } from './schema/ids.ts';

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
      speaker_id: quote.speaker === null ? null : speakerId({ name: quote.speaker, type: quote.speakerType, articleId: quote.resolution === 'mention' ? ctx.articleId : null }),
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
    format: ArticleFormat.parse(ctx.format),
    encoding: ctx.encoding,
    offsets: OFFSETS_NOTE,
    paragraphs: ctx.paragraphs.length,
    sentences: ctx.sentences.length,
    line,
    ...(withText ? { text: ctx.text } : {}),
  };
}
