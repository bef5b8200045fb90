/**
 * Rule files already checked: `npm run build` runs the schema over the shipped rule files and writes what it gave
 * into dist/ (schema/rules-validated.json, by the kind of file and a hash of its text), so that start-up need not run
 * zod again over files it has checked (≈ 40 ms of a 0.4 s start-up). A file whose text is not there (edited, or the
 * user's own rules) is checked as before, with the same messages; from the sources (tests, tsx) nothing is cached.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

export const VALIDATED_FILE = new URL('./rules-validated.json', import.meta.url);

let cache: Map<string, unknown> | undefined;

function validated(): Map<string, unknown> {
  if (!cache) {
    try {
      cache = new Map(Object.entries(JSON.parse(readFileSync(VALIDATED_FILE, 'utf8')) as Record<string, unknown>));
    } catch {
      cache = new Map(); // no build's list (running from the sources): every file is checked
    }
  }
  return cache;
}

export const validatedKey = (kind: string, text: string): string => `${kind}:${createHash('sha256').update(text).digest('base64url')}`;

/** What the schema gave for this text, if a build checked it; a copy, since callers may change what they get. */
export function knownValid(kind: string, text: string): unknown {
  const known = validated().get(validatedKey(kind, text));
  return known === undefined ? undefined : structuredClone(known);
}

/**
 * Records what the schema gave for a text, for the build's list; only data that JSON keeps exactly (no undefined
 * values, no Sets), so that reading it back gives what the schema gives.
 */
export function recordValid(entries: Record<string, unknown>, kind: string, text: string, data: unknown): void {
  if (isDeepStrictEqual(JSON.parse(JSON.stringify(data)) as unknown, data)) entries[validatedKey(kind, text)] = data;
}

/** Sets the list (tests; undefined: read it from dist/ again). */
export function useValidated(entries: Record<string, unknown> | undefined): void {
  cache = entries === undefined ? undefined : new Map(Object.entries(entries));
}
