/**
 * Property tests over the whole pipeline: for any string, processing never throws and every output record
 * points at the text it claims to quote (code-point offsets), inside one paragraph, without overlapping
 * direct quotes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPipeline, processText } from '../../pipeline/pipeline.ts';
import { quoteRecords } from '../../pipeline/records.ts';
import { recordViolations } from './invariants.ts';

const pipeline = createPipeline();

const QUOTE_MARKS = ['"', '“', '”', '‘', '’', '«', '»', '„', "'", '‹', '›', '‚', '‟'];
const WORDS = [
  'the', 'a', 'Kremlin', 'spokesman', 'Dmitry', 'Peskov', 'Peskov said', 'he said', 'she added', 'they told reporters',
  'said', 'says', 'told', 'added', 'saying', 'according to', 'warned that', 'insisted', 'noted:', 'that', 'who',
  'Mr.', 'Dr.', 'U.S.', 'U.N.', 'US Treasury', 'the State Department', 'Russia’s', "don't", 'it’s', 'Wednesday',
  'John Kirby', 'Sergey Lavrov', 'Russian Foreign Minister', 'sanctions', 'dialogue', 'frozen', '5', '10', '2016',
  'READ MORE', 'JOIN NOW', 'Advertisement', '😀', '𝒳', '👩‍👩‍👧', 'É', 'naïve', 'Москва', '北京', 'مرحبا',
];
const PUNCTUATION = [',', '.', ':', ';', '?', '!', '—', '–', '-', '(', ')', '…', '...'];
const SPACES = [' ', ' ', ' ', '\n', '\r\n', '\r', '\n\n', '\t', '\u00a0', '\u2028'];

/** A piece of news-like text: words, names, cue words, quote marks of every style, punctuation and line breaks. */
const newsPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...QUOTE_MARKS) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);
const newsText = fc.array(newsPiece, { maxLength: 80 }).map((parts) => parts.join(''));
const spacedNewsText = fc.array(newsPiece, { maxLength: 80 }).map((parts) => parts.join(' '));

/** Sentences shaped like real attributions, with random marks, speakers and line breaks between them. */
const quoteSentence = fc
  .record({
    open: fc.constantFrom(...QUOTE_MARKS),
    close: fc.constantFrom(...QUOTE_MARKS, ''),
    body: fc.array(fc.constantFrom(...WORDS, ','), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
    speaker: fc.constantFrom('Peskov said', 'he said', 'said Kremlin spokesman Dmitry Peskov', 'she added', 'the ministry said in a statement', ''),
    end: fc.constantFrom('.', '', ',', '?', ':'),
    sep: fc.constantFrom(' ', '\n', '\r\n', '\n\n', '\r'),
  })
  .map(({ open, close, body, speaker, end, sep }) => `${open}${body},${close} ${speaker}${end}${sep}`);
const attributedText = fc.array(quoteSentence, { maxLength: 12 }).map((parts) => parts.join(''));

/** Arbitrary unicode: graphemes (emoji, astral), any code point, and raw UTF-16 units (lone surrogates included). */
const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 120 }),
  fc.string({ maxLength: 120 }),
);

/** Processes the text and fails with every broken record invariant listed. */
function checkText(text: string): number {
  const ctx = processText(pipeline, text);
  const records = quoteRecords(ctx);
  expect(recordViolations(text, ctx, records), JSON.stringify(text)).toEqual([]);
  return records.length;
}

describe('pipeline properties', () => {
  it('holds its record invariants on arbitrary unicode (astral, emoji, lone surrogates)', () => {
    fc.assert(fc.property(unicodeText, (text) => { checkText(text); }), { numRuns: 3000 });
  });

  it('holds its record invariants on news-like text with every quote style and line ending', () => {
    let records = 0;
    fc.assert(fc.property(fc.oneof(newsText, spacedNewsText), (text) => { records += checkText(text); }), { numRuns: 3000 });
    // Not vacuous: random word salad yields about one record in ten texts; the bound is far below that, not at it.
    expect(records).toBeGreaterThan(100);
  });

  it('holds its record invariants on attributed quotes ("…," Peskov said.) with random marks and breaks', () => {
    let records = 0;
    fc.assert(fc.property(attributedText, (text) => { records += checkText(text); }), { numRuns: 1500 });
    // Not vacuous: the generated attributions do produce quotes to check.
    expect(records).toBeGreaterThan(1500);
  });

  it('holds its record invariants on real-looking text mixed with arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(attributedText, newsText, unicodeText), { maxLength: 4 }), fc.constantFrom('', ' ', '\n', '\r\n'), (parts, sep) => {
        checkText(parts.join(sep));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds the attributed quotes it is built for (the properties above are not vacuous)', () => {
    const text = 'Kremlin spokesman Dmitry Peskov said on Wednesday.\n“Nearly all levels of our dialogue have been frozen,” Peskov said. 😀 “We do not talk,” he added.\r\n';
    checkText(text);
    const records = quoteRecords(processText(pipeline, text));
    expect(records.map((r) => [r.text, r.speaker])).toEqual([
      ['Nearly all levels of our dialogue have been frozen,', 'Dmitry Peskov'],
      ['We do not talk,', 'Dmitry Peskov'],
    ]);
    // The emoji before the second quote is one code point: offsets count code points, not UTF-16 units.
    expect(records[1]?.start).toBe(Array.from(text).lastIndexOf('W'));
  });

  it('has an invariant checker that catches a record off by one code point, a torn mention and a line break', () => {
    const text = '“We do not talk 😀 to each other,” Peskov said.\n“Or we do it to a minimum,” he added.';
    const ctx = processText(pipeline, text);
    const records = quoteRecords(ctx);
    expect(records.length).toBe(2);
    expect(recordViolations(text, ctx, records)).toEqual([]);
    const [first, second] = records;
    if (!first || !second) return;
    expect(recordViolations(text, ctx, [{ ...first, start: first.start + 1 }, second])).not.toEqual([]);
    expect(recordViolations(text, ctx, [{ ...first, speaker_mention_end: null }, second])).not.toEqual([]);
    expect(recordViolations(text, ctx, [{ ...first, end: second.end, text: Array.from(text).slice(first.start, second.end).join('') }, second])).not.toEqual([]);
  });
});
