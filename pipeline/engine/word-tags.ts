/** compromise's tags for one word out of context, asked once per word (its lexicon: "Residents" is plural, "spoke" past). */
import { compromiseJson } from './compromise.ts';

const tagCache = new Map<string, ReadonlySet<string>>();
const CACHE_LIMIT = 50_000;

export function tagsOf(word: string): ReadonlySet<string> {
  let tags = tagCache.get(word);
  if (!tags) {
    tags = new Set(compromiseJson(word)[0]?.terms?.[0]?.tags ?? []);
    if (tagCache.size > CACHE_LIMIT) tagCache.clear();
    tagCache.set(word, tags);
  }
  return tags;
}
