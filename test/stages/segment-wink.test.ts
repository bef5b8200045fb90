/**
 * The segment stage skips wink-nlp for paragraphs wink cannot split (`winkCannotSplit`). The claim is checked here
 * against wink itself: on random text built to pass the check (words, spaces, commas, quotation marks, brackets,
 * digits, abbreviation-like words, at most one final mark), on every paragraph of the sample corpus and the Wikinews
 * texts, and on the model data the argument rests on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { winkSentences } from '../../pipeline/nlp.ts';
import { splitParagraphs } from '../../pipeline/stages/read.ts';
import { winkCannotSplit } from '../../pipeline/stages/segment.ts';
import { pipeline } from './sentences.ts';

const PIECES = ['Mr', 'Dr', 'Inc', 'U', 'S', 'he', 'She', 'said', 'The', 'A', 'Then', 'However', '2020', '3,5', ',', ';', ':', '“', '”', '"', "'", '‘', '’', '(', ')', '—', '-', '…', 'Zorblax', 'über', 'e', 'g'];
const piece = fc.constantFrom(...PIECES);
const gap = fc.constantFrom('', ' ', '  ', '\t');
const candidate = fc.tuple(fc.array(fc.tuple(piece, gap), { minLength: 1, maxLength: 30 }), fc.constantFrom('', '.', '!', '?'))
  .map(([parts, end]) => `${parts.map(([p, g]) => `${p}${g}`).join('').trim()}${end}`);

describe('paragraphs wink cannot split', () => {
  it('refuses a mark before the end and any line break', () => {
    expect(winkCannotSplit('He said no, again.')).toBe(true);
    expect(winkCannotSplit('He said no')).toBe(true);
    expect(winkCannotSplit('He said no. Then left')).toBe(false);
    expect(winkCannotSplit('Mr. Okafor said no')).toBe(false);
    expect(winkCannotSplit('“No.”')).toBe(false);
    expect(winkCannotSplit('He said no\n')).toBe(false);
    expect(winkCannotSplit('No!\n')).toBe(false);
  });

  it('are one sentence for wink on random text that passes the check', () => {
    fc.assert(fc.property(candidate, (text) => {
      fc.pre(winkCannotSplit(text));
      expect(winkSentences(text).length).toBeLessThanOrEqual(1);
    }), { numRuns: 2_000 });
  });

  it('are one sentence for wink in the sample corpus and the Wikinews texts', () => {
    const dirs = ['corpus', 'test/fixtures/wikinews/texts'];
    let checked = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((file) => file.endsWith('.txt'))) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        for (const paragraph of splitParagraphs(text, pipeline.lexicon)) {
          const body = text.slice(paragraph.start, paragraph.end);
          if (!winkCannotSplit(body)) continue;
          checked++;
          expect(winkSentences(body).length, body).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('rest on model data: only ".", "!", "?", a blank line and words ending in "." leave the start state', () => {
    const require = createRequire(import.meta.url);
    const model = require('wink-eng-lite-web-model') as { core: () => unknown; featureFn: unknown };
    const cacheOf = require('wink-nlp/src/cache.js') as (core: unknown, featureFn: unknown) => {
      intrinsicSize: () => number; value: (id: number) => string; property: (id: number, name: string) => number;
    };
    const cache = cacheOf(model.core(), model.featureFn);
    const sbd = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-sbd-model.json') as string[];
    expect(sbd).toHaveLength(1);
    const machine = JSON.parse(sbd[0] as string) as [number, number, Record<string, Record<string, number>>];
    // Token 2 (a blank line), sbdHint 1 and 2, and 7 (an abbreviation); 2070003 is "otherwise", back to the start.
    expect(Object.keys(machine[2]['0'] ?? {}).sort()).toEqual(['1080001', '1080002', '1080007', '2', '2070003']);
    expect(machine[2]['0']?.['2070003']).toBe(0);
    expect(cache.value(2)).toBe('\n\n');
    for (let id = 0; id < cache.intrinsicSize(); id++) {
      const hint = cache.property(id, 'sbdHint');
      if (hint === 1 || hint === 2) expect(['.', '!', '?']).toContain(cache.value(id));
      if (cache.property(id, 'isAbbrev')) expect(cache.value(id)).toMatch(/\.$/);
    }
  });
});
