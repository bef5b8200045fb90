/**
 * Ids a table keeps as text. pandas (`read_json`, `read_csv`) turns a column whose every value reads as a number
 * into numbers ("001" → 1, "1e5" → 100000.0, "nan" → NaN), so no id the tool makes may read as one: quote and
 * speaker ids carry a prefix, and an article whose file name alone reads as a number keeps its extension.
 */
import * as crypto from 'node:crypto';

/**
 * The first 16 hex digits of the parts' SHA-1. `crypto.hash` (Node 20.12 and later) does it in one call, without
 * a Hash object: half the cost of `createHash` for ids this short (two ids and more per quote).
 */
const sha1Hex: (text: string) => string = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha1', text, 'hex')
  : (text) => crypto.createHash('sha1').update(text).digest('hex');
const hash = (...parts: string[]): string => sha1Hex(parts.join('\u0000')).slice(0, 16);

/** What Python's `float()` (and so pandas) would read as a number: digits, exponents, `nan`, `inf`, `1_000`. */
export function looksNumeric(value: string): boolean {
  return /^\s*[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:e[+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|nan|inf(?:inity)?)\s*$/i.test(value);
}

export function quoteId(articleId: string, kind: string, start: number, end: number): string {
  return `q_${hash(articleId, kind, String(start), String(end))}`;
}

/**
 * A speaker's id: the same for a canonical speaker (type and name) wherever and whenever it is found; a speaker
 * nothing resolved (`resolution` `mention`: "the company") is scoped to its article, since another article's
 * "company" need not be the same one.
 */
export function speakerId(speaker: { name: string; type: string | null; articleId: string | null }): string {
  return `spk_${speaker.articleId === null ? hash('corpus', speaker.type ?? '', speaker.name) : hash('article', speaker.articleId, speaker.type ?? '', speaker.name)}`;
}
