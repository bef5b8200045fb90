import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../pipeline/engine/bounded-cache.ts';

describe('BoundedCache', () => {
  it('holds at most twice its limit however many keys pass through it', () => {
    const cache = new BoundedCache<string, number>(100);
    let largest = 0;
    for (let k = 0; k < 10_000; k++) {
      cache.set(`word${k}`, k);
      largest = Math.max(largest, cache.size);
    }
    expect(largest).toBeLessThanOrEqual(200);
    expect(largest).toBeGreaterThan(100);
  });

  it('keeps a key asked for between turns, and drops one not asked for in two turns', () => {
    const cache = new BoundedCache<string, string>(10);
    cache.set('said', 'cue');
    cache.set('zanzibar', 'rare');
    for (let k = 0; k < 1_000; k++) {
      cache.set(`n${k}`, 'number');
      // Asked for once every few new keys, as a common word is asked for in every article.
      if (k % 5 === 0) expect(cache.get('said')).toBe('cue');
    }
    expect(cache.get('said')).toBe('cue');
    expect(cache.get('zanzibar')).toBeUndefined();
  });

  it('moves a key read from the old map into the young one, and drops the keys left in the old one', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    // Full: c starts a new young map; a and b are old.
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    // Full again (c, a): they become old and b, not read, is dropped.
    cache.set('d', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    // Full again (d, a): c, not read since, is dropped; a, read each turn, stays.
    cache.set('e', 5);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });

  it('lookup makes a value once and then serves it', () => {
    const cache = new BoundedCache<string, { length: number }>(5);
    let made = 0;
    const make = (key: string): { length: number } => {
      made++;
      return { length: key.length };
    };
    const first = cache.lookup('quote', make);
    expect(cache.lookup('quote', make)).toBe(first);
    expect(made).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.lookup('quote', make)).not.toBe(first);
    expect(made).toBe(2);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
    expect(() => new BoundedCache(1.5)).toThrow(RangeError);
  });
});
