/**
 * Boilerplate patterns that open with a word boundary run in a faster, equivalent form (lexicon.ts,
 * `boilerplateSource`). Checked here: the two forms test the same on random lines, with the characters that make
 * word boundaries subtle under the `iu` flags (ſ and the Kelvin sign fold to word characters; é does not count).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boilerplateSource } from '../../pipeline/lexicon.ts';

const PATTERNS = ['\\bJOIN NOW\\s*$', '\\bsubscribe\\b', '\\bread more|^Advert', '\\b2\\d+ comments$', '\\bK+ey', '\\b_x'];
const PIECES = ['JOIN', 'join', 'NOW', 'now', ' ', '  ', 'x', 'é', 'ſ', 'K', '\u212a', 'Key', 'ey', '_', '-', '.', '2', '20', ' comments', 'subscribe', 'Subscribe', 'read more', 'Advert', '\t'];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));

describe('boilerplate patterns in their fast form', () => {
  it('rewrites a leading boundary before a word character, and nothing else', () => {
    expect(boilerplateSource('\\bJOIN NOW\\s*$')).toBe('(?:^|\\W)JOIN NOW\\s*$');
    expect(boilerplateSource('^READ MORE\\b')).toBe('^READ MORE\\b');
    expect(boilerplateSource('\\b\\d+ comments')).toBe('\\b\\d+ comments');
    expect(boilerplateSource('\\bA?B')).toBe('\\bA?B');
    expect(boilerplateSource('\\bA*')).toBe('\\bA*');
    expect(boilerplateSource('\\bA{0,2}')).toBe('\\bA{0,2}');
  });

  it('tests every line as the pattern as written does', () => {
    for (const source of PATTERNS) {
      const written = new RegExp(source, 'iu');
      const fast = new RegExp(boilerplateSource(source), 'iu');
      expect(fast.source).not.toBe(written.source);
      fc.assert(fc.property(line, (text) => fast.test(text) === written.test(text)), { numRuns: 3_000 });
    }
  });
});
