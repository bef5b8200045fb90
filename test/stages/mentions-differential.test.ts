/**
 * The mentions stage is written for speed (one table entry per word, flags instead of set look-ups). Its output must
 * stay what the plain version gave (mentions-reference.ts): the same items, mentions, cues and merged sentences,
 * key for key, so the output files stay byte-identical. Checked on the development articles, the sample corpus and
 * random text built from the words the chunker treats specially (names, particles, roles, organisations, cues,
 * possessives, appositions).
 *
 * The reference is a frozen copy, for a change meant to keep the output. A change meant to alter what the stage
 * finds (accuracy work) changes the reference the same way in the same commit, or retires this test and the copy:
 * the accuracy tests (test/e2e) then hold the stage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newContext } from '../../pipeline/pipeline.ts';
import type { ArticleContext } from '../../pipeline/context.ts';
import { mentionsStage } from '../../pipeline/stages/mentions.ts';
import { referenceMentionsStage } from './mentions-reference.ts';
import { pipeline } from '../helpers.ts';

const fast = mentionsStage(pipeline.lexicon);
const reference = referenceMentionsStage(pipeline.lexicon);
const before = pipeline.stages.slice(0, pipeline.stages.findIndex((stage) => stage.name === 'mentions'));

/** What the mentions stage leaves in the context, as text: key order counts (it is the order of the output records). */
const outcome = (ctx: ArticleContext): string => JSON.stringify([ctx.sentences, ctx.mentions, ctx.cues]);

function both(text: string): [string, string] {
  const ctx = newContext({ articleId: 'a', sourcePath: 'a.txt', text, format: 'text', encoding: 'UTF-8' });
  for (const stage of before) stage.run(ctx);
  const copy = structuredClone(ctx);
  fast.run(ctx);
  reference.run(copy);
  return [outcome(ctx), outcome(copy)];
}

const PIECES = [
  'Maria', 'Lind', 'Kees', 'de', 'Vries', 'von', 'der', 'Leyen', 'dela', 'Vega', 'al-Assad', 'bin', 'Elizabeth', 'II', 'Jr.', 'King',
  'spokesman', 'Spokesman', 'minister', 'Minister', 'Foreign', 'Chief', 'Executive', 'President', 'president-elect', 'officials',
  'chairman', 'mayor', 'ministry', 'Ministry', 'Party', 'Democratic', 'Western', 'Command', 'Commission', 'on', 'Human', 'Rights',
  'UN', 'U.S.', 'RCN', 'Kremlin', 'Google', 'Moscow', 'Russia', 'German', 'Russian', 'said', 'says', 'told', 'added', 'according',
  'to', 'claim', 'claims', 'remarks', 'pointed', 'out', 'believed', 'expected', 'quoted', 'the', 'The', 'a', 'an', 'of', 'for',
  'and', 'was', 'is', 'not', 'widely', 'he', 'she', 'they', 'We', 'who', 'that', 'dockworkers', 'union', 'port', 'authority',
  'harbour', 'master', 'council', 'audit', 'committee', 'government', 'Burundi', 'Residents', 'Substitute', 'Over', 'Specifically',
  'Nearly', '63', '2014', 'May', 'in', 'by', 'with', 'tenant', 'Cook', 'Okoye', 'father', 'Peskov', 'Dmitry', 'Treasury', 'US',
  "'s", '’s', "'", ',', ',', '.', ':', ';', '--', '—', '?', ' ', '\t', '\u00a0', '(', ')', '"', '“', '”', 'investigate', 'plans', 'Folha.com.br', 'Ávila', 'Ölmez',
];
// Punctuation and clitics are written against the word before them, as news text writes them.
const ATTACHED = new Set(["'s", '’s', "'", ',', '.', ':', ';', '?', ')', '”']);
const words = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 })
  .map((parts) => parts.reduce((text, part) => (text === '' ? part : ATTACHED.has(part) || text.endsWith('(') || text.endsWith('“') ? text + part : `${text} ${part}`), ''));
const paragraphs = fc.array(words, { minLength: 1, maxLength: 4 }).map((sentences) => sentences.join(sentences.length > 2 ? '\n\n' : ' '));

describe('the fast mentions stage', () => {
  it('gives what the reference gives on the development articles and the sample corpus', () => {
    const folders = ['test/fixtures/wikinews/texts', 'corpus'];
    let articles = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
        const [got, expected] = both(readFileSync(path.join(folder, name), 'utf8'));
        expect(got, name).toBe(expected);
        articles++;
      }
    }
    expect(articles).toBeGreaterThan(20);
  });

  it('gives what the reference gives on random text', () => {
    fc.assert(fc.property(paragraphs, (text) => {
      const [got, expected] = both(text);
      expect(got).toBe(expected);
    }), { numRuns: 3_000 });
  });

  it('gives what the reference gives on hand-written cases of each kind of chunk', () => {
    const cases = [
      'The Ministry of\tDefence said on Monday that it would not comment.',
      'The Ministry of\u00a0Defence said so, and the Royal  College of Nursing (RCN) agreed.',
      'the government of\nBurundi said the port authority chief Karin Vogt, 63, was told.',
      'The The Maria Lind said it. A spokesman for the Kremlin, Dmitry Peskov, said so.',
      "Russia's ambassador to the UN said the dockworkers' union had been warned by Okoye's father.",
      'Kees de Vries and Ursula von der Leyen met Elizabeth II and Martin Luther King Jr. on Tuesday.',
      'Residents say the mayor, Lena Fischer, is expected to resign, according to officials.',
      'Substitute Jamal Okoye scored. Specifically, she said the Democratic Party would win.',
      'President-elect Ivo Brandt told reporters; Activists claim the Western Command was believed.',
    ];
    for (const text of cases) {
      const [got, expected] = both(text);
      expect(got, text).toBe(expected);
    }
  });

  it('finds mentions at all (the comparison is not between two empty lists)', () => {
    const [got] = both('Kremlin spokesman Dmitry Peskov said the ministry of defence, Maria Lind, would not comment.');
    expect(got).toContain('"type":"person"');
    expect(got).toContain('"roleHead":"spokesman"');
  });
});
