/**
 * The mentions stage reads plain ASCII words by hand and everything else with its TOKEN pattern (`tokenSpans`).
 * The hand-read words must be exactly TOKEN's: checked on random text built from the characters where TOKEN's
 * branches differ (digits, full stops, hyphens, apostrophes, accented and non-Latin letters, combining marks,
 * unusual spaces), and on every paragraph of the sample corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenSpans, tokenSpansByPattern } from '../../pipeline/stages/mentions.ts';

const spansOf = (text: string): number[] => {
  const spans: number[] = [];
  tokenSpans(text, 0, text.length, (start, end) => spans.push(start, end));
  return spans;
};

/** The tokens of `text` read as the stretch [prefix.length, …) of a longer text: positions relative to the stretch. */
const spansWithin = (prefix: string, text: string, suffix: string): number[] => {
  const spans: number[] = [];
  tokenSpans(prefix + text + suffix, prefix.length, prefix.length + text.length, (start, end) => spans.push(start - prefix.length, end - prefix.length));
  return spans;
};

const PIECES = ['a', 'Zorv', 'ex', 'U', 'S', 'e', 'g', 'com', 'br', '2', '31', '4', '.', ',', ':', '-', '‐', '--', "'", '’', "'s", 'n\'t', 're', 's', 't', 'd', 'm', 'll', 've', 'r', 'l', 'v', 'ss', 'A.', 'Ab.', 'ab.c', 'ſ', 'K', ' ', '  ', '\t', '\n', '\u00a0', '\u2009', 'é', 'Ö', 'ß', 'Ж', '中', '\u0301', '"', '“', '(', ')', '!', '?', '_', '$', '%', '\u{1F600}',
  // marks outside ASCII, letters and numbers outside the BMP, spaces outside ASCII, a lone surrogate
  '—', '–', '…', '”', '«', '·', '\u2028', '\u3000', '\ufeff', '\u{1D400}', '\u{10400}', '\u{1D7D8}', '٣', '\ud800', '\udc00'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('tokens', () => {
  it('read by hand are the tokens the pattern gives, on random text', () => {
    fc.assert(fc.property(text, (t) => { expect(spansOf(t)).toEqual(tokenSpansByPattern(t)); }), { numRuns: 5_000 });
  });

  it('read by hand are the tokens the pattern gives, on numbers next to what may go on with them', () => {
    const cases = ['1,000 people', '1,000,000.', '3:30 pm', '12:', '2.5%', '5, 6', '10-year', '2016.', '2016. Then', '3pm', '4th,', '1990s',
      '٣٤ and 5٣', '7‐8', '9_', '(2016)', '2016’s', '1.2.3', 'COVID-19', 'v6t2.', 'ab12cd,', '0x1F'];
    for (const text of cases) expect(spansOf(text), text).toEqual(tokenSpansByPattern(text));
  });

  it('of a stretch of a longer text are those of the stretch alone: what stands around it changes nothing', () => {
    fc.assert(fc.property(text, text, text, (before, t, after) => { expect(spansWithin(before, t, after)).toEqual(tokenSpansByPattern(t)); }), { numRuns: 3_000 });
  });

  it('read by hand are the tokens the pattern gives, on the sample corpus', () => {
    const files = readdirSync('corpus').filter((name) => name.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      for (const paragraph of readFileSync(path.join('corpus', name), 'utf8').split(/\n+/)) {
        expect(spansOf(paragraph), paragraph).toEqual(tokenSpansByPattern(paragraph));
      }
    }
  });
});
