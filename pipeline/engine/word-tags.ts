/**
 * compromise's tags for one word out of context (its lexicon: "Residents" is plural, "spoke" past): the words of its
 * lexicon from a table made at build time (word-tags-table-load.ts), any other word asked once.
 */
import { BoundedCache } from './bounded-cache.ts';
import { compromiseJson } from './compromise.ts';
import { publishAnswer, shareCache, takeSharedAnswers } from './shared-answers.ts';
import { askedTags, lexiconTable } from './word-tags-table-load.ts';

/** Keeps the words in use, at most twice the limit (bounded-cache.ts). */
export const TAG_CACHE_LIMIT = 20_000;
const tagCache = new BoundedCache<string, ReadonlySet<string>>(TAG_CACHE_LIMIT);
const SHARED_AS = 'word-tags';
// Another thread's tags for the same word (shared-answers.ts): compromise said the same there.
shareCache(SHARED_AS, (word, tags) => {
  if (Array.isArray(tags) && tags.every((tag) => typeof tag === 'string') && tagCache.get(word) === undefined) tagCache.set(word, new Set(tags as string[]));
});

export function tagsOf(word: string): ReadonlySet<string> {
  let tags = tagCache.get(word) ?? lexiconTable().get(word);
  // Another thread may have asked compromise this already.
  if (!tags && takeSharedAnswers()) tags = tagCache.get(word);
  if (!tags) {
    const asked = askedTags(compromiseJson, word);
    tags = new Set(asked);
    tagCache.set(word, tags);
    publishAnswer(SHARED_AS, word, asked);
  }
  return tags;
}
