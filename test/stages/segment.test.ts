import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processText } from '../../pipeline/pipeline.ts';
import { QUOTE_CHAR, findQuoteSpans, isQuoteChar } from '../../pipeline/stages/segment.ts';
import { splitParagraphs } from '../../pipeline/stages/read.ts';
import { pipeline, processTextSentences } from './sentences.ts';

const spansOf = (text: string): string[] =>
  splitParagraphs(text, pipeline.lexicon).flatMap((p) => findQuoteSpans(text, p).map((q) => text.slice(q.start, q.end)));

describe('quotation marks', () => {
  it.each([
    ['straight double', 'He said "we will win" today.', 'we will win'],
    ['curly double', 'He said “we will win” today.', 'we will win'],
    ['guillemets', 'He said « we will win » today.', ' we will win '],
    ['German low-high', 'He said „we will win“ today.', 'we will win'],
    ['curly single', 'He said ‘we will win’ today.', 'we will win'],
    ['straight single', "He said 'we will win' today.", 'we will win'],
    ['closing mark used as an opener', '”And we will win,” he said.', 'And we will win,'],
  ])('%s', (_, text, expected) => {
    expect(spansOf(text)).toEqual([expected]);
  });

  it('does not read apostrophes as quotes', () => {
    expect(spansOf("Russia's envoy said it’s time, and they don’t agree.")).toEqual([]);
    expect(spansOf('The farmers’ union met on Monday.')).toEqual([]);
  });

  it('keeps nested quotes inside the outer quote', () => {
    expect(spansOf('“He told me ‘never again’ and left,” she said.')).toEqual(['He told me ‘never again’ and left,']);
  });

  it('marks a quote left open at the paragraph end', () => {
    const text = 'She said: "We will go on.\n"And on."';
    const paragraphs = splitParagraphs(text, pipeline.lexicon);
    const first = paragraphs[0];
    if (!first) throw new Error('no paragraph');
    const spans = findQuoteSpans(text, first);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.unclosed).toBe(true);
  });
});

describe('finding quotation marks', () => {
  it('searches for exactly the characters the quote scanner acts on', () => {
    const pattern = new RegExp(QUOTE_CHAR.source);
    let marks = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const found = pattern.test(String.fromCharCode(code));
      if (found !== isQuoteChar(code)) throw new Error(`U+${code.toString(16)}: the search says ${found}`);
      if (found) marks++;
    }
    expect(marks).toBe(13);
  });

  it('gives an article the quotes of its paragraphs read one by one (the search carries over from one to the next)', () => {
    const piece = fc.constantFrom('Ilse Varga said', ' ', ' ', '"', '“', '”', '‘', '’', "'", '«', '»', '„', 'no.', 'It’s', 'JOIN NOW', '\n', '\n', '\n\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const ctx = processText(pipeline, text);
      const expected = ctx.paragraphs.filter((p) => !p.boilerplate).flatMap((p) => findQuoteSpans(text, p));
      expect(ctx.quoteSpans, JSON.stringify(text)).toEqual(expected);
    }), { numRuns: 300 });
  });
});

describe('sentences', () => {
  it('never ends a sentence inside a quotation', () => {
    const sentences = processTextSentences('"I came. I saw. I left," the visitor said. Then he went home.');
    expect(sentences).toEqual(['"I came. I saw. I left," the visitor said.', ' Then he went home.']);
  });

  it('joins an attribution to the quoted question before it', () => {
    const sentences = processTextSentences('"Is that all?" Nora Berg asked. Nobody answered.');
    expect(sentences[0]).toBe('"Is that all?" Nora Berg asked.');
  });
});
