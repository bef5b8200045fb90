/**
 * The table of compromise's tags for the words of its lexicon (engine/word-tags-table-load.ts) must hold exactly what
 * asking compromise gives: every word is asked here and compared. After a compromise upgrade this fails until
 * `npm run word-tags` makes the table again (and until then the run does not use it: the version test below).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tagger } from '../../pipeline/engine/compromise.ts';
import { askedTags, installedCompromiseVersion, lexiconTable, resetLexiconTable } from '../../pipeline/engine/word-tags-table-load.ts';
import { COMPROMISE_VERSION } from '../../pipeline/engine/word-tags-table.ts';
import { tagsOf } from '../../pipeline/engine/word-tags.ts';

afterEach(() => resetLexiconTable());

describe('the lexicon word-tags table', () => {
  it('was made from the installed compromise, and holds every single word of its lexicon', () => {
    expect(COMPROMISE_VERSION).toBe(installedCompromiseVersion());
    const lexicon = Object.keys((tagger().model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon).filter((word) => word !== '' && !/\s/u.test(word));
    const table = lexiconTable();
    expect(table.size).toBe(lexicon.length);
    for (const word of lexicon) expect(table.has(word), word).toBe(true);
  });

  it('gives every word the tags compromise gives it, in the same order', () => {
    const differing: string[] = [];
    for (const [word, tags] of lexiconTable()) {
      if ([...tags].join(',') !== askedTags(word).join(',')) differing.push(word);
    }
    expect(differing).toEqual([]);
  }, 60_000);

  it('is not used with another version of compromise', () => {
    expect(lexiconTable('0.0.1').size).toBe(0);
    resetLexiconTable();
    expect(lexiconTable(COMPROMISE_VERSION).size).toBeGreaterThan(10_000);
  });

  it('answers tagsOf for a lexicon word as compromise would', () => {
    for (const word of ['officials', 'over', 'injured', 'greece']) expect([...tagsOf(word)]).toEqual(askedTags(word));
  });
});
