/** engine/chars.ts against the regular expression it stands for, on every UTF-16 code unit. */
import { expect, it } from 'vitest';
import { isSpaceAt } from '../../pipeline/engine/chars.ts';

it('isSpaceAt is /\\s/ for every code unit, and reads the unit at the index asked', () => {
  const wrong: number[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    if (isSpaceAt(`x${char}`, 1) !== /\s/.test(char)) wrong.push(code);
  }
  expect(wrong).toEqual([]);
  expect(isSpaceAt('a b', 0)).toBe(false);
  expect(isSpaceAt('a b', 1)).toBe(true);
  expect(isSpaceAt('ab', 5)).toBe(false);
});
