/**
 * Stage 2: quotation marks and sentences. Quote spans are found first so that no sentence boundary
 * ever falls inside a quote (wink-nlp splits "I came. I saw," he said. in two; we join it back).
 */
import type { ArticleContext, Paragraph, QuoteSpan, Sentence, Stage } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import { SpanList } from '../engine/sentence-boundaries.ts';
import { sentenceSpansInto } from '../nlp.ts';

// The quotation marks and apostrophes the quote scanner acts on, by character code.
const STRAIGHT_DOUBLE = 0x22; // "
const APOSTROPHE = 0x27; // '
const LEFT_DOUBLE = 0x201c; // “
const LOW_DOUBLE = 0x201e; // „
const LEFT_GUILLEMET = 0xab; // «
const REVERSED_DOUBLE = 0x201f; // ‟
const RIGHT_DOUBLE = 0x201d; // ”
const RIGHT_GUILLEMET = 0xbb; // »
const LEFT_SINGLE = 0x2018; // ‘
const SINGLE_LEFT_GUILLEMET = 0x2039; // ‹
const LOW_SINGLE = 0x201a; // ‚
const RIGHT_SINGLE = 0x2019; // ’
const SINGLE_RIGHT_GUILLEMET = 0x203a; // ›

const isDoubleOpener = (code: number): boolean => code === LEFT_DOUBLE || code === LOW_DOUBLE || code === LEFT_GUILLEMET || code === REVERSED_DOUBLE;
const isDoubleCloser = (code: number): boolean => code === RIGHT_DOUBLE || code === RIGHT_GUILLEMET;
const isSingleOpener = (code: number): boolean => code === LEFT_SINGLE || code === SINGLE_LEFT_GUILLEMET || code === LOW_SINGLE;
const isSingleCloser = (code: number): boolean => code === RIGHT_SINGLE || code === SINGLE_RIGHT_GUILLEMET;
/** Any of the above, or a straight mark (" '): the characters `QUOTE_CHAR` searches for (a test holds them equal). */
export const isQuoteChar = (code: number): boolean => code === STRAIGHT_DOUBLE || code === APOSTROPHE
  || isDoubleOpener(code) || isDoubleCloser(code) || isSingleOpener(code) || isSingleCloser(code);

/** The characters `isQuoteChar` accepts: a regular expression finds the next one faster than a loop over the text. */
export const QUOTE_CHAR = /["'\u00ab\u00bb\u2018-\u201a\u201c-\u201f\u2039\u203a]/g;

/**
 * The next quotation mark or apostrophe of one text at or after a position. Paragraphs are read in order: the mark
 * found for one position answers for every position up to it, so the text is searched once, not once per paragraph.
 */
class QuoteCharScan {
  private text = '';
  /** `at` is the first mark at or after `from` (the text's length when there is none). */
  private from = 0;
  private at = -1;

  constructor(text: string) {
    this.text = text;
  }

  next(i: number): number {
    if (i >= this.from && i <= this.at) return this.at;
    QUOTE_CHAR.lastIndex = i;
    this.from = i;
    this.at = QUOTE_CHAR.test(this.text) ? QUOTE_CHAR.lastIndex - 1 : this.text.length;
    return this.at;
  }
}

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
  appendQuoteSpans(text, paragraph, spans, new QuoteCharScan(text));
  return spans;
}

/** `findQuoteSpans`, appended to `spans`; `marks` finds the marks in `text`. */
function appendQuoteSpans(text: string, paragraph: Paragraph, spans: QuoteSpan[], marks: QuoteCharScan): void {
  let openAt = -1;
  let openKind: 'double' | 'single' | null = null;
  // The paragraph's last « (a » before it may open a Danish quote): looked for when a » first asks, and only within
  // the paragraph (a search of the whole text before it would make a long article quadratic).
  let lastReversedCloser = -2;
  const reversedCloser = (): number => {
    if (lastReversedCloser === -2) {
      lastReversedCloser = -1;
      for (let k = paragraph.end - 1; k >= paragraph.start; k--) if (text.charCodeAt(k) === LEFT_GUILLEMET) { lastReversedCloser = k; break; }
    }
    return lastReversedCloser;
  };
  // Only quotation marks and apostrophes change the state: the others are passed over by character code.
  for (let i = marks.next(paragraph.start); i < paragraph.end; i = marks.next(i + 1)) {
    const code = text.charCodeAt(i);
    let closeAt = -1;
    const before = i > paragraph.start ? text[i - 1] : undefined;
    const after = i + 1 < paragraph.end ? text[i + 1] : undefined;
    if (code === STRAIGHT_DOUBLE) {
      if (openKind === 'double') closeAt = i;
      else if (openKind === null && isOpeningContext(before, after)) { openAt = i; openKind = 'double'; }
      else if (openKind === 'single' && isOpeningContext(before, after)) { openAt = i; openKind = 'double'; }
    } else if (openKind === 'double' && (text.charCodeAt(openAt) === LOW_DOUBLE && code === LEFT_DOUBLE || text.charCodeAt(openAt) === RIGHT_GUILLEMET && code === LEFT_GUILLEMET)) {
      closeAt = i; // German „…“ and Danish »…«
    } else if (isDoubleOpener(code)) {
      if (openKind !== 'double') { openAt = i; openKind = 'double'; }
    } else if (code === RIGHT_GUILLEMET && openKind === null && isOpeningContext(before, after) && reversedCloser() > i) {
      openAt = i;
      openKind = 'double';
    } else if (isDoubleCloser(code)) {
      if (openKind === 'double') closeAt = i;
      else if (openKind === null && isOpeningContext(before, after) && code === RIGHT_DOUBLE) { openAt = i; openKind = 'double'; }
    } else if (openKind !== 'double' && (isSingleOpener(code) || code === APOSTROPHE)) {
      if (openKind === null && isSpaceOrStart(before) && isWordChar(after)) { openAt = i; openKind = 'single'; }
      else if (openKind === 'single' && !isWordChar(after) && !/\s/u.test(before ?? ' ')) closeAt = i;
    } else if (openKind === 'single' && isSingleCloser(code)) {
      // ’ between letters is an apostrophe; only ’ before a non-letter closes.
      if (!isWordChar(after) && !/\s/u.test(before ?? ' ')) closeAt = i;
    }
    if (closeAt >= 0) {
      if (closeAt > openAt + 1) {
        spans.push({ open: openAt, start: openAt + 1, end: closeAt, close: closeAt, paragraph: paragraph.index, unclosed: false });
      }
      openAt = -1;
      openKind = null;
    }
  }
  if (openKind === 'double' && openAt >= 0 && paragraph.end > openAt + 1) {
    spans.push({ open: openAt, start: openAt + 1, end: paragraph.end, close: paragraph.end, paragraph: paragraph.index, unclosed: true });
  }
}

