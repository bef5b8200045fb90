/**
 * What a rule is. Pattern rules are data (rules/patterns/*.json): a token pattern over a sentence's items (see
 * pipeline/engine/token-pattern.ts) with named captures — `quote` the direct quotation it attributes, `content`
 * the reported content, `source` the speaker mention, `cue` the cue — and options that say which cues it takes
 * and where the speaker comes from. Sieves (pipeline/engine/sieves/) are the structural steps across sentences,
 * run in the order rules/pipeline.json gives.
 */
import { z } from 'zod';
import type { ArticleContext, QuoteKind } from './context.ts';
import { patternSchema, type CompiledPattern, type PatternElement } from './engine/token-pattern.ts';

export const ruleExampleSchema = z.strictObject({
  /** A sentence or short passage. */
  text: z.string().min(1),
  /** The expected quote text (as the pipeline reports it, without outer quotation marks). */
  quote: z.string().min(1),
  /** The expected canonical speaker, or null when the quote must stay unattributed. */
  speaker: z.string().nullable(),
  kind: z.enum(['direct', 'mixed', 'indirect']).optional(),
});
export type RuleExample = z.infer<typeof ruleExampleSchema>;

/** ESLint's RuleTester vocabulary: `invalid` texts make the rule fire (with this quote and speaker), `valid` texts must not. */
export const ruleExamplesSchema = z.strictObject({
  invalid: z.array(ruleExampleSchema).min(1),
  valid: z.array(z.string().min(1)).default([]),
});
export type RuleExamples = z.infer<typeof ruleExamplesSchema>;

export type CueComplement = 'clause' | 'that' | 'quote';

export const patternRuleSchema = z.strictObject({
  $comment: z.string().optional(),
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** One line: what the rule recognises. */
  description: z.string().min(10),
  /** `reported`: finds indirect and mixed quotes (needs a `content` capture); `direct`: attributes a quotation (needs `quote`). */
  stage: z.enum(['reported', 'direct']),
  pattern: patternSchema,
  /** Which cue complements the `cue` capture may hold (default: any). */
  complements: z.array(z.enum(['clause', 'that', 'quote'])).optional(),
  /** Only these cue lemmas (default: any). */
  lemmas: z.array(z.string()).optional(),
  /** `mention`: the `source` capture; `subject`: the subject of the clause the cue belongs to (participles: "…, saying"). */
  speaker: z.enum(['mention', 'subject']),
  /** Reported rules only: the content must hold a quotation (speech-act cues such as "accusing … of"). */
  requireQuotedContent: z.boolean().optional(),
  /** The pattern itself makes a that-less clause safe ("told the BBC the deal was off"). */
  withoutThat: z.boolean().optional(),
  /** What the content is: a clause (default; without "that" it must read as one), an infinitive phrase ("to close the yard", "voters to reject the levy") or a small clause, an object with what it is called ("the levy as a tax", "it unlawful"). */
  reads: z.enum(['clause', 'infinitive', 'small-clause']).optional(),
  /** How sure the rule is when it fires, 0–1. */
  confidence: z.number().min(0).max(1),
  examples: ruleExamplesSchema,
});

export interface PatternRule extends Omit<z.infer<typeof patternRuleSchema>, 'pattern' | '$comment'> {
  type: 'pattern';
  pattern: PatternElement[];
  compiled: CompiledPattern;
  /** The file it was loaded from, for messages. */
  file: string;
}

/** A structural step across sentences (CoreNLP's sieves): fills only what is still open and records its name. */
export interface Sieve {
  type: 'sieve';
  id: string;
  description: string;
  examples: RuleExamples;
  confidence: number;
  apply(ctx: ArticleContext): void;
}

export type Rule = PatternRule | Sieve;
export type { QuoteKind };
