/**
 * Whether words read as a finite clause ("the two explosions are related", "most of the deceased suffocated") or as
 * a noun phrase ("plans to pull out of the deal", "three points to the total"). Cues such as "announce", "claim" or
 * "confirm" take both: after them, a clause without "that" is reported content, a noun phrase is not. compromise
 * tags the words in context; the clause needs a subject and then a finite verb (past or present tense, a copula
 * or a modal), not an infinitive after "to".
 */
import { BoundedCache } from './bounded-cache.ts';
import { compromiseJson } from './compromise.ts';
import { SharedCache } from './shared-answers.ts';

/** `unknown`: the tagger saw no verb at all (it reads "sales rose" as two nouns). */
export type ClauseReading = 'clause' | 'not-clause' | 'unknown';

/** Keeps the phrases in use, at most twice the limit (bounded-cache.ts). */
export const CLAUSE_CACHE_LIMIT = 5_000;
const READINGS: ReadonlySet<unknown> = new Set<ClauseReading>(['clause', 'not-clause', 'unknown']);
// Shared with the run's other threads (shared-answers.ts): compromise says the same there.
const cache = new SharedCache('clause-reading', new BoundedCache<string, ClauseReading>(CLAUSE_CACHE_LIMIT),
  (posted) => (READINGS.has(posted) ? posted as ClauseReading : undefined));

interface Term { text: string; tags: string[]; post?: string }

export const clauseReading = (words: string): ClauseReading => cache.lookup(words, classify);

/** Positive evidence of a finite clause. */
export const readsAsClause = (words: string): boolean => clauseReading(words) === 'clause';

/** The subject is a noun phrase: the finite verb comes within this many words. */
const SUBJECT_WORDS = 12;
/** Words after those the test reads that compromise still sees, as their context. */
const CONTEXT_WORDS = 8;
const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * The reading of the words of some tokens (a cue's content), from their start. The test reads only the first
 * SUBJECT_WORDS + 1 words, and compromise tags a word from its neighbours, so it is given those words and
 * CONTEXT_WORDS more, not a long tail: a 40-word content costs what a 20-word one does. (Checked: the output stays
 * the same on the development set, the sample corpus and 17,000 synthetic articles.)
 */
export function clauseReadingFrom(tokens: readonly string[], read: (words: string) => ClauseReading = clauseReading): ClauseReading {
  let words = 0;
  let end = 0;
  while (end < tokens.length && words < SUBJECT_WORDS + 1 + CONTEXT_WORDS) {
    if (HAS_WORD.test(tokens[end] as string)) words++;
    end++;
  }
  return read(tokens.slice(0, end).join(' '));
}
const FINITE = ['PastTense', 'PresentTense', 'Copula', 'Modal', 'Auxiliary'];

function classify(words: string): ClauseReading {
  const terms: Term[] = (compromiseJson(words)[0]?.terms ?? []).slice(0, SUBJECT_WORDS + 1);
  // A clause opens with its subject, not with a preposition ("to RIA's question on whether …").
  if (terms[0]?.tags.includes('Preposition') || terms[0]?.text.toLowerCase() === 'to') return 'not-clause';
  let subject = false;
  let afterConjunction = false;
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k];
    const text = (term?.text ?? '').toLowerCase();
    const tags = new Set(term?.tags ?? []);
    const isVerb = tags.has('Verb') || tags.has('Copula') || tags.has('Modal') || tags.has('Auxiliary');
    // A participle inside the subject ("a law allowing …", "the region, to be called …") belongs to it.
    const inSubject = isVerb && (tags.has('Gerund') || (terms[k - 1]?.text ?? '').toLowerCase() === 'to' || tags.has('Infinitive') && !tags.has('PresentTense'));
    if (!isVerb || inSubject) {
      if (tags.has('Noun') || tags.has('Pronoun') || tags.has('Value') || tags.has('ProperNoun') || tags.has('Determiner') || text === 'there') subject = true;
      if (text === 'and' || text === 'or' || text === 'but') afterConjunction = true;
      else if (!tags.has('Adverb')) afterConjunction = false;
      if (/[:;]/u.test(term?.post ?? '')) return 'not-clause';
      continue;
    }
    // "…, and formally applied to …": a verb right after "and" continues the sentence's own predicate.
    if (!subject || afterConjunction) return 'not-clause';
    return FINITE.some((tag) => tags.has(tag)) ? 'clause' : 'not-clause';
  }
  return 'unknown';
}