/**
 * Whether wink-nlp's sentence splitter must return `text` as one sentence. Its boundary machine leaves its start
 * state only on ".", "!", "?", a blank line ("\n\n") or an abbreviation (a word ending in "."), and a boundary
 * falls on the token where it left (wink-eng-lite-web-model: the sbd model's start state, the lexicon's sbdHint
 * and isAbbrev; test/stages/segment-wink.test.ts checks the claim against wink). With no line break and none of
 * those marks before the last character, only the last token can hold a boundary, and a boundary there splits nothing.
 */
export function winkCannotSplit(text: string): boolean {
  // The first "\n", ".", "!" or "?" decides.
  const k = text.search(SPLIT_MARK);
  if (k < 0) return true;
  return text.charCodeAt(k) !== 0x0a && k === text.length - 1;
}
const SPLIT_MARK = /[\n.!?]/;

export function segmentStage(lexicon: Lexicon): Stage {
  // The lexicon is fixed once loaded: whether an abbreviation holds a space is known from the start.
  const abbreviations = [...lexicon.abbreviations];
  const spaced = abbreviations.some((abbr) => abbr.includes(' '));
  // One paragraph at a time: its wink sentences, then those merged across quotes and abbreviations (offsets into
  // the text), refilled for every paragraph.
  const local = new SpanList();
  const merged = new SpanList();
  return {
    name: 'segment',
    run(ctx: ArticleContext): void {
      const { text } = ctx;
      // With no space inside any abbreviation, " Mr." ends the text at `end` exactly when the word after the last
      // space before `end` is one: one set lookup instead of a scan of the list.
      const endsWithAbbreviation = (end: number): boolean => {
        if (spaced) return abbreviations.some((abbr) => text.endsWith(` ${abbr}`, end));
        const space = end > 0 ? text.lastIndexOf(' ', end - 1) : -1;
        return space >= 0 && lexicon.abbreviations.has(text.slice(space + 1, end));
      };
      const quotes = ctx.quoteSpans;
      const marks = new QuoteCharScan(text);
      for (const paragraph of ctx.paragraphs) {
        if (paragraph.boilerplate) continue;
        // This paragraph's quotes are quotes[firstQuote…].
        const firstQuote = quotes.length;
        appendQuoteSpans(text, paragraph, quotes, marks);
        const dateline = lexicon.dateline?.exec(text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 120)))?.[0].length ?? 0;
        const body = text.slice(paragraph.start, paragraph.end);
        // A paragraph wink cannot split needs no splitting: the fallback below makes it one sentence, as wink would.
        if (winkCannotSplit(body)) local.clear();
        else sentenceSpansInto(body, local);
        merged.clear();
        let quoteCursor = firstQuote;
        for (let k = 0; k < local.length; k++) {
          const start = (local.starts[k] as number) + paragraph.start;
          const end = (local.ends[k] as number) + paragraph.start;
          const last = merged.length - 1;
          const previousEnd = last >= 0 ? merged.ends[last] as number : -1;
          // Sentences and quotes both run left to right: one cursor finds the quote a boundary may fall in.
          while (quoteCursor < quotes.length && (quotes[quoteCursor]?.close ?? 0) < start) quoteCursor++;
          const candidate = quotes[quoteCursor];
          const insideQuote = candidate !== undefined && candidate.open < start && start <= candidate.close;
          const afterAbbreviation = last >= 0
            && endsWithAbbreviation(previousEnd)
            && /^[\p{Ll}\p{N}]/u.test(text.slice(start, start + 1));
          // "UOL.com.br, said": a full stop with a letter right after it, no space, ends no sentence.
          const insideWord = last >= 0 && previousEnd === start && /[.!?]$/.test(text.slice(previousEnd - 1, previousEnd)) && /^\p{L}/u.test(text.slice(start, start + 1));
          if (last >= 0 && (insideQuote || afterAbbreviation || insideWord)) merged.ends[last] = end;
          else merged.push(start, end);
        }
        if (merged.length === 0) merged.push(paragraph.start, paragraph.end);
        // A quote that closes past the last wink sentence (trailing mark) still belongs to it.
        const last = merged.length - 1;
        merged.ends[last] = Math.max(merged.ends[last] as number, paragraph.end);
        merged.starts[0] = paragraph.start + dateline;
        for (let k = 1; k < merged.length; k++) merged.starts[k] = merged.ends[k - 1] as number;
        for (let k = 0; k < merged.length; k++) {
          const sentence: Sentence = { index: ctx.sentences.length, paragraph: paragraph.index, start: merged.starts[k] as number, end: merged.ends[k] as number, items: [], signature: '' };
          ctx.sentences.push(sentence);
        }
      }
    },
  };
}
