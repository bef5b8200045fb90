/**
 * The sentence splitter reads an ordinary ASCII word without cutting it out of the text (a hash of its letters tells
 * it from the words whose event is not 0 and from contractions), and keeps its tokens and the segment stage's spans
 * in buffers reused from one paragraph to the next. Checked here: the words the hash must send the long way split as
 * wink splits them, and nothing carries over from a long paragraph or article to a short one.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import { SentenceSplitter, SpanList } from '../../pipeline/engine/sentence-boundaries.ts';
import { CONTRACTIONS, LOWER_EVENTS, MEMBERS, TOKEN_EVENTS } from '../../pipeline/engine/wink-sbd-table.ts';
import { winkSpans } from '../../pipeline/nlp.ts';
import { processText } from '../../pipeline/pipeline.ts';
import { pipeline } from './sentences.ts';

const require = createRequire(import.meta.url);
const freshWink = (): ReturnType<typeof winkNLP> => (require('wink-nlp') as typeof winkNLP)(require('wink-eng-lite-web-model') as typeof model, ['sbd']);

const ascii = (word: string): boolean => /^[A-Za-z]+$/.test(word);
// Every plain ASCII word with an event or a contraction's expansion, the lower-case events in each case, and
// ordinary words of every case shape (one of them with a new shape).
const SPECIAL = [
  ...TOKEN_EVENTS.map(([word]) => word).filter(ascii),
  ...CONTRACTIONS.map(([word]) => word).filter(ascii),
  ...LOWER_EVENTS.map(([word]) => word).filter(ascii).flatMap((word) => [word, word.toUpperCase(), word[0]?.toUpperCase() + word.slice(1)]),
];
const ORDINARY = ['said', 'Brannick', 'OSLAVIA', 'McTavish', 'eVoltra', 'zQxWvB', 'Mr', 'Dr', 'etc', 'vs', 'inc', 'Inc'];
const word = fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...ORDINARY));
const mark = fc.constantFrom('', '', '', ',', '.', '!', '?', '.”', '"');
// Opening marks: before a word the splitter may read the mark and the word without the model's expressions.
const opening = fc.constantFrom('', '', '', '', '“', '(', '"', "'", '‘', '[', '{', '…', '-', '–', '--', '––', '«');
const paragraph = fc.array(fc.tuple(opening, word, mark), { minLength: 1, maxLength: 30 }).map((parts) => parts.map(([o, w, m]) => `${o}${w}${m}`).join(' '));

const longParagraph = Array.from({ length: 400 }, (_, k) => `Wendeline Trask spoke ${k} times to the Orvald board.`).join(' ');

describe('the splitter with its reused buffers', () => {
  it('splits words the hash sends the long way (events, contractions, new shapes), with marks before and after, as wink does', () => {
    const wink = freshWink();
    const splitter = new SentenceSplitter();
    expect(SPECIAL.length).toBeGreaterThan(200);
    fc.assert(fc.property(paragraph, (text) => {
      expect(splitter.split(text), text).toEqual(winkSpans(text, wink));
    }), { numRuns: 1_500 });
  });

  it('cuts a word with one or two closing marks after it ("said," "said.”"), or "\'s", as wink does, abbreviations among them', () => {
    const wink = freshWink();
    const splitter = new SentenceSplitter();
    // Lexemes that are letters and a full stop ("Mr." "etc." "a."): read the long way, as one token or as wink cuts them.
    const dotted = MEMBERS.filter((member) => /^[A-Za-z]+\.$/.test(member)).map((member) => member.slice(0, -1));
    expect(dotted.length).toBeGreaterThan(100);
    const bare = fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...ORDINARY), fc.constantFrom(...dotted), fc.constantFrom('a', 'I', 'x', 'No'));
    const first = fc.constantFrom(...'’”"])}…,.!;?/:', "'", '-', '–');
    const second = fc.constantFrom('', '', ...'’”"…,.!;?:', "'", ')', '-', '–', '/', '।');
    const marked = fc.tuple(opening, bare, first, second).map(([o, w, m1, m2]) => `${o}${w}${m1}${m2}`);
    // And with "'s" or "’s" ("Russia's", "it’s", "he's", "GBP’s": contractions, and a currency code the model cuts out).
    const owner = fc.oneof(bare, fc.constantFrom('it', 'he', 'she', 'that', 'let', 'what', 'It', 'Let', 'USD', 'AUDI', 'xGBPy', 'AUDit', 'Inr'));
    const possessive = fc.tuple(opening, owner, fc.constantFrom("'s", '’s', "'S", '’S', "'s.", '’s,'), second).map(([o, w, s, m]) => `${o}${w}${s}${m}`);
    // And numbers with closing marks ("2014," "12.").
    const numbered = fc.tuple(opening, fc.constantFrom('2014', '1', '12', '0', '1990', '3', '24'), first, second).map(([o, n, m1, m2]) => `${o}${n}${m1}${m2}`);
    const piece = fc.oneof(marked, possessive, numbered);
    const text = fc.array(fc.oneof(piece, word), { minLength: 1, maxLength: 25 }).map((parts) => parts.join(' '));
    const same = (paragraph: string): void => {
      expect(splitter.split(paragraph), paragraph).toEqual(winkSpans(paragraph, wink));
      expect(splitter.tokens(paragraph).map((token) => token.value), paragraph).toEqual(wink.readDoc(paragraph).tokens().out());
    };
    for (const owned of ['2014,', '12.', '1990’', '7”', '2017:', '3)', '4…', 'xGBPy’s', 'USD’s', 'AUDI’s', 'GBPUSD’s', 'AUDit’s', 'Russia’s', "Russia's", 'it’s', "he's", "Let's", 'a’s', "I's"]) same(`${owned} envoy. ${owned}, she said`);
    fc.assert(fc.property(text, same), { numRuns: 1_500 });
  });

  it('gives each of those words after an abbreviation (where an event can start a sentence) wink\'s sentences', () => {
    const wink = freshWink();
    const splitter = new SentenceSplitter();
    let splits = 0;
    for (const special of [...SPECIAL, ...ORDINARY]) {
      const text = `Orvald left etc. ${special} he came.`;
      const spans = winkSpans(text, wink);
      expect(splitter.split(text), text).toEqual(spans);
      if (spans.length > 1) splits++;
      // And after opening marks, with and without a space before them.
      const marked = `Orvald left. “${special} he said. (${special} "${special}' etc.‘${special} …${special}`;
      expect(splitter.split(marked), marked).toEqual(winkSpans(marked, wink));
    }
    // Some words start a sentence there and some do not ("btw" does, "zQxWvB" does not).
    expect(splits).toBeGreaterThan(0);
    expect(splits).toBeLessThan(SPECIAL.length + ORDINARY.length);
  });

  it('reads a word after an opening mark as it reads the word alone, and cuts it as wink does', () => {
    const wink = freshWink();
    const splitter = new SentenceSplitter();
    // (Words of two letters or more: a mark and one letter is cut otherwise, by the model's expressions, both ways.)
    for (const special of [...SPECIAL, ...ORDINARY].filter((word) => word.length > 1)) {
      for (const mark of ['“', '(', '"', "'", '‘', '[', '…', '–']) {
        const text = `${mark}${special}`;
        const marked = splitter.tokens(text);
        expect(marked.slice(1), text).toEqual(splitter.tokens(special));
        expect(marked.map((token) => token.value), text).toEqual(wink.readDoc(text).tokens().out());
      }
    }
  });

  it('counts the new shapes of mixed-case ASCII words as wink does, past 16,384 of them', () => {
    const wink = freshWink();
    const splitter = new SentenceSplitter();
    // Runs of 1 to 3 small and capital letters in turn: every word a shape of its own ("aBBa" is "xXXx").
    const mixed = (n: number): string => [...n.toString(3)].map((digit, k) => (k % 2 ? 'B' : 'a').repeat(Number(digit) + 1)).join('');
    let n = 0;
    for (let round = 0; round < 43; round++) {
      const text = `${Array.from({ length: 400 }, () => mixed(n++)).join(' ')} end`;
      expect(splitter.split(text)).toEqual(winkSpans(text, wink));
    }
    expect(splitter.shapeCount).toBeGreaterThan(16_384);
    // Past that, a word whose lower case has a new shape reads as an abbreviation, as in wink: only if the count is right.
    const digits = (k: number): string => [...k.toString(3)].map((digit, j) => (j % 2 ? '5' : 'a').repeat(Number(digit) + 1)).join('');
    let splits = 0;
    for (let k = 0; k < 50; k++) {
      const text = `Then ${digits(100_000 + k)} He left`;
      const spans = winkSpans(text, wink);
      expect(splitter.split(text), text).toEqual(spans);
      if (spans.length > 1) splits++;
    }
    expect(splits).toBeGreaterThan(0);
  });

  it('gives a short paragraph read after a long one (more tokens than its first buffers) what a fresh splitter gives', () => {
    const short = 'Ilsabet Varga said no. Then she left, “Not today.” The end.';
    const expected = new SentenceSplitter().split(short);
    const splitter = new SentenceSplitter();
    const out = new SpanList();
    expect(splitter.splitInto(longParagraph, out)).toBe(true);
    expect(out.length).toBe(400);
    expect(splitter.splitInto(short, out)).toBe(true);
    expect(out.length).toBe(3);
    expect(Array.from({ length: out.length }, (_, k) => ({ start: out.starts[k], end: out.ends[k] }))).toEqual(expected);
    expect(splitter.split(short)).toEqual(expected);
    // A paragraph past the size whose buffers are let go afterwards (65,536 tokens), then the short one again.
    const huge = Array.from({ length: 20 }, () => longParagraph).join(' ');
    expect(splitter.splitInto(huge, out)).toBe(true);
    expect(out.length).toBe(8_000);
    expect(splitter.split(short)).toEqual(expected);
  });

  it('gives an article read again, after a long one, the same sentences and quotes', () => {
    const short = 'ORVALD, March 3 - “We will build it,” Wendeline Trask said. Mr. Oakes disagreed.\n“Not here. Not now,” he said.';
    const long = Array.from({ length: 30 }, () => longParagraph).join('\n');
    const view = (text: string): unknown => {
      const ctx = processText(pipeline, text);
      return { sentences: ctx.sentences.map((s) => [s.paragraph, s.start, s.end]), quotes: ctx.quoteSpans, found: ctx.quotes.map((q) => [q.start, q.end, q.speaker]) };
    };
    const first = view(short);
    expect((first as { sentences: unknown[] }).sentences.length).toBe(3);
    view(long);
    expect(view(short)).toEqual(first);
  });
});
