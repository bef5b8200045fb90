/**
 * Stage 2: quotation marks and sentences. Quote spans are found first so that no sentence boundary
 * ever falls inside a quote (wink-nlp splits "I came. I saw," he said. in two; we join it back).
 */
import type { ArticleContext, Paragraph, QuoteSpan, Sentence, Stage } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import { sentenceSpans } from '../nlp.ts';

const DOUBLE_OPENERS = new Set(['“', '„', '«', '‟']);
const DOUBLE_CLOSERS = new Set(['”', '»']);
const SINGLE_OPENERS = new Set(['‘', '‹', '‚']);
const SINGLE_CLOSERS = new Set(['’', '›']);

/** Every character the quote scanner acts on. */
const QUOTE_CHARS = /["“„«‟”»‘‹‚’›']/g;

const isSpaceOrStart = (ch: string | undefined): boolean => ch === undefined || /[\s([{—–-]/u.test(ch);
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isOpeningContext = (before: string | undefined, after: string | undefined): boolean =>
  isSpaceOrStart(before) && after !== undefined && !/\s/u.test(after);

/**
 * Quote spans in one paragraph. Double marks of every style pair up; a closing ” after a space and before
 * a letter opens a quote (a common typo); single marks count only at top level and only when they are not
 * apostrophes (Russia’s, don’t). A quote still open at the paragraph end is marked `unclosed`.
 */
export function findQuoteSpans(text: string, paragraph: Paragraph): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openAt = -1;
  let openKind: 'double' | 'single' | null = null;
  const reversedInParagraph = text.slice(paragraph.start, paragraph.end).lastIndexOf('«');
  const lastReversedCloser = reversedInParagraph < 0 ? -1 : paragraph.start + reversedInParagraph;
  const close = (at: number): void => {
    if (at > openAt + 1) {
      spans.push({ open: openAt, start: openAt + 1, end: at, close: at, paragraph: paragraph.index, unclosed: false });
    }
    openAt = -1;
    openKind = null;
  };
  // Only quotation marks and apostrophes change the state: jump from one to the next.
  QUOTE_CHARS.lastIndex = paragraph.start;
  for (let found = QUOTE_CHARS.exec(text); found !== null && found.index < paragraph.end; found = QUOTE_CHARS.exec(text)) {
    const i = found.index;
    const ch = found[0];
    const before = i > paragraph.start ? text[i - 1] : undefined;
    const after = i + 1 < paragraph.end ? text[i + 1] : undefined;
    if (ch === '"') {
      if (openKind === 'double') close(i);
      else if (openKind === null && isOpeningContext(before, after)) { openAt = i; openKind = 'double'; }
      else if (openKind === 'single' && isOpeningContext(before, after)) { openAt = i; openKind = 'double'; }
    } else if (openKind === 'double' && (text[openAt] === '„' && ch === '“' || text[openAt] === '»' && ch === '«')) {
      close(i); // German „…“ and Danish »…«
    } else if (DOUBLE_OPENERS.has(ch)) {
      if (openKind !== 'double') { openAt = i; openKind = 'double'; }
    } else if (ch === '»' && openKind === null && isOpeningContext(before, after) && lastReversedCloser > i) {
      openAt = i;
      openKind = 'double';
    } else if (DOUBLE_CLOSERS.has(ch)) {
      if (openKind === 'double') close(i);
      else if (openKind === null && isOpeningContext(before, after) && ch === '”') { openAt = i; openKind = 'double'; }
    } else if (openKind !== 'double' && (SINGLE_OPENERS.has(ch) || ch === "'")) {
      if (openKind === null && isSpaceOrStart(before) && isWordChar(after)) { openAt = i; openKind = 'single'; }
      else if (openKind === 'single' && !isWordChar(after) && !/\s/u.test(before ?? ' ')) close(i);
    } else if (openKind === 'single' && SINGLE_CLOSERS.has(ch)) {
      // ’ between letters is an apostrophe; only ’ before a non-letter closes.
      if (!isWordChar(after) && !/\s/u.test(before ?? ' ')) close(i);
    }
  }
  if (openKind === 'double' && openAt >= 0 && paragraph.end > openAt + 1) {
    spans.push({ open: openAt, start: openAt + 1, end: paragraph.end, close: paragraph.end, paragraph: paragraph.index, unclosed: true });
  }
  return spans;
}

/**
 * Whether wink-nlp's sentence splitter must return `text` as one sentence. Its boundary machine leaves its start
 * state only on ".", "!", "?", a blank line ("\n\n") or an abbreviation (a word ending in "."), and a boundary
 * falls on the token where it left (wink-eng-lite-web-model: the sbd model's start state, the lexicon's sbdHint
 * and isAbbrev; test/stages/segment-wink.test.ts checks the claim against wink). With no line break and none of
 * those marks before the last character, only the last token can hold a boundary, and a boundary there splits nothing.
 */
export function winkCannotSplit(text: string): boolean {
  const stop = /[\n.!?]/.exec(text);
  return stop === null || (stop.index === text.length - 1 && stop[0] !== '\n');
}

export function segmentStage(lexicon: Lexicon): Stage {
  return {
    name: 'segment',
    run(ctx: ArticleContext): void {
      const { text } = ctx;
      const abbreviations = [...lexicon.abbreviations];
      // With no space inside any abbreviation, " Mr." ends the text at `end` exactly when the word after the last
      // space before `end` is one: one set lookup instead of a scan of the list.
      const spaced = abbreviations.some((abbr) => abbr.includes(' '));
      const endsWithAbbreviation = (end: number): boolean => {
        if (spaced) return abbreviations.some((abbr) => text.endsWith(` ${abbr}`, end));
        const space = end > 0 ? text.lastIndexOf(' ', end - 1) : -1;
        return space >= 0 && lexicon.abbreviations.has(text.slice(space + 1, end));
      };
      for (const paragraph of ctx.paragraphs) {
        if (paragraph.boilerplate) continue;
        const quotes = findQuoteSpans(text, paragraph);
        ctx.quoteSpans.push(...quotes);
        const dateline = lexicon.dateline?.exec(text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 120)))?.[0].length ?? 0;
        const body = text.slice(paragraph.start, paragraph.end);
        // A paragraph wink cannot split needs no splitting: the fallback below makes it one sentence, as wink would.
        const local = winkCannotSplit(body) ? [] : sentenceSpans(body);
        const merged: Array<{ start: number; end: number }> = [];
        let quoteCursor = 0;
        for (const span of local) {
          const start = span.start + paragraph.start;
          const end = span.end + paragraph.start;
          const previous = merged[merged.length - 1];
          // Sentences and quotes both run left to right: one cursor finds the quote a boundary may fall in.
          while (quoteCursor < quotes.length && (quotes[quoteCursor]?.close ?? 0) < start) quoteCursor++;
          const candidate = quotes[quoteCursor];
          const insideQuote = candidate !== undefined && candidate.open < start && start <= candidate.close;
          const afterAbbreviation = previous !== undefined
            && endsWithAbbreviation(previous.end)
            && /^[\p{Ll}\p{N}]/u.test(text.slice(start, start + 1));
          // "UOL.com.br, said": a full stop with a letter right after it, no space, ends no sentence.
          const insideWord = previous !== undefined && previous.end === start && /[.!?]$/.test(text.slice(previous.end - 1, previous.end)) && /^\p{L}/u.test(text.slice(start, start + 1));
          if (previous && (insideQuote || afterAbbreviation || insideWord)) previous.end = end;
          else merged.push({ start, end });
        }
        if (merged.length === 0) merged.push({ start: paragraph.start, end: paragraph.end });
        // A quote that closes past the last wink sentence (trailing mark) still belongs to it.
        const last = merged[merged.length - 1];
        if (last) last.end = Math.max(last.end, paragraph.end);
        const first = merged[0];
        if (first) first.start = paragraph.start + dateline;
        for (let k = 1; k < merged.length; k++) {
          const span = merged[k];
          const previous = merged[k - 1];
          if (span && previous) span.start = previous.end;
        }
        for (const span of merged) {
          const sentence: Sentence = { index: ctx.sentences.length, paragraph: paragraph.index, start: span.start, end: span.end, items: [], signature: '' };
          ctx.sentences.push(sentence);
        }
      }
    },
  };
}
