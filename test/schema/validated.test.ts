/**
 * The build's list of checked rule files (schema/validated.ts): reading a file from it gives exactly what its schema
 * gives, and a file whose text is not in it (edited, or the user's own) is checked with the usual message.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkedRuleFiles, loadRuleSet, type RuleSet } from '../../pipeline/engine/rule-set.ts';
import { DEFAULT_RULES_DIR, RuleFileError } from '../../pipeline/lexicon.ts';
import { knownValid, useValidated, validatedKey } from '../../pipeline/schema/validated.ts';

afterEach(() => useValidated(undefined));

/** A rule set's rules without their compiled matchers (functions), which differ from one load to the next. */
const data = (rules: RuleSet): unknown => [...rules.reported, ...rules.direct].map(({ compiled: _compiled, ...rule }) => rule);

describe("the build's list of checked rule files", () => {
  it('holds every shipped order, macros and pattern file, and the rules read from it are the ones the schemas give', () => {
    const entries = checkedRuleFiles();
    const patterns = loadRuleSet().reported.length + loadRuleSet().direct.length;
    expect(Object.keys(entries)).toHaveLength(patterns + 2);
    useValidated({});
    const checked = loadRuleSet();
    useValidated(entries);
    const listed = loadRuleSet();
    expect(data(listed)).toStrictEqual(data(checked));
    expect(listed.sieves).toStrictEqual(checked.sieves);
    // What it gives is a copy: changing it changes nothing for the next reader.
    const text = readFileSync(path.join(DEFAULT_RULES_DIR, 'pipeline.json'), 'utf8');
    const first = knownValid('order', text) as { reported: string[] };
    first.reported.length = 0;
    expect((knownValid('order', text) as { reported: string[] }).reported.length).toBeGreaterThan(0);
    expect(knownValid('macros', text)).toBeUndefined();
  });

  it('does not spare an edited file its check', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'validated-'));
    try {
      cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
      const entries = checkedRuleFiles(dir);
      useValidated(entries);
      const file = path.join(dir, 'pipeline.json');
      const order = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...order, unknownKey: true }));
      expect(entries[validatedKey('order', readFileSync(file, 'utf8'))]).toBeUndefined();
      expect(() => loadRuleSet(dir)).toThrow(RuleFileError);
      expect(() => loadRuleSet(dir)).toThrow(/pipeline\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
