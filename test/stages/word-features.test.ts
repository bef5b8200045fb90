/**
 * The mentions stage finds a word's table entry by where the word stands in the text (`featuresAt`), first in a
 * small cache of recent words whose key is only the length and the first, second and last characters: words that share
 * that key must still each get their own entry.
 */
import { describe, expect, it } from 'vitest';
import { featuresAt, wordTable, ROLE_WORD, PRONOUN, CAPITALIZED } from '../../pipeline/stages/word-features.ts';
import { pipeline } from '../helpers.ts';

const table = wordTable(pipeline.lexicon);

/** The entry of each space-separated word of `text`, in order. */
function entries(text: string): Array<ReturnType<typeof featuresAt>> {
  const found: Array<ReturnType<typeof featuresAt>> = [];
  let from = 0;
  for (const word of text.split(' ')) {
    found.push(featuresAt(table, text, from, from + word.length));
    from += word.length + 1;
  }
  return found;
}

describe('word entries found by position', () => {
  it('are the entries of the words written there, when words share length, first, second and last letter', () => {
    // Each group shares the recent-word key; read in turn, each word evicts the one before from the slot.
    const text = 'said sand said sold said Tova Tofa Tova spokesman spokeswoman officials offic1als officials';
    const words = text.split(' ');
    for (let round = 0; round < 3; round++) {
      const found = entries(text);
      expect(found.map((f) => f.text)).toEqual(words);
    }
  });

  it('give one entry per word, shared by its tokens, with the word\'s classes', () => {
    const [a, b] = entries('spokesman spokesman');
    expect(a).toBe(b);
    expect((a?.flags ?? 0) & ROLE_WORD).not.toBe(0);
    const [he, she, name] = entries('he she Tova');
    expect((he?.flags ?? 0) & PRONOUN).not.toBe(0);
    expect((she?.flags ?? 0) & PRONOUN).not.toBe(0);
    expect((name?.flags ?? 0) & CAPITALIZED).not.toBe(0);
    expect((name?.flags ?? 0) & PRONOUN).toBe(0);
  });

  it('read a word inside a longer text as that word alone', () => {
    const text = 'xx said.yy';
    expect(featuresAt(table, text, 3, 7).text).toBe('said');
    expect(featuresAt(table, text, 7, 8).text).toBe('.');
  });
});
