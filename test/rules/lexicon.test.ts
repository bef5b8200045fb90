/** The rule data users edit: loaded, validated, and refused with the file named when it is wrong. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadLexicon, RuleFileError } from '../../pipeline/lexicon.ts';
import { createPipeline, processText } from '../../pipeline/pipeline.ts';
import { quoteRecords } from '../../pipeline/records.ts';

const copies: string[] = [];
function rulesCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qa-rules-'));
  copies.push(dir);
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}
function editJson(file: string, change: (data: Record<string, unknown>) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(data);
  writeFileSync(file, JSON.stringify(data));
}
afterEach(() => { for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('rule data', () => {
  it('loads the shipped rules', () => {
    const lexicon = loadLexicon();
    expect(lexicon.cueForms.get('said')?.[0]?.lemma).toBe('say');
    expect(lexicon.speakerAliases.get('dmitri peskov')?.name).toBe('Dmitry Peskov');
  });

  it('refuses a spelling that would name two speakers', () => {
    const dir = rulesCopy((d) => editJson(path.join(d, 'speakers.json'), (data) => {
      (data.speakers as unknown[]).push({ name: 'Dmitri Peskov', type: 'person', aliases: [], roles: [] });
    }));
    expect(() => loadLexicon(dir)).toThrow(RuleFileError);
    expect(() => loadLexicon(dir)).toThrow(/speakers\.json: "Dmitri Peskov" names both/);
  });

  it('refuses a cue with a complement it does not know, naming the file and field', () => {
    const dir = rulesCopy((d) => editJson(path.join(d, 'cues.json'), (data) => {
      (data.verbs as unknown[]).push({ lemma: 'mutter', class: 'speech', forms: ['muttered'], complements: ['sometimes'] });
    }));
    expect(() => loadLexicon(dir)).toThrow(/cues\.json: verbs\.\d+\.complements\.0/);
  });

  it('a speaker with a role added to the registry resolves an unnamed role mention', () => {
    const dir = rulesCopy((d) => editJson(path.join(d, 'speakers.json'), (data) => {
      (data.speakers as unknown[]).push({ name: 'Olaf Scholz', type: 'person', aliases: ['Olaf Scholtz'], roles: ['German Chancellor'] });
    }));
    const [record] = quoteRecords(processText(createPipeline(dir), '"We stand firm," the German chancellor said.'));
    expect(record).toMatchObject({ speaker: 'Olaf Scholz', resolution: 'registry', speaker_role: 'German chancellor' });
    const [alias] = quoteRecords(processText(createPipeline(dir), '"Enough," Olaf Scholtz said.'));
    expect(alias).toMatchObject({ speaker: 'Olaf Scholz', resolution: 'alias' });
  });

  it('a cue verb added to cues.json is found in both directions', () => {
    const dir = rulesCopy((d) => editJson(path.join(d, 'cues.json'), (data) => {
      (data.verbs as unknown[]).push({ lemma: 'grumble', class: 'speech', forms: ['grumble', 'grumbles', 'grumbled', 'grumbling'], complements: ['that', 'quote'] });
    }));
    const pipeline = createPipeline(dir);
    expect(quoteRecords(processText(pipeline, '"It was a mistake," the mayor grumbled.'))[0]?.rule).toBe('direct-trailing');
    expect(quoteRecords(processText(pipeline, 'The mayor grumbled that it was a mistake.'))[0]?.text).toBe('it was a mistake');
    expect(quoteRecords(processText(createPipeline(), 'The mayor grumbled that it was a mistake.'))).toEqual([]);
  });
});
