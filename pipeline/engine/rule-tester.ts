/**
 * The rule tester (ESLint's RuleTester, for quote rules): each rule's `invalid` examples must make it fire with
 * the given quote and speaker, and its `valid` examples must not make it fire, with that rule alone in the
 * pipeline. A pattern rule runs with no other pattern rule and no sieve; a sieve runs after every pattern rule
 * (it needs their attributions to carry across) but with no other sieve.
 */
import type { QuoteRecord } from '../records.ts';
import { quoteRecords } from '../records.ts';
import { normalizeSpeaker } from '../evaluate.ts';
import { createPipeline, processText, type Pipeline } from '../pipeline.ts';
import type { Rule, RuleExample } from '../rule.ts';
import { onlyRules, type RuleSet } from './rule-set.ts';

export interface RuleTestFailure {
  rule: string;
  kind: 'invalid' | 'valid';
  text: string;
  problem: string;
}

const EDGE = /^[\s"'“”‘’«»„,.;:!?]+|[\s"'“”‘’«»„,.;:!?]+$/gu;
const bare = (text: string): string => text.replace(EDGE, '');

/** The pipeline with `rule` alone (see the module comment). */
export function pipelineWithRuleAlone(rules: RuleSet, rule: Rule): Pipeline {
  return createPipeline(rule.type === 'sieve' ? onlyRules(rules, { sieves: [rule.id] }) : onlyRules(rules, { patterns: [rule.id], sieves: [] }));
}

const describeRecords = (records: QuoteRecord[]): string => JSON.stringify(records.map((r) => [r.text, r.speaker, r.rule]));

/** Why an `invalid` example fails, or null when the rule gives the expected quote and speaker. */
export function checkInvalid(pipeline: Pipeline, ruleId: string, example: RuleExample): string | null {
  const records = quoteRecords(processText(pipeline, example.text));
  const found = records.find((record) => bare(record.text) === bare(example.quote));
  if (!found) return `expected the quote ${JSON.stringify(example.quote)}; found ${describeRecords(records)}`;
  if (found.rule !== ruleId) return `the quote was found by ${found.rule ?? 'no rule'}, not ${ruleId}`;
  if (normalizeSpeaker(found.speaker) !== normalizeSpeaker(example.speaker)) return `expected the speaker ${JSON.stringify(example.speaker)}, got ${JSON.stringify(found.speaker)}`;
  if (example.kind && found.kind !== example.kind) return `expected a ${example.kind} quote, got ${found.kind}`;
  return null;
}

/** Why a `valid` example fails (the rule fired), or null. */
export function checkValid(pipeline: Pipeline, ruleId: string, text: string): string | null {
  const fired = quoteRecords(processText(pipeline, text)).filter((record) => record.rule === ruleId);
  return fired.length > 0 ? `the rule must not fire here, but gave ${describeRecords(fired)}` : null;
}

/** Every failure of every example of `rule`. */
export function testRule(rules: RuleSet, rule: Rule): RuleTestFailure[] {
  const pipeline = pipelineWithRuleAlone(rules, rule);
  const failures: RuleTestFailure[] = [];
  for (const example of rule.examples.invalid) {
    const problem = checkInvalid(pipeline, rule.id, example);
    if (problem) failures.push({ rule: rule.id, kind: 'invalid', text: example.text, problem });
  }
  for (const text of rule.examples.valid) {
    const problem = checkValid(pipeline, rule.id, text);
    if (problem) failures.push({ rule: rule.id, kind: 'valid', text, problem });
  }
  return failures;
}

export const allRulesOf = (rules: RuleSet): Rule[] => [...rules.reported, ...rules.direct, ...rules.sieves];
