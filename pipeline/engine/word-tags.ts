/**
 * compromise's tags for one word out of context (its lexicon: "Residents" is plural, "spoke" past): the words of its
 * lexicon from a table made at build time (word-tags-table-load.ts), any other word asked once.
 */
import { BoundedCache } from './bounded-cache.ts';
import { SharedCache } from './shared-answers.ts';
import { askedTags, lexiconTable } from './word-tags-table-load.ts';

/** Keeps the words in use, at most twice the limit (bounded-cache.ts). */
export const TAG_CACHE_LIMIT = 20_000;
// Shared with the run's other threads (shared-answers.ts): compromise says the same there. Posted as a list.
const tagCache = new SharedCache<ReadonlySet<string>>('word-tags', new BoundedCache(TAG_CACHE_LIMIT),
  (posted) => (Array.isArray(posted) && posted.every((tag) => typeof tag === 'string') ? new Set(posted as string[]) : undefined),
  (tags) => [...tags]);

const askCompromise = (word: string): ReadonlySet<string> => new Set(askedTags(word));

export const tagsOf = (word: string): ReadonlySet<string> => lexiconTable().get(word) ?? tagCache.lookup(word, askCompromise);
