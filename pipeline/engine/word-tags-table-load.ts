/**
 * compromise's tags for the words of its own lexicon, read from a table made at build time (word-tags-table.ts)
 * instead of asking compromise. A word's tags out of context are the same in every article, and on real news such
 * questions were most of what compromise was asked (the 28 Wikinews texts: 425 words at ~0.65 ms each, against 141
 * clauses). The table holds exactly what `tagsOf` would get from the same compromise; it is used only while the
 * installed compromise is the version that made it (test/engine/word-tags-table.test.ts asks compromise every word).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { compromiseJson } from './compromise.ts';
import { COMPROMISE_VERSION, TAG_LISTS, WORDS_BY_LIST } from './word-tags-table.ts';

/** What `tagsOf` reads of compromise's answer for one word: its first term's tags. */
export const askedTags = (word: string): string[] => compromiseJson(word)[0]?.terms?.[0]?.tags ?? [];

/** The version of the compromise this process would load (from its package.json, without loading compromise). */
export function installedCompromiseVersion(): string {
  const require = createRequire(import.meta.url);
  // compromise's exports list no package.json: it is found up from its tagger build (node_modules/compromise/builds/…).
  let dir = path.dirname(require.resolve('compromise/two'));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'compromise' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the installed compromise package.json');
    dir = parent;
  }
}

/** Word → tags, built on first use; empty when the installed compromise is not the table's. */
let table: Map<string, ReadonlySet<string>> | undefined;

/** The table for the installed compromise (`version`: tests). */
export function lexiconTable(version?: string): Map<string, ReadonlySet<string>> {
  if (table) return table;
  const made = new Map<string, ReadonlySet<string>>();
  if ((version ?? installedCompromiseVersion()) === COMPROMISE_VERSION) {
    TAG_LISTS.forEach((list, at) => {
      // One set per list, shared by its words (callers only read them).
      const tags: ReadonlySet<string> = new Set(list === '' ? [] : list.split(','));
      for (const word of (WORDS_BY_LIST[at] as string).split(' ')) made.set(word, tags);
    });
  }
  table = made;
  return made;
}

/** Forgets the table (tests: to build it again for another version). */
export function resetLexiconTable(): void {
  table = undefined;
}
