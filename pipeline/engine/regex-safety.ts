/**
 * Whether a user's regular expression can backtrack without end (ReDoS), decided by recheck's analysis
 * (automata theory, and fuzzing where that does not apply). recheck's pure-JavaScript build is loaded directly:
 * no Java, no native binary, nothing downloaded, so it works offline. Loaded only when a pattern needs it.
 *
 * The analysis takes from a few milliseconds to a few seconds per pattern, so the patterns the shipped rules use
 * are listed in {@link VETTED}: a test runs the analysis on each of them, and a test fails when the shipped rules
 * use a pattern that is not listed. Any other pattern (a user's rule file) is analysed at start-up.
 */
import { createRequire } from 'node:module';
import type { Diagnostics } from 'recheck';

/** Longest the analysis of one pattern may take; a pattern that cannot be shown safe in time is refused. */
export const ANALYSIS_TIMEOUT_MS = 10_000;

const key = (source: string, flags: string): string => `${[...flags].sort().join('')}/${source}`;

/** Patterns of the shipped rules/ (rules/lexicon/words.json), each shown safe by a test (test/rules/regex-safety.test.ts). */
export const VETTED_PATTERNS: ReadonlyArray<{ source: string; flags: string }> = [
  { source: '^READ MORE\\b', flags: 'iu' },
  { source: '\\bJOIN NOW\\s*$', flags: 'iu' },
  { source: '^Join the mailing list\\s*$', flags: 'iu' },
  { source: '^(Subscribe|Sign up)\\b.*(newsletter|mailing list)', flags: 'iu' },
  { source: '^Advertisement\\s*$', flags: 'iu' },
  { source: '^Share (this|on)\\b', flags: 'iu' },
  { source: '^Related:', flags: 'iu' },
  { source: '^Click here\\b', flags: 'iu' },
  { source: '^(Photo|Image):', flags: 'iu' },
  { source: '^Copyright\\b', flags: 'iu' },
  { source: '^©', flags: 'iu' },
  { source: "^(?:\\([A-Z][A-Za-z]{1,11}\\)\\s*|[A-Z][A-Z'.-]{2,20}(?:[ ][A-Z][A-Z'.-]{0,20}){0,3}(?:,[ ][A-Z][A-Za-z.]{0,12}(?:[ ][A-Za-z.]{1,12}){0,2})?[ ]?(?:\\([A-Za-z. ]{2,20}\\)[ ]?)?[—–-]{1,2}[ ]+)", flags: 'u' },
];
const VETTED = new Set(VETTED_PATTERNS.map((p) => key(p.source, p.flags)));

export function isVetted(source: string, flags: string): boolean {
  return VETTED.has(key(source, flags));
}

type CheckSync = (source: string, flags: string, params?: { timeout?: number | null; randomSeed?: number }) => Diagnostics;
let checkSync: CheckSync | undefined;

/** recheck's analysis of one pattern (flags `d` and `g` do not change matching and are left out). */
export function analysePattern(source: string, flags: string, timeoutMs = ANALYSIS_TIMEOUT_MS): Diagnostics {
  checkSync ??= (createRequire(import.meta.url)('recheck/lib/browser.js') as { checkSync: CheckSync }).checkSync;
  // A fixed seed: the fuzzing part is random, and a rule file must get the same verdict on every run.
  return checkSync(source, flags.replace(/[dg]/g, ''), { timeout: timeoutMs, randomSeed: 7 });
}

/** Why a pattern is unsafe, in one sentence, or `null` when it is safe. */
export function unsafeReason(source: string, flags: string): string | null {
  if (isVetted(source, flags)) return null;
  const result = analysePattern(source, flags);
  if (result.status === 'safe') return null;
  if (result.status === 'vulnerable') {
    const attack = result.attack.pattern.length <= 80 ? `, e.g. on ${result.attack.pattern}` : '';
    return `can backtrack without end (${result.complexity.summary} time${attack}); rewrite it so that no two parts can match the same text`;
  }
  const why = result.error.kind === 'timeout' ? `the analysis took over ${ANALYSIS_TIMEOUT_MS / 1000} s` : `the analysis failed (${result.error.kind}${'message' in result.error ? `: ${result.error.message}` : ''})`;
  return `could not be shown safe from runaway backtracking: ${why}; simplify it`;
}
