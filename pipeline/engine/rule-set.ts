/**
 * Loads a rules folder: the lexicon (cues, roles, organisations, speakers, word lists), the pattern rules
 * (patterns/*.json), their shared macros and the configured order (pipeline.json). Everything is schema-checked:
 * an unknown key, a pattern that does not compile, a rule file not in the order or an order entry without a file
 * is a RuleFileError naming the file, raised before any article is read (files a build checked already are not
 * checked by their schema again: schema/validated.ts). The engine never imports `rules/`:
 * `--rules DIR` replaces all of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RULES_DIR, loadLexicon, RuleFileError, type Lexicon, type LexiconOptions } from '../lexicon.ts';
import { patternRuleSchema, type PatternRule, type Sieve } from '../rule.ts';
import { PipelineOrderFile as OrderFile } from '../schema/rules.ts';
import { knownValid, recordValid } from '../schema/validated.ts';
import { SIEVES } from './sieves/index.ts';
import { compilePatternElements, patternSchema, PatternError, type Macros, type WordLists } from './token-pattern.ts';

// Each macro is checked on its own, so that an error names the macro (the file's shape: schema/rules.ts).
const MacrosFile = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const macros: Macros = {};
  for (const [name, body] of Object.entries(raw)) {
    if (name.startsWith('$')) continue; // "$comment", "$as-claim": notes
    const parsed = patternSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ctx.addIssue({ code: 'custom', message: `macro "${name}": ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
      return z.NEVER;
    }
    macros[name] = parsed.data;
  }
  return macros;
});

export interface RuleSet {
  rulesDir: string;
  lexicon: Lexicon;
  /** Reported rules, in order: they find indirect and mixed quotes. */
  reported: PatternRule[];
  /** Direct rules, in order: they attribute quotations. */
  direct: PatternRule[];
  /** Structural steps across sentences, in the configured order. */
  sieves: Sieve[];
}

/** Which schema a rule file is read with (the key of the build's list of checked files, schema/validated.ts). */
type FileKind = 'pattern' | 'order' | 'macros';

