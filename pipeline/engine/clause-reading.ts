/**
 * Whether words read as a finite clause ("the two explosions are related", "most of the deceased suffocated") or as
 * a noun phrase ("plans to pull out of the deal", "three points to the total"). Cues such as "announce", "claim" or
 * "confirm" take both: after them, a clause without "that" is reported content, a noun phrase is not. compromise
 * tags the words in context; the clause needs a subject and then a finite verb (past or present tense, a copula
 * or a modal), not an infinitive after "to".
 */
import nlp from 'compromise';

const cache = new Map<string, boolean>();
const CACHE_LIMIT = 10_000;

interface Term { text: string; tags: string[]; post?: string }

export function readsAsClause(words: string): boolean {
  let known = cache.get(words);
  if (known === undefined) {
    known = classify(words);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(words, known);
  }
  return known;
}

/** The subject is a short noun phrase: the verb comes within this many words, with no punctuation before it. */
const SUBJECT_WORDS = 7;

function classify(words: string): boolean {
  const terms = ((nlp(words).json() as Array<{ terms?: Term[] }>)[0]?.terms ?? []).slice(0, SUBJECT_WORDS + 1);
  let subject = false;
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k];
    const tags = new Set(term?.tags ?? []);
    const isVerb = tags.has('Verb') || tags.has('Copula') || tags.has('Modal') || tags.has('Auxiliary');
    if (!isVerb) {
      if (tags.has('Noun') || tags.has('Pronoun') || tags.has('Value') || tags.has('ProperNoun')) subject = true;
      if (/[,:;—–]/u.test(term?.post ?? '') || ['and', 'or', 'but'].includes((term?.text ?? '').toLowerCase())) return false;
      continue;
    }
    if (!subject || tags.has('Gerund')) return false;
    if ((terms[k - 1]?.text ?? '').toLowerCase() === 'to') return false;
    return tags.has('PastTense') || tags.has('PresentTense') || tags.has('Copula') || tags.has('Modal') || tags.has('Auxiliary');
  }
  return false;
}
