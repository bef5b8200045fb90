/**
 * What a rule is. Pattern rules are data: a regular expression over a sentence's signature (one symbol per item,
 * see `Item` in context.ts) with named groups, the cues they accept and where the speaker comes from.
 * Structural rules (continuations, block quotes) run a function over the whole article.
 */
import type { ArticleContext, QuoteKind } from './context.ts';

export interface RuleExample {
  /** A sentence or short passage. */
  text: string;
  /** The expected quote text (as the pipeline reports it, without outer quotation marks). */
  quote: string;
  /** The expected canonical speaker, or null when the quote must stay unattributed. */
  speaker: string | null;
  kind?: QuoteKind;
}

export type CueComplement = 'clause' | 'that' | 'quote';

interface RuleBase {
  id: string;
  /** One line: what the rule recognises. */
  description: string;
  examples: RuleExample[];
  /** How sure the rule is when it fires, 0–1. */
  confidence: number;
}

export interface PatternRule extends RuleBase {
  type: 'pattern';
  /**
   * A regular expression over the signature. Groups: `q` the direct quote item it attributes; `x` the reported
   * content (direct rules have none); `m` the speaker mention; `c` the cue. Matched globally, left to right.
   */
  pattern: string;
  /** Which cue classes the `c` group may hold (default: any). */
  complements?: CueComplement[];
  /** `mention`: the `m` group; `subject`: the subject of the clause the cue belongs to (participles: "…, saying"). */
  speaker: 'mention' | 'subject';
  /** Reported rules only: the content must hold a quotation (speech-act cues such as "accusing … of"). */
  requireQuotedContent?: boolean;
  /** Only these cue lemmas (default: any). */
  lemmas?: string[];
  /** The pattern itself makes a that-less clause safe ("told the BBC the deal was off"). */
  withoutThat?: boolean;
}

export interface StructuralRule extends RuleBase {
  type: 'structural';
  apply(ctx: ArticleContext): void;
}

export type Rule = PatternRule | StructuralRule;

export function definePatternRule(rule: Omit<PatternRule, 'type'>): PatternRule {
  return { type: 'pattern', ...rule };
}

export function defineStructuralRule(rule: Omit<StructuralRule, 'type'>): StructuralRule {
  return { type: 'structural', ...rule };
}
