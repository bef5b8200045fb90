/**
 * The pattern VM keeps its working memory between calls: capture slots in two reused halves that grow on demand, a
 * buffer of found matches, and item class bits in buffers longer than the sentence at hand (a caller's, or the
 * matcher's own). None of it may leak from one sentence into the next: a pattern reused across sentences of every
 * length answers as a pattern compiled afresh for each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePatternElements, execPattern, itemClassBits, matchAllPattern, matchAllRecords, classBits, testPattern, type PatternElement, type PatternItem } from '../../pipeline/engine/token-pattern.ts';

const items = (signature: string): PatternItem[] => [...signature].map((sym, k) => ({ sym, text: `t${k}` }));
const plain = (found: ReadonlyArray<ReadonlyMap<string, { from: number; to: number }>>): Array<Record<string, [number, number]>> =>
  found.map((groups) => Object.fromEntries([...groups].map(([name, r]) => [name, [r.from, r.to]])));

// Three captures, one of them repeated and one optional: threads carry different slots, many at a time.
const PATTERN: PatternElement[] = [
  { is: 'mention', op: '+', capture: 'source' },
  { is: 'adverb', op: '*' },
  { is: 'cue', capture: 'cue' },
  { is: 'that', op: '?', capture: 'that' },
  { isnt: ['.'], op: '+', capture: 'content' },
];

describe('the pattern VM reused across sentences', () => {
  it('answers a short sentence after a long one, and the same sentence twice, as a fresh pattern does', () => {
    const short = 'wMCTwwQw.';
    // Longer than every buffer's first size (64 items, a few slot rows, four matches): each must grow.
    const long = `${'MhCww,ww.'.repeat(12)}MMChTQwwQ.`;
    const reused = compilePatternElements(PATTERN);
    const fresh = (signature: string) => plain(matchAllPattern(compilePatternElements(PATTERN), items(signature)));
    const first = plain(matchAllPattern(reused, items(short)));
    expect(first).toEqual([{ source: [1, 2], cue: [2, 3], that: [3, 4], content: [4, 8] }]);
    const longFound = plain(matchAllPattern(reused, items(long)));
    expect(longFound).toHaveLength(13);
    expect(longFound).toEqual(fresh(long));
    expect(plain(matchAllPattern(reused, items(short)))).toEqual(first);
    expect(plain(matchAllPattern(reused, items(long)))).toEqual(longFound);
  });

  it('reads only the first items.length class bits of a caller\'s longer buffer', () => {
    const compiled = compilePatternElements([{ is: 'mention', capture: 'source' }, { is: 'word', op: '*', capture: 'rest' }]);
    // The buffer still holds a longer sentence's bits (all words) past the two items of this one.
    const buffer = itemClassBits(items('w'.repeat(40)));
    const sentence = items('Mw');
    const bits = itemClassBits(sentence, buffer);
    expect(bits).toBe(buffer);
    expect(matchAllRecords(compiled, sentence, classBits(sentence), 0, bits)).toEqual([{ source: { from: 0, to: 1 }, rest: { from: 1, to: 2 } }]);
    expect(execPattern(compiled, sentence, 0, bits)?.end).toBe(2);
    // A pattern that needs a third item finds none, whatever the buffer holds past the sentence.
    const three = compilePatternElements([{ is: 'mention' }, { is: 'word' }, { is: 'word' }]);
    expect(testPattern(three, sentence, 0, bits)).toBe(false);
    expect(matchAllRecords(three, sentence, classBits(sentence), 0, bits)).toEqual([]);
  });

  it('testPattern says what execPattern finds, on random sentences in a row', () => {
    const compiled = compilePatternElements(PATTERN);
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[MhCTwQ,.]{0,90}$/), { minLength: 2, maxLength: 5 }), (signatures) => {
      for (const signature of signatures) {
        const sentence = items(signature);
        const found = execPattern(compiled, sentence, 0);
        expect(testPattern(compiled, sentence, 0)).toBe(found !== null);
        const all = plain(matchAllPattern(compiled, sentence));
        expect(all).toEqual(plain(matchAllPattern(compilePatternElements(PATTERN), sentence)));
        // execPattern's first match is matchAllPattern's first.
        expect(found === null ? [] : [Object.fromEntries([...found.groups].map(([name, r]) => [name, [r.from, r.to]]))]).toEqual(all.slice(0, 1));
      }
    }), { numRuns: 300 });
  });
});
