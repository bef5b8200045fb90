/** Runs pattern rules over a sentence signature and maps regex groups back to items. */
import type { Item, Sentence } from './context.ts';
import { compileUserPattern } from './lexicon.ts';
import type { PatternRule } from './rule.ts';

export interface GroupRange {
  /** First item index, inclusive. */
  from: number;
  /** Last item index, exclusive. */
  to: number;
}

export interface PatternMatch {
  rule: PatternRule;
  groups: Partial<Record<'q' | 'x' | 'm' | 'c', GroupRange>>;
}

const compiled = new WeakMap<PatternRule, RegExp>();

/** Compiled once per rule; a bad pattern is a RuleFileError naming the rule, raised before any article is read. */
export function compilePattern(rule: PatternRule): RegExp {
  let re = compiled.get(rule);
  if (!re) {
    // Pattern rules are code: test/rules/regex-safety.test.ts analyses each of them.
    re = compileUserPattern(`rules/patterns/${rule.id}.ts`, rule.pattern, 'dg', false);
    compiled.set(rule, re);
  }
  return re;
}

/** Every non-overlapping match of the rule in the sentence, left to right. */
export function matchSentence(rule: PatternRule, sentence: Sentence): PatternMatch[] {
  const re = compilePattern(rule);
  re.lastIndex = 0;
  const matches: PatternMatch[] = [];
  for (let m = re.exec(sentence.signature); m; m = re.exec(sentence.signature)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const groups: PatternMatch['groups'] = {};
    for (const name of ['q', 'x', 'm', 'c'] as const) {
      const range = m.indices?.groups?.[name];
      if (range) groups[name] = { from: range[0], to: range[1] };
    }
    matches.push({ rule, groups });
  }
  return matches;
}

export function itemsOf(sentence: Sentence, range: GroupRange | undefined): Item[] {
  return range ? sentence.items.slice(range.from, range.to) : [];
}
