/** Character tests by code, for hot loops that would otherwise make a regex match or a one-character string. */

/** Whether a code unit is one /\s/ matches, as trim() trims (JavaScript's WhiteSpace and LineTerminator). */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Whether the character at `at` is one /\s/ matches (false past the text's end). */
export const isSpaceAt = (text: string, at: number): boolean => isSpaceCode(text.charCodeAt(at));
