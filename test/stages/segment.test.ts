import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../pipeline/stages/segment.ts';
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
