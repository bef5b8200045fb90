/**
 * The sentence splitter (pipeline/engine/sentence-boundaries.ts) must give exactly wink-nlp's sentences. Checked
 * against wink itself: on random paragraphs built from the pieces that decide boundaries, on every paragraph (and
 * every whole text) of the sample corpus and the Wikinews texts, on how both learn words, and on the cases the
 * splitter leaves to wink. scripts/check-splitter.mjs makes the same comparison on millions of paragraphs.
 * Each comparison uses a fresh wink instance and a fresh splitter that read the same texts in the same order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import { SentenceSplitter, shapeOf } from '../../pipeline/engine/sentence-boundaries.ts';
import { sentenceSpans, splitterStats, winkSpans } from '../../pipeline/nlp.ts';
import { newContext } from '../../pipeline/pipeline.ts';
import { splitParagraphs } from '../../pipeline/stages/read.ts';
import { generate } from '../../scripts/gen-sbd-table.mjs';
import { pipeline } from './sentences.ts';

const require = createRequire(import.meta.url);
const theModel = require('wink-eng-lite-web-model') as typeof model;
const freshWink = (): ReturnType<typeof winkNLP> => (require('wink-nlp') as typeof winkNLP)(theModel, ['sbd']);

/** A wink instance and a splitter that read the same texts: each text's spans from both. */
function pair(): (text: string) => { wink: unknown; ours: unknown } {
  const wink = freshWink();
  const splitter = new SentenceSplitter();
  return (text) => ({ wink: winkSpans(text, wink), ours: splitter.split(text) });
}

// The model's abbreviations (isAbbrev), read from its lexicon, as pieces.
const cacheOf = require('wink-nlp/src/cache.js') as (core: unknown, featureFn: unknown) => {
  intrinsicSize: () => number; value: (id: number) => string; property: (id: number, name: string) => number;
};
const lexicon = cacheOf((theModel as unknown as { core: () => unknown }).core(), (theModel as unknown as { featureFn: unknown }).featureFn);
const abbreviations: string[] = [];
for (let id = 0; id < lexicon.intrinsicSize(); id++) if (lexicon.property(id, 'isAbbrev')) abbreviations.push(lexicon.value(id));

const PIECES = [
  // words, sentence starters the model knows, names, non-Latin letters
  'he', 'She', 'said', 'The', 'A', 'I', 'However', 'Zorblax', 'Quintavia', 'über', 'Ærø', 'Привет', '東京', 'أهلا',
  // marks
  '.', '!', '?', '?!', '!!', '...', '…', '. . .', ',', ';', ':', '-', '—', '–', '--', '/',
  // quotes of every style and brackets
  '"', "'", '“', '”', '‘', '’', '«', '»', '„', '(', ')', '[', ']', '{', '}',
  // initials, short forms, decimals, times, numbers, lists
  'J.', 'R.', 'J. R.', 'U.S.', 'U.S.A.', 'e.g.', 'i.e.', 'a.m.', '5 p.m.', '10:30', '3pm', '3.5', '3,5', '1,000.50', '-4',
  'No. 5', '1.', '2)', 'a)', 'iv.', '21st', '1990s', "'90s", '$5.5', 'US$', '€', '%', '&',
  // URLs, e-mail addresses, domain names, hashtags, mentions, emoji and emoticons
  'https://example.com/a.b?c=d', 'www.example.org', 'example.com', 'UOL.com.br', 'mail@example.net', '#Tag', '@someone',
  '😀', '👍🏽', ':-)', ';)',
  // contractions, hyphens, odd tokens
  "can't", "He's", 'don’t', 'cannot', 'co-founder', 'non-integer', 'v6t2', 'O3', 'x86_64', 'C++', 'a/b', '*', '**',
];
const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...abbreviations) });
const gap = fc.constantFrom('', ' ', ' ', ' ', '  ', '\u00a0', '\t', '\n', '\n\n', '\r\n');
const paragraph = fc.array(fc.tuple(piece, gap), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.map(([p, g]) => `${p}${g}`).join('').trim())
  .filter((text) => text.length > 0);

const texts = ['corpus', 'test/fixtures/wikinews/texts'].flatMap((dir) =>
  readdirSync(dir).filter((file) => file.endsWith('.txt')).sort().map((file) => readFileSync(path.join(dir, file), 'utf8')));

