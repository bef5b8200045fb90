/**
 * The bundles a run loads are written in ASCII (scripts/bundle.mjs, `asciiSource`), so V8 keeps their source with one
 * byte a character instead of two. Escaping must not change what the code does: regular expression literals and
 * strings holding non-ASCII characters match and read the same after it. Invented snippets, evaluated both ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without type declarations
import { asciiSource } from '../../scripts/bundle.mjs';

const escape = asciiSource as (text: string) => string;
const evaluate = (source: string): unknown => new Function(`return (${source});`)();
const isAscii = (text: string): boolean => /^[\u0000-\u007f]*$/.test(text);

const SNIPPETS: Array<{ source: string; inputs: string[] }> = [
  { source: String.raw`/[-–—]/g`, inputs: ['a–b', 'a—b', 'a-b', 'ab'] },
  { source: String.raw`/^['’]s$/`, inputs: ["'s", '’s', 's'] },
  { source: String.raw`/^(pub(licité)?|广告|Реклама)$/iu`, inputs: ['publicité', 'PUBLICITÉ', '广告', 'реклама', 'pub', 'ad'] },
  { source: String.raw`/\—/`, inputs: ['—', '\\—', '-'] },
  { source: String.raw`/[😀-😂]/u`, inputs: ['😁', '😃', 'x'] },
  { source: String.raw`/^.$/u`, inputs: ['😀', 'é', 'ab'] },
  { source: String.raw`/(…|\.\.\.)$/`, inputs: ['loading…', 'loading...', 'loading'] },
];

describe('asciiSource', () => {
  it.each(SNIPPETS)('$source matches as it did, and is ASCII after escaping', ({ source, inputs }) => {
    const escaped = escape(source);
    expect(isAscii(escaped)).toBe(true);
    const before = evaluate(source) as RegExp;
    const after = evaluate(escaped) as RegExp;
    expect(after.flags).toBe(before.flags);
    for (const input of inputs) {
      before.lastIndex = 0;
      after.lastIndex = 0;
      expect(after.test(input), input).toBe(before.test(input));
    }
  });

  it('strings, template literals and comments read the same (any text)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      const literal = JSON.stringify(text);
      const source = `/* ${text.replace(/\*\//g, '')} */ [${literal}, \`${text.replace(/[`\\$]/g, '')}\`]`;
      const escaped = escape(source);
      expect(isAscii(escaped)).toBe(true);
      expect(evaluate(escaped)).toEqual(evaluate(source));
    }), { numRuns: 300 });
  });

  it('leaves ASCII text alone', () => {
    const source = String.raw`const a = /\s+[a-z]\\/g; // plain`;
    expect(escape(source)).toBe(source);
  });
});
