/** The rule tester runs every rule's examples with that rule alone; the registry holds rules to their contract. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, test } from 'vitest';
import { loadRuleSet } from '../../pipeline/engine/rule-set.ts';
import { allRulesOf, checkInvalid, checkValid, pipelineWithRuleAlone } from '../../pipeline/engine/rule-tester.ts';
import { RuleFileError } from '../../pipeline/lexicon.ts';

const rules = loadRuleSet();
const all = allRulesOf(rules);

describe('rule registry', () => {
  it('has unique ids, and every rule file is in the configured order', () => {
    const ids = all.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rules.reported.length + rules.direct.length).toBe(readdirSync(path.resolve('rules', 'patterns')).filter((name) => name.endsWith('.json')).length);
  });

  test.for(all.map((rule) => [rule.id, rule] as const))('%s has a description and examples', ([, rule]) => {
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.examples.invalid.length).toBeGreaterThan(0);
  });
});

const invalid = all.flatMap((rule) => rule.examples.invalid.map((example) => ({ rule, id: rule.id, ...example })));
const valid = all.flatMap((rule) => rule.examples.valid.map((text) => ({ rule, id: rule.id, text })));

describe('rule examples, each rule alone', () => {
  test.for(invalid)('$id fires on: $text', ({ rule, ...example }) => {
    expect(checkInvalid(pipelineWithRuleAlone(rules, rule), rule.id, example)).toBeNull();
  });
  test.for(valid)('$id stays quiet on: $text', ({ rule, text }) => {
    expect(checkValid(pipelineWithRuleAlone(rules, rule), rule.id, text)).toBeNull();
  });
});

describe('the rule tester', () => {
  it('reports a rule that does not fire, a wrong speaker, and a rule that fires where it must not', () => {
    const rule = rules.reported.find((r) => r.id === 'reported-that');
    if (!rule) throw new Error('reported-that is missing');
    const pipeline = pipelineWithRuleAlone(rules, rule);
    expect(checkInvalid(pipeline, rule.id, { text: 'The harbour stayed closed all week.', quote: 'the harbour stayed closed', speaker: 'Ines Roth' })).toMatch(/expected the quote/);
    expect(checkInvalid(pipeline, rule.id, { text: 'Ines Roth said that the harbour stayed closed.', quote: 'the harbour stayed closed', speaker: 'Tom Berg' })).toMatch(/expected the speaker/);
    expect(checkValid(pipeline, rule.id, 'Ines Roth said that the harbour stayed closed.')).toMatch(/must not fire/);
    expect(checkValid(pipeline, rule.id, 'The harbour stayed closed all week.')).toBeNull();
  });
});

describe('rule folders', () => {
  const dirs: string[] = [];
  const copy = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
    cpSync(path.resolve('rules'), dir, { recursive: true });
    dirs.push(dir);
    return dir;
  };
  afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });
  const edit = (file: string, change: (data: Record<string, unknown>) => void): void => {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    change(data);
    writeFileSync(file, JSON.stringify(data));
  };

  it('refuses a misspelt key in a pattern rule, naming the file', () => {
    const dir = copy();
    edit(path.join(dir, 'patterns', 'reported-that.json'), (data) => { data.complement = data.complements; delete data.complements; });
    expect(() => loadRuleSet(dir)).toThrow(RuleFileError);
    expect(() => loadRuleSet(dir)).toThrow(/reported-that\.json/);
  });

  it('refuses a rule file that the order does not list, and an order entry without a file', () => {
    const dir = copy();
    renameSync(path.join(dir, 'patterns', 'reported-told.json'), path.join(dir, 'patterns', 'reported-told-copy.json'));
    edit(path.join(dir, 'patterns', 'reported-told-copy.json'), (data) => { data.id = 'reported-told-copy'; });
    expect(() => loadRuleSet(dir)).toThrow(/no rule file patterns\/reported-told\.json/);
    edit(path.join(dir, 'pipeline.json'), (data) => { (data.reported as string[]).splice((data.reported as string[]).indexOf('reported-told'), 1); });
    expect(() => loadRuleSet(dir)).toThrow(/not in the order.*reported-told-copy/);
  });

  it('refuses an unknown sieve and a pattern without the capture its stage needs', () => {
    const dir = copy();
    edit(path.join(dir, 'pipeline.json'), (data) => { (data.sieves as string[]).push('continuation-everywhere'); });
    expect(() => loadRuleSet(dir)).toThrow(/unknown sieve "continuation-everywhere"/);
    const other = copy();
    edit(path.join(other, 'patterns', 'direct-trailing.json'), (data) => { data.pattern = [{ is: 'quote' }, { is: 'mention', capture: 'source' }, { is: 'cue', capture: 'cue' }]; });
    expect(() => loadRuleSet(other)).toThrow(/needs a "quote" capture/);
  });
});
