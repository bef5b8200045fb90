/**
 * The resolve stage reads names by character code instead of splitting them: held here to the plain versions they
 * replaced (split on /\s+/, regex replace), on random strings of the pieces that matter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFullName, withoutDeterminer } from '../../pipeline/stages/resolve.ts';

const plainIsFullName = (name: string, particles: ReadonlySet<string>): boolean =>
  name.split(/\s+/).filter((w) => !particles.has(w.toLowerCase())).filter((w) => /^\p{Lu}/u.test(w)).length >= 2;
const plainWithoutDeterminer = (text: string): string => text.replace(/^(?:the|a|an)\s+/i, '');

const particles = new Set(['de', 'van', 'der', 'von', 'al', 'i̇bn']);
const longest = Math.max(...[...particles].map((p) => p.length));
const piece = fc.constantFrom(
  'Kees', 'de', 'De', 'DE', 'Vries', 'van', 'Van', 'der', 'vonx', 'Von', 'al', 'AL', 'İbn', 'Ölmez', 'ölmez', '𝐀bc', 'x', 'Ü',
  'the', 'The', 'THE', 'a', 'A', 'an', 'An', 'AN', 'then', 'and', 'n', 'e', 'h', 'tHe', 'ſ',
  ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', '\u0085', '',
);
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

describe('the resolve stage\'s name helpers', () => {
  it('tell a full name as splitting on white space does', () => {
    fc.assert(fc.property(text, (name) => {
      expect(isFullName(name, particles, longest), JSON.stringify(name)).toBe(plainIsFullName(name, particles));
    }), { numRuns: 5_000 });
    expect(isFullName('Kees de Vries', particles, longest)).toBe(true);
    expect(isFullName('De Vries', particles, longest)).toBe(false);
  });

  it('drop a leading article as the regex does', () => {
    fc.assert(fc.property(text, (value) => {
      expect(withoutDeterminer(value), JSON.stringify(value)).toBe(plainWithoutDeterminer(value));
    }), { numRuns: 5_000 });
    expect(withoutDeterminer('an  Orvald board')).toBe('Orvald board');
    expect(withoutDeterminer('Anvil')).toBe('Anvil');
  });
});
