/**
 * The head of a source phrase. A `source` capture may hold more than one mention: "Doug Collins of Georgia",
 * "Mendez's wife Jonna Mendez, also CIA,", "The new governor of the region, Alexander Moor,". The speaker is
 * the phrase's head: not a possessor ("Mendez's"), not the object of a preposition ("of Georgia", "for the
 * provincial governor"); among the heads that remain (a name and its apposition), a named person wins over a
 * role or an organisation, since they are one entity and the name says more.
 */
import type { Item, Mention } from '../context.ts';

export function headMention(items: readonly Item[]): Mention | null {
  const heads: Mention[] = [];
  let inPrepositionalPhrase = false;
  let last: Mention | null = null;
  for (const item of items) {
    if (item.sym === 'p') inPrepositionalPhrase = true;
    else if (item.sym === ',') inPrepositionalPhrase = false;
    const mention = item.mention;
    if (!mention) continue;
    last = mention;
    if (item.sym === 'M' && !inPrepositionalPhrase) heads.push(mention);
  }
  return heads.find((m) => m.type === 'person' && m.name) ?? heads[0] ?? last;
}
