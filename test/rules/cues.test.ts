/**
 * The cue lexicon by lemma: generated inflections, classes and complements, the scope, and what the new cues read
 * in news shapes (invented sentences: new names, new topics).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadLexicon, readJson, RuleFileError } from '../../pipeline/lexicon.ts';
import { createPipeline, processText } from '../../pipeline/pipeline.ts';
import { quoteRecords } from '../../pipeline/records.ts';
import { CuesFile, engineComplement, inflectNoun, inflectVerb, withGeneratedForms } from '../../pipeline/engine/cue-lexicon.ts';
import { quotesOf, summary } from '../helpers.ts';

const copies: string[] = [];
afterAll(() => { for (const dir of copies) rmSync(dir, { recursive: true, force: true }); });
function rulesCopy(file: string, change: (data: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qa-cues-'));
  copies.push(dir);
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  const data = JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>;
  change(data);
  writeFileSync(target, JSON.stringify(data));
  return dir;
}

describe('inflections', () => {
  it('the shipped forms are what compromise generates from each lemma (run `npm run rules:forms` after an edit)', () => {
    const shipped = readJson(path.join(DEFAULT_RULES_DIR, 'cues.json'), CuesFile);
    expect(withGeneratedForms(shipped)).toEqual(shipped);
  });

  it('conjugates irregular verbs and phrasal cues, keeping the particle', () => {
    expect(inflectVerb('think')).toEqual(expect.arrayContaining(['think', 'thinks', 'thought']));
    expect(inflectVerb('write')).toEqual(expect.arrayContaining(['wrote', 'written', 'writing']));
    expect(inflectVerb('point out')).toEqual(['point out', 'points out', 'pointed out', 'pointing out']);
    expect(inflectVerb('call on')).toContain('called on');
    // compromise reads a bare "express" as a noun unless told it is a verb
    expect(inflectVerb('express')).toContain('expressed');
    expect(inflectNoun('allegation')).toEqual(['allegation', 'allegations']);
  });

  it('a phrasal cue is one cue item, longest form first', () => {
    const lexicon = loadLexicon();
    expect(lexicon.cueForms.get('pointed')?.[0]?.words).toEqual(['pointed', 'out']);
    expect(lexicon.cueForms.get('called')?.map((form) => form.words.join(' '))).toEqual(expect.arrayContaining(['called on', 'called for', 'called']));
    const [record] = quotesOf('Union leader Asha Brenner called on members to "hold the line" at the depot.');
    expect(record).toMatchObject({ cue: 'called on', speaker: 'Asha Brenner', cue_class: 'speech' });
  });

  it('omits forms that are mostly nouns (a base form stays only as a verb after its subject), and phrases listed under `not`', () => {
    const lexicon = loadLexicon();
    expect(lexicon.cueForms.get('report')?.map((form) => form.afterSubject)).toEqual([true]);
    expect(lexicon.cueForms.has('reported')).toBe(true);
    expect(lexicon.cueForms.get('think')?.find((form) => form.words.join(' ') === 'think tank')?.notCue).toBe(true);
    const ctx = processText(createPipeline(), 'A think tank in Tallinn said the grain tariffs would backfire.');
    expect(ctx.cues.map((cue) => cue.text)).toEqual(['said']);
  });

  it('an entry added without forms is conjugated when the rules load', () => {
    const dir = rulesCopy('cues.json', (data) => {
      (data.verbs as unknown[]).push({ lemma: 'grumble', class: 'speech', complements: ['that', 'quote'] });
    });
    expect(loadLexicon(dir).cueForms.get('grumbled')?.[0]).toMatchObject({ lemma: 'grumble', cueClass: 'speech', complement: 'that' });
    const [record] = quoteRecords(processText(createPipeline(dir), 'The ferry captain grumbled that the new timetable was unworkable.'));
    expect(record).toMatchObject({ text: 'the new timetable was unworkable', cue: 'grumbled' });
  });
});

describe('complements as today\'s rules read them', () => {
  it('a bare clause only when the cue takes no noun-phrase object; the first complement decides', () => {
    expect(engineComplement(['clause', 'that', 'quote'])).toBe('clause');
    expect(engineComplement(['clause', 'that', 'noun-phrase'])).toBe('that');
    expect(engineComplement(['that', 'clause'])).toBe('that');
    expect(engineComplement(['object-infinitive', 'that', 'quote'])).toBe('quote');
    expect(engineComplement(['quote', 'noun-phrase'])).toBe('quote');
  });

  it('a noun-phrase object is not read as content', () => {
    expect(quotesOf('Councillor Bram Ostrow claimed responsibility for the budget error.')).toEqual([]);
    expect(quotesOf('Striker Jonas Velde added two goals in the second half.')).toEqual([]);
    expect(quotesOf('Forecasters expect heavy snow along the northern pass.')).toEqual([]);
  });
});

describe('cue classes and the scope', () => {
  it('the default scope reads speech and belief cues only', () => {
    const lexicon = loadLexicon();
    expect(lexicon.scope).toBe('speech');
    for (const word of ['found', 'shows', 'endorsed', 'wants', 'planned', 'cited', 'warned of']) expect(lexicon.cueForms.has(word.split(' ')[0] ?? '') && lexicon.cueForms.get(word.split(' ')[0] ?? '')?.some((f) => f.words.join(' ') === word)).toBeFalsy();
    expect(lexicon.cueForms.get('believes')?.[0]?.cueClass).toBe('belief');
    expect(lexicon.nounCues.has('findings')).toBe(false);
  });

  it('the attribution scope also loads stance, intention and evidence cues', () => {
    const lexicon = loadLexicon(DEFAULT_RULES_DIR, { scope: 'attribution' });
    expect(lexicon.cueForms.get('found')?.[0]?.cueClass).toBe('evidence');
    expect(lexicon.cueForms.get('endorsed')?.[0]?.cueClass).toBe('stance');
    expect(lexicon.cueForms.get('wants')?.[0]?.cueClass).toBe('intention');
    expect(lexicon.cueForms.get('warned')?.some((form) => form.words.join(' ') === 'warned of')).toBe(true);
    expect(lexicon.nounCues.get('findings')).toEqual({ lemma: 'finding', cueClass: 'evidence' });
  });

  it('an evidence source gives no record by default', () => {
    expect(quotesOf('The county audit found that the parks office had overpaid two contractors.')).toEqual([]);
  });

  it('each quote record says what kind of act its cue is; null without a cue', () => {
    const records = quotesOf('Harbor pilot Ines Okoro believes the channel is too shallow. "We will dredge it," the port director said.\n\n"Nobody asked us."');
    expect(records.map((r) => [r.cue, r.cue_class])).toEqual([['believes', 'belief'], ['said', 'speech'], [null, null]]);
    const [noun] = quotesOf("Growers dismissed Okoro's argument that the channel is too shallow.");
    expect(noun).toMatchObject({ cue: 'argument', cue_class: 'speech', text: 'the channel is too shallow' });
  });
});

describe('news shapes the new cues read', () => {
  it.for([
    ['Councilwoman Marta Ibsen believes the tram depot will close next winter.', 'the tram depot will close next winter', 'Marta Ibsen'],
    ['Economist Lina Sorvino thinks the housing slump will last into spring.', 'the housing slump will last into spring', 'Lina Sorvino'],
    ['The mayor hopes the festival will draw ten thousand visitors.', 'the festival will draw ten thousand visitors', 'mayor'],
    ['Port director Kofi Brandt argued the toll increase was unavoidable.', 'the toll increase was unavoidable', 'Kofi Brandt'],
    ['Sorvino insisted the figures were wrong.', 'the figures were wrong', 'Sorvino'],
    ['Ibsen is saying the audit clears her office.', 'the audit clears her office', 'Ibsen'],
    ['Officials are saying the levee could fail.', 'the levee could fail', 'Officials'],
    ['The levee could fail, officials fear.', 'The levee could fail', 'officials'],
    ['Sorvino later acknowledged that the figures were wrong.', 'the figures were wrong', 'Sorvino'],
    ['County officials estimated that 300 homes had flooded.', '300 homes had flooded', null],
    ['An estimated 300 homes flooded, the county sheriff said.', 'An estimated 300 homes flooded', 'county sheriff'],
    // a passive or adjectival form after "be" is no cue, so the trailing source still reads the whole clause
    ['Ferry traffic is expected to resume on Friday, the port authority said.', 'Ferry traffic is expected to resume on Friday', 'port authority'],
    ['The treasurer was widely believed to be abroad, two aides said.', 'The treasurer was widely believed to be abroad', 'two aides'],
    ['Brandt reiterated that the harbor would stay open.', 'the harbor would stay open', 'Brandt'],
    ['The ferry operator denied that crews had skipped safety drills.', 'crews had skipped safety drills', 'ferry operator'],
    ['Prosecutor Hal Mercer contends the lease was forged.', 'the lease was forged', 'Hal Mercer'],
    ['Trustee Noor Halvard reaffirmed that the library would stay open on Sundays.', 'the library would stay open on Sundays', 'Noor Halvard'],
  ] as const)('%s', ([text, content, speaker]) => {
    const found = summary(quotesOf(text)).find(([, got]) => got === content);
    expect(found?.[0]).toBe('indirect');
    if (speaker) expect(found?.[2]).toBe(speaker);
  });
});

describe('speech acts with quoted words', () => {
  it('"characterized X as \"…\"" is a mixed quote with its speaker', () => {
    const [record] = quotesOf('Drivers\' union chief Ama Sorensen characterized the offer as "an insult to every driver."');
    expect(record).toMatchObject({ kind: 'mixed', cue: 'characterized', cue_class: 'speech', speaker: 'Ama Sorensen' });
  });
});

describe('strict rule files', () => {
  it('renaming "plurals" in roles.json is an error naming the file and key, not silently no group speakers', () => {
    const dir = rulesCopy('roles.json', (data) => { data.plural = data.plurals; delete data.plurals; });
    expect(() => loadLexicon(dir)).toThrow(RuleFileError);
    expect(() => loadLexicon(dir)).toThrow(/roles\.json: unknown key "plural"/);
  });

  it.for([
    ['cues.json', (d: Record<string, unknown>) => { (d.verbs as Array<Record<string, unknown>>)[0]!.complement = ['clause']; }, /cues\.json: unknown key "complement" in verbs\.0/],
    ['cues.json', (d: Record<string, unknown>) => { (d.classes as Record<string, unknown>).opinion = { scope: 'speech' }; }, /cues\.json: unknown key "opinion" in classes/],
    ['organizations.json', (d: Record<string, unknown>) => { d.keyword = d.keywords; delete d.keywords; }, /organizations\.json: unknown key "keyword"/],
    ['speakers.json', (d: Record<string, unknown>) => { (d.speakers as Array<Record<string, unknown>>)[0]!.alias = []; }, /speakers\.json: unknown key "alias" in speakers\.0/],
    ['lexicon/words.json', (d: Record<string, unknown>) => { (d.pronouns as Record<string, unknown>).people = ['he']; }, /words\.json: unknown key "people" in pronouns/],
  ] as const)('%s: an unknown key is refused', ([file, change, message]) => {
    const dir = rulesCopy(file, change);
    expect(() => loadLexicon(dir)).toThrow(message);
  });

  it('keys starting with "$" are comments, at any depth', () => {
    const dir = rulesCopy('speakers.json', (data) => {
      data.$note = 'kept for the editors';
      (data.speakers as Array<Record<string, unknown>>)[0]!.$why = 'the Kremlin spokesman in the sample corpus';
    });
    expect(loadLexicon(dir).speakers.length).toBeGreaterThan(0);
  });
});
