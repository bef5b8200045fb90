/**
 * The head of a source phrase. A `source` capture may hold more than one mention: "Doug Collins of Georgia",
 * "Mendez's wife Jonna Mendez, also CIA,", "The new governor of the region, Alexander Moor,". The speaker is
 * the phrase's head: not a possessor ("Mendez's"), not the object of a preposition ("of Georgia", "for the
 * provincial governor"); among the heads that remain (a name and its apposition), a named person wins over a
 * role or an organisation, since they are one entity and the name says more; in "X and Y" the first named person
 * ("Trump and his supporters"). A phrase with no mention at all
 * is its own source, as a role ("his publicist"); a lone possessive pronoun ("in her view") is a pronoun.
 */
import type { Item, Mention } from '../context.ts';

/**
 * A source with no mention at all ("according to his publicist", "according to police"): the noun phrase itself,
 * without its determiner, as a role mention.
 */
const POSSESSIVE_PRONOUNS: Record<string, string> = { his: 'he', her: 'she', their: 'they', its: 'it' };

// Regular expressions as constants: a literal in a function makes a new RegExp object each time it is evaluated.
const EDGE_PUNCTUATION = /^[,.:;&]$/;
const SPACE = /\s/u;

function nounPhraseMention(items: readonly Item[], text: string): Mention | null {
  // "In her view, …": the possessive pronoun is the source.
  const only = items.length === 1 ? items[0] : undefined;
  const pronoun = only ? POSSESSIVE_PRONOUNS[only.text.toLowerCase()] : undefined;
  if (only && pronoun) return { start: only.start, end: only.end, text: only.text, type: 'pronoun', name: pronoun, possessive: true };
  let from = 0;
  while (from < items.length && (items[from]?.sym === 'd' || items[from]?.sym === ',')) from++;
  let to = items.length;
  while (to > from && EDGE_PUNCTUATION.test(items[to - 1]?.sym ?? '')) to--;
  const words = items.slice(from, to);
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last || !words.some((item) => item.sym === 'w')) return null;
  const phrase = text.slice(first.start, last.end);
  return { start: first.start, end: last.end, text: phrase, type: 'role', role: phrase, roleHead: last.text.toLowerCase(), possessive: false };
}

/** The speaker mention of a source capture; `text` is the article text the items' offsets point into. */
export function headMention(items: readonly Item[], text: string): Mention | null {
  // The first head, the first named person among the heads, and the first with a full name (no list of heads made).
  let head: Mention | null = null;
  let named: Mention | null = null;
  let fullName: Mention | null = null;
  let inPrepositionalPhrase = false;
  let last: Mention | null = null;
  let previous: Item | undefined;
  for (const item of items) {
    if (item.sym === 'p') inPrepositionalPhrase = true;
    else if (item.sym === ',') inPrepositionalPhrase = false;
    // "Member of Parliament (MP) Yvette Cooper": a mention right after the object of a preposition starts a new head.
    else if (item.sym === 'M' && previous?.sym === 'M') inPrepositionalPhrase = false;
    // "Member of parliament (MP) Kevin Conolly": a name after a bracketed short form heads the phrase again.
    else if (item.sym === 'M' && item.mention?.type === 'person' && previous?.text === ')') inPrepositionalPhrase = false;
    previous = item;
    const mention = item.mention;
    if (!mention) continue;
    last = mention;
    if (item.sym !== 'M' || inPrepositionalPhrase) continue;
    head ??= mention;
    if (mention.type === 'person' && mention.name) {
      named ??= mention;
      if (fullName === null && SPACE.test(mention.name)) fullName = mention;
    }
  }
  // A full name ("Yvette Cooper") says more than a one-word one ("Member" in "Member of Parliament Yvette Cooper").
  return fullName ?? named ?? head ?? last ?? nounPhraseMention(items, text);
}
