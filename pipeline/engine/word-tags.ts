/** compromise's tags for one word out of context, asked once per word (its lexicon: "Residents" is plural, "spoke" past). */
import { BoundedCache } from './bounded-cache.ts';
import { compromiseJson } from './compromise.ts';

/** Keeps the words in use, at most twice the limit (bounded-cache.ts). */
export const TAG_CACHE_LIMIT = 20_000;
const tagCache = new BoundedCache<string, ReadonlySet<string>>(TAG_CACHE_LIMIT);

export function tagsOf(word: string): ReadonlySet<string> {
  let tags = tagCache.get(word);
  if (!tags) {
    tags = new Set(compromiseJson(word)[0]?.terms?.[0]?.tags ?? []);
    tagCache.set(word, tags);
  }
  return tags;
}
