/**
 * wink-nlp's word cache only grows, so the tool takes a fresh wink instance after a set amount of text
 * (pipeline/nlp-renewal.ts). That must not move a sentence boundary: the sample corpus and the Wikinews texts
 * split the same with one long-lived instance and with a fresh one every few hundred characters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getWink, winkSentences } from '../../pipeline/nlp.ts';
import { winkRenewal } from '../../pipeline/nlp-renewal.ts';

const texts = ['corpus', 'test/fixtures/wikinews/texts'].flatMap((dir) =>
  readdirSync(dir).filter((file) => file.endsWith('.txt')).sort().map((file) => readFileSync(path.join(dir, file), 'utf8')));
const defaults = { ...winkRenewal };
afterEach(() => Object.assign(winkRenewal, defaults));

describe('a fresh wink instance now and then', () => {
  it('splits every text (twice over) exactly as one long-lived instance does', () => {
    expect(texts.length).toBeGreaterThan(10);
    winkRenewal.afterChars = Number.POSITIVE_INFINITY;
    const once = texts.map((text) => winkSentences(text));
    // Twice over, so the second pass reads words the first instance already cached.
    const longLived = texts.map((text) => winkSentences(text));
    expect(longLived).toEqual(once);

    winkRenewal.afterChars = 5_000;
    winkRenewal.renewals = 0;
    const before = getWink();
    const renewed = [...texts, ...texts].map((text) => winkSentences(text));
    const differing = renewed.flatMap((spans, k) => (JSON.stringify(spans) === JSON.stringify(once[k % texts.length]) ? [] : [k]));
    expect(differing).toEqual([]);
    expect(getWink()).not.toBe(before);
    expect(winkRenewal.renewals).toBeGreaterThan(20);
  });

  it('renews only once an instance has read its share', () => {
    Object.assign(winkRenewal, { afterChars: 100, seen: 0, renewals: 0 });
    expect(winkRenewal.due(250)).toBe(false); // a fresh instance reads even a long text
    expect(winkRenewal.due(1)).toBe(true);
    expect(winkRenewal.due(60)).toBe(false);
    expect(winkRenewal.due(39)).toBe(false);
    expect(winkRenewal.due(1)).toBe(true);
    expect(winkRenewal.renewals).toBe(2);
  });
});
