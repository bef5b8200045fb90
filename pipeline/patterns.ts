/** Runs a pattern rule over a sentence's items and returns its captures as item ranges. */
import type { Item, Sentence } from './context.ts';
import { classBits, matchAllRecords, type ItemBits } from './engine/token-pattern.ts';
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

/** No match: one shared (frozen) empty list, as a sentence most rules do not match gives. */
const NO_MATCHES: readonly PatternMatch[] = Object.freeze([]);

/**
 * The rule's matches in the sentence, left to right and not overlapping, from item `from` on. `bits` and
 * `itemBits`: the classes of the sentence's items (`classBits`, `itemClassBits`), when the caller has them for every rule.
 */
export function matchSentence(rule: PatternRule, sentence: Sentence, from = 0, bits = classBits(sentence.items), itemBits?: ItemBits): readonly PatternMatch[] {
  const found = matchAllRecords(rule.compiled, sentence.items, bits, from, itemBits);
  if (found.length === 0) return NO_MATCHES;
  const matches = new Array<PatternMatch>(found.length);
  // The rule's captures are checked to be capture names when it loads (rule-set.ts).
  for (let k = 0; k < found.length; k++) matches[k] = { rule, groups: found[k] as PatternMatch['groups'] };
  return matches;
}

export function itemsOf(sentence: Sentence, range: GroupRange | undefined): Item[] {
  return range ? sentence.items.slice(range.from, range.to) : [];
}
