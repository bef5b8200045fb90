/** Runs a pattern rule over a sentence's items and returns its captures as item ranges. */
import type { Item, Sentence } from './context.ts';
import { matchAllPattern } from './engine/token-pattern.ts';
import type { PatternRule } from './rule.ts';

export interface GroupRange {
  /** First item index, inclusive. */
  from: number;
  /** Last item index, exclusive. */
  to: number;
}

export type CaptureName = 'quote' | 'content' | 'source' | 'cue';

export interface PatternMatch {
  rule: PatternRule;
  groups: Partial<Record<CaptureName, GroupRange>>;
}

/** Every non-overlapping match of the rule in the sentence, left to right. */
const classesOf = new WeakMap<Item[], Set<string>>();

/** The rule's matches in the sentence, left to right and not overlapping, from item `from` on. */
export function matchSentence(rule: PatternRule, sentence: Sentence, from = 0): PatternMatch[] {
  // The item classes of a sentence, once per items array (every rule asks).
  let classes = classesOf.get(sentence.items);
  if (!classes) {
    classes = new Set(sentence.items.map((item) => item.sym));
    classesOf.set(sentence.items, classes);
  }
  return matchAllPattern(rule.compiled, sentence.items, classes, from).map((captures) => ({ rule, groups: Object.fromEntries(captures) as PatternMatch['groups'] }));
}

export function itemsOf(sentence: Sentence, range: GroupRange | undefined): Item[] {
  return range ? sentence.items.slice(range.from, range.to) : [];
}