function readJson<T>(file: string, schema: z.ZodType<T>, kind: FileKind, record?: Record<string, unknown>): T {
  let text: string;
  let raw: unknown;
  try {
    text = readFileSync(file, 'utf8');
    const known = record ? undefined : knownValid(kind, text);
    if (known !== undefined) return known as T;
    raw = JSON.parse(text);
  } catch (error) {
    throw new RuleFileError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuleFileError(file, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  if (record) recordValid(record, kind, text, parsed.data);
  return parsed.data;
}

/**
 * The build's list of checked files (schema/validated.ts) for a rules folder: its order, macros and pattern files,
 * each checked by its schema here.
 */
export function checkedRuleFiles(rulesDir: string = DEFAULT_RULES_DIR): Record<string, unknown> {
  const dir = path.resolve(rulesDir);
  const entries: Record<string, unknown> = {};
  readJson(path.join(dir, 'pipeline.json'), OrderFile, 'order', entries);
  readJson(path.join(dir, 'macros.json'), MacrosFile, 'macros', entries);
  const patternDir = path.join(dir, 'patterns');
  for (const name of readdirSync(patternDir).filter((file) => file.endsWith('.json')).sort()) readJson(path.join(patternDir, name), patternRuleSchema, 'pattern', entries);
  return entries;
}

/** One pattern rule file, checked and compiled. */
export function loadPatternRule(file: string, macros: Macros, lists: WordLists): PatternRule {
  const data = readJson(file, patternRuleSchema, 'pattern');
  return compileRule(data, file, macros, lists);
}

/** The lexicon's word lists that patterns may name in `in` / `notIn`. */
export function wordListsOf(lexicon: Lexicon): WordLists {
  return new Map<string, ReadonlySet<string>>([
    ['subordinators', lexicon.subordinators],
    ['clause-openers', lexicon.clauseOpeners],
    ['conjunctions', lexicon.conjunctions],
    ['negations', lexicon.negations],
    ['prepositions', lexicon.prepositions],
    ['determiners', lexicon.determiners],
    ['auxiliaries', lexicon.auxiliaries],
    ['be', lexicon.be],
    ['person-pronouns', lexicon.personPronouns],
    ['plural-pronouns', lexicon.pluralPronouns],
  ]);
}

export function compileRule(data: z.infer<typeof patternRuleSchema>, file: string, macros: Macros, lists: WordLists): PatternRule {
  if (path.basename(file) !== `${data.id}.json` && file.endsWith('.json')) throw new RuleFileError(file, `the rule id "${data.id}" must match the file name`);
  let compiled;
  try {
    compiled = compilePatternElements(data.pattern, macros, lists);
  } catch (error) {
    if (error instanceof PatternError) throw new RuleFileError(file, `pattern: ${error.message}`);
    throw error;
  }
  const needed = data.stage === 'reported' ? 'content' : 'quote';
  if (!compiled.captures.has(needed)) throw new RuleFileError(file, `a ${data.stage} rule needs a "${needed}" capture`);
  if (data.speaker === 'mention' && !compiled.captures.has('source')) throw new RuleFileError(file, 'a rule with speaker "mention" needs a "source" capture');
  for (const name of compiled.captures.keys()) {
    if (!['quote', 'content', 'source', 'cue'].includes(name)) throw new RuleFileError(file, `unknown capture "${name}" (use quote, content, source, cue)`);
  }
  const { $comment: _comment, ...rule } = data;
  return { ...rule, type: 'pattern', compiled, file };
}

export function loadRuleSet(rulesDir: string = DEFAULT_RULES_DIR, options: LexiconOptions = {}): RuleSet {
  const dir = path.resolve(rulesDir);
  const lexicon = loadLexicon(dir, options);
  const orderFile = path.join(dir, 'pipeline.json');
  const order = readJson(orderFile, OrderFile, 'order');
  const macros = readJson(path.join(dir, 'macros.json'), MacrosFile, 'macros');
  const patternDir = path.join(dir, 'patterns');
  let files: string[];
  try {
    files = readdirSync(patternDir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new RuleFileError(patternDir, error instanceof Error ? error.message : String(error));
  }
  const byId = new Map<string, PatternRule>();
  const lists = wordListsOf(lexicon);
  for (const name of files) {
    const rule = loadPatternRule(path.join(patternDir, name), macros, lists);
    byId.set(rule.id, rule);
  }
  const pick = (ids: string[], stage: 'reported' | 'direct'): PatternRule[] => ids.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw new RuleFileError(orderFile, `${stage}: no rule file patterns/${id}.json`);
    if (rule.stage !== stage) throw new RuleFileError(orderFile, `${stage}: ${id} is a ${rule.stage} rule`);
    byId.delete(id);
    return rule;
  });
  const reported = pick(order.reported, 'reported');
  const direct = pick(order.direct, 'direct');
  const unlisted = [...byId.keys()];
  if (unlisted.length > 0) throw new RuleFileError(orderFile, `rule files not in the order, so they would never run: ${unlisted.join(', ')}`);
  const sieves = order.sieves.map((id) => {
    const sieve = SIEVES.get(id);
    if (!sieve) throw new RuleFileError(orderFile, `sieves: unknown sieve "${id}" (known: ${[...SIEVES.keys()].join(', ')})`);
    return sieve;
  });
  return { rulesDir: dir, lexicon, reported, direct, sieves };
}

/** The same rule set with only the named rules or sieves (the rule tester runs each rule alone). */
export function onlyRules(rules: RuleSet, keep: { patterns?: string[]; sieves?: string[] }): RuleSet {
  const patterns = keep.patterns === undefined ? null : new Set(keep.patterns);
  const sieves = keep.sieves === undefined ? null : new Set(keep.sieves);
  return {
    ...rules,
    reported: patterns ? rules.reported.filter((rule) => patterns.has(rule.id)) : rules.reported,
    direct: patterns ? rules.direct.filter((rule) => patterns.has(rule.id)) : rules.direct,
    sieves: sieves ? rules.sieves.filter((sieve) => sieves.has(sieve.id)) : rules.sieves,
  };
}