describe('the sentence splitter', () => {
  it('reads a table that is what the generator makes of the installed model', () => {
    expect(readFileSync('pipeline/engine/wink-sbd-table.ts', 'utf8')).toBe(generate());
    expect(abbreviations.length).toBeGreaterThan(300);
  });

  it('splits random paragraphs of tricky pieces as wink does', () => {
    const both = pair();
    let split = 0;
    fc.assert(fc.property(paragraph, (text) => {
      const { wink, ours } = both(text);
      expect(ours, text).toEqual(wink);
      if (Array.isArray(wink) && wink.length > 1) split++;
    }), { numRuns: 3_000 });
    // The pieces make real boundaries, not only one-sentence paragraphs.
    expect(split).toBeGreaterThan(500);
  });

  it('splits every paragraph and every whole text of the corpus and the Wikinews texts as wink does', () => {
    const both = pair();
    let paragraphs = 0;
    for (const text of texts) {
      for (const p of splitParagraphs(text, pipeline.lexicon)) {
        const { wink, ours } = both(text.slice(p.start, p.end));
        expect(ours, text.slice(p.start, p.end)).toEqual(wink);
        paragraphs++;
      }
      // Whole texts: line breaks and blank lines between paragraphs.
      const { wink, ours } = both(text);
      expect(ours).toEqual(wink);
    }
    expect(paragraphs).toBeGreaterThan(300);
  });

  it('learns words as wink does: a token read before changes how a later one is cut', () => {
    const later = 'Make trivial change to avoid v6t2...';
    const unread = pair()(later);
    expect(unread.ours).toEqual(unread.wink);
    const both = pair();
    const first = both('* mpn/arm/v6t2/mode1o.asm: Make a change.');
    expect(first.ours).toEqual(first.wink);
    const read = both(later);
    expect(read.ours).toEqual(read.wink);
    // "v6t2" "." ".." before, "v6t2" "..." once "v6t2" is a known word: a boundary less.
    expect(read.ours).not.toEqual(unread.ours);
    expect(new SentenceSplitter().split(later)).toEqual(unread.ours);
    const tail = (splitter: SentenceSplitter): string[] => splitter.tokens(later).slice(-3).map((token) => token.value);
    expect(tail(new SentenceSplitter())).toEqual(['v6t2', '.', '..']);
    const learned = new SentenceSplitter();
    learned.split('* mpn/arm/v6t2/mode1o.asm: Make a change.');
    expect(tail(learned)).toEqual(['avoid', 'v6t2', '...']);
  });

  it('computes the model\'s word shapes', () => {
    const modelShape = ((theModel as unknown as { featureFn: (config: unknown) => { shape: (word: string) => string } })
      .featureFn((theModel as unknown as { core: () => { packing: { config: unknown } } }).core().packing.config)).shape;
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'Q', 'Z', '0', '9', '.', '-', 'é', 'É', 'ß', 'Я', '\u0301', '😀') }), (word) => {
      expect(shapeOf(word)).toBe(modelShape(word));
    }), { numRuns: 2_000 });
  });

  it('counts word shapes as wink does: past 16,384 of them, a new word can read as an abbreviation', () => {
    const both = pair();
    // Words of small letters and digits, each with a shape of its own (runs of 1 to 3 letters and digits in turn):
    // wink reads isAbbrev from the lower case's entry, so the lower case must be new.
    const word = (n: number): string => [...n.toString(3)].map((digit, k) => (k % 2 ? '5' : 'a').repeat(Number(digit) + 1)).join('');
    const splitter = new SentenceSplitter();
    let n = 0;
    while (splitter.shapeCount <= 16_384 + 400) {
      const words = Array.from({ length: 400 }, () => word(n++));
      const text = `${words.join(' ')} end`;
      splitter.split(text);
      const { wink, ours } = both(text);
      expect(ours).toEqual(wink);
    }
    // Now a word with a new shape may get an index with bit 14 set: wink then takes it for an abbreviation and
    // starts a sentence at the next capitalised word.
    let splits = 0;
    for (let k = 0; k < 50; k++) {
      const text = `Then ${word(n++)} He left`;
      const { wink, ours } = both(text);
      expect(ours, text).toEqual(wink);
      if (Array.isArray(wink) && wink.length > 1) splits++;
    }
    expect(splits).toBeGreaterThan(0);
  });

  it('leaves to wink what it does not model, and the segment stage then asks wink', () => {
    const odd = ['Tokyo\u3000Station. Then home.', 'Form\ffeed. Next', "Whomst'd've said that? Nobody."];
    for (const text of odd) {
      expect(new SentenceSplitter().split(text), text).toBeNull();
      const before = splitterStats.fallbacks;
      expect(sentenceSpans(text)).toEqual(winkSpans(text, freshWink()));
      expect(splitterStats.fallbacks).toBe(before + 1);
    }
  });

  it('answers for every paragraph of the corpus in the segment stage, with no wink', () => {
    const before = { ...splitterStats };
    const stages = pipeline.stages.filter((stage) => stage.name === 'read' || stage.name === 'segment');
    expect(stages).toHaveLength(2);
    for (const [k, text] of texts.entries()) {
      const ctx = newContext({ articleId: `a${k}`, sourcePath: `a${k}.txt`, text, format: 'text', encoding: 'UTF-8' });
      for (const stage of stages) stage.run(ctx);
      expect(ctx.sentences.length).toBeGreaterThan(0);
    }
    expect(splitterStats.paragraphs - before.paragraphs).toBeGreaterThan(200);
    expect(splitterStats.fallbacks).toBe(before.fallbacks);
  });
});
