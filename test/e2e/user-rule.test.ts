/**
 * A user adds a pattern rule through `--rules` without touching pipeline/: a copy of rules/ with one new JSON
 * file and its place in pipeline.json. The run, and the rule tester, use it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../pipeline/engine/rule-set.ts';
import { testRule } from '../../pipeline/engine/rule-tester.ts';
import { runExtraction } from '../../pipeline/run.ts';

const work = mkdtempSync(path.join(tmpdir(), 'user-rule-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Summary lines of the form "Okafor — the depot will close in May": a source, a dash, what the source says.
const dashRule = {
  id: 'reported-dash-summary',
  description: 'A summary line: a source, a dash, then what the source says (Okafor — the depot will close).',
  stage: 'reported',
  pattern: [{ at: 'start' }, { is: 'mention', capture: 'source' }, { lower: ['—', '–'] }, { isnt: 'quote', op: '+', capture: 'content' }, { at: 'end' }],
  speaker: 'mention',
  confidence: 0.6,
  examples: {
    invalid: [{ text: 'Lindqvist — the ferry levy will be scrapped\n\nThe transit chief spoke on Friday.', quote: 'the ferry levy will be scrapped', speaker: 'Lindqvist', kind: 'indirect' }],
    valid: ['The ferry — a relic of the 1960s — will be scrapped.'],
  },
};

describe('a user pattern rule', () => {
  const rules = path.join(work, 'my-rules');
  cpSync(path.resolve('rules'), rules, { recursive: true });
  writeFileSync(path.join(rules, 'patterns', 'reported-dash-summary.json'), JSON.stringify(dashRule, null, 2));
  const order = JSON.parse(readFileSync(path.join(rules, 'pipeline.json'), 'utf8')) as { reported: string[] };
  order.reported.push('reported-dash-summary');
  writeFileSync(path.join(rules, 'pipeline.json'), JSON.stringify(order, null, 2));
  const input = path.join(work, 'articles');
  mkdirSync(input);
  writeFileSync(path.join(input, 'harbour.txt'), 'Okafor — the depot will close in May\n\nThe mayor announced the plan at a council meeting on Tuesday.\n');

  it('passes the rule tester with its own examples', () => {
    const ruleSet = loadRuleSet(rules);
    const rule = ruleSet.reported.find((r) => r.id === 'reported-dash-summary');
    expect(rule).toBeDefined();
    if (rule) expect(testRule(ruleSet, rule)).toEqual([]);
  });

  it('finds what it describes in a run with --rules, and the default rules do not', async () => {
    const quotesWith = async (rulesDir: string | undefined, out: string): Promise<Array<{ text: string; speaker: string | null; rule: string | null }>> => {
      await runExtraction({ input, out, ...(rulesDir ? { rulesDir } : {}), maxBytes: 1_000_000, concurrency: 1, workers: 0, articleTimeoutMs: 10_000 });
      return readFileSync(path.join(out, 'quotes.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { text: string; speaker: string | null; rule: string | null });
    };
    const withRule = await quotesWith(rules, path.join(work, 'out-with'));
    expect(withRule).toContainEqual(expect.objectContaining({ text: 'the depot will close in May', speaker: 'Okafor', rule: 'reported-dash-summary' }));
    const without = await quotesWith(undefined, path.join(work, 'out-without'));
    expect(without.some((q) => q.rule === 'reported-dash-summary' || q.text.includes('depot will close'))).toBe(false);
  });
});
