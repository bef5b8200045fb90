/** One generic test runs every rule's examples, and the registry holds rules to their contract. */
import { describe, expect, it, test } from 'vitest';
import { createPipeline, processText } from '../../pipeline/pipeline.ts';
import { quoteRecords } from '../../pipeline/records.ts';
import { normalizeSpeaker } from '../../pipeline/evaluate.ts';
import { allRules } from '../../rules/index.ts';
import { compilePattern } from '../../pipeline/patterns.ts';

const pipeline = createPipeline();
const EDGE = /^[\s"'“”‘’«»„,.;:!?]+|[\s"'“”‘’«»„,.;:!?]+$/gu;
const bare = (text: string): string => text.replace(EDGE, '');

describe('rule registry', () => {
  it('has unique ids', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.for(allRules.map((rule) => [rule.id, rule] as const))('%s has a description and examples', ([, rule]) => {
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.examples.length).toBeGreaterThan(0);
  });
});

const cases = allRules.flatMap((rule) => rule.examples.map((example) => ({ rule: rule.id, ...example })));

describe('rule examples', () => {
  test.for(cases)('$rule: $text', (example) => {
    const ctx = processText(pipeline, example.text);
    const records = quoteRecords(ctx);
    const found = records.find((record) => bare(record.text) === bare(example.quote));
    expect(found, `quotes found: ${JSON.stringify(records.map((r) => [r.text, r.speaker, r.rule]))}`).toBeDefined();
    expect(found?.rule).toBe(example.rule);
    expect(normalizeSpeaker(found?.speaker ?? null)).toBe(normalizeSpeaker(example.speaker));
    if (example.kind) expect(found?.kind).toBe(example.kind);
  });
});

describe('rule patterns', () => {
  it('every pattern compiles', () => {
    for (const rule of allRules) {
      if (rule.type !== 'pattern') continue;
      expect(() => compilePattern(rule)).not.toThrow();
    }
  });

  it('a broken or runaway pattern is refused with the rule named', () => {
    const base = { type: 'pattern' as const, description: 'test rule', speaker: 'mention' as const, confidence: 0.5, examples: [] };
    expect(() => compilePattern({ ...base, id: 'broken', pattern: '(?<m>M' })).toThrow(/broken/);
    expect(() => compilePattern({ ...base, id: 'runaway', pattern: '(M+)+C' })).toThrow(/nests quantifiers/);
  });
});
