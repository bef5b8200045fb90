/**
 * The rule files' shapes (rules/*.json), for the loaders and for the JSON Schema files in schema/rules/ that an
 * editor can check a user's rules folder with. The word-list files are defined here; the cue lexicon and the
 * pattern rules keep their schemas beside the code that compiles them (engine/cue-lexicon.ts, rule.ts) and are
 * re-exported.
 */
import { z } from 'zod';
import { CuesFile } from '../engine/cue-lexicon.ts';
import { patternRuleSchema } from '../rule.ts';
import { patternSchema } from '../engine/token-pattern.ts';

export { CuesFile, patternRuleSchema };

export const RolesFile = z.strictObject({
  roles: z.array(z.string().min(1)),
  generic: z.array(z.string().min(1)),
  modifiers: z.array(z.string().min(1)),
  titles: z.array(z.string().min(1)),
  plurals: z.array(z.string().min(1)).default([]),
});

export const OrganizationsFile = z.strictObject({
  keywords: z.array(z.string().min(1)),
  names: z.array(z.strictObject({ name: z.string().min(1), aliases: z.array(z.string().min(1)) })),
  places: z.array(z.string().min(1)),
  nouns: z.array(z.string().min(1)),
});

export const SpeakersFile = z.strictObject({
  speakers: z.array(z.strictObject({
    name: z.string().min(1),
    type: z.enum(['person', 'organization']),
    aliases: z.array(z.string().min(1)).default([]),
    roles: z.array(z.string().min(1)).default([]),
  })),
});

export const WordsFile = z.strictObject({
  pronouns: z.strictObject({ person: z.array(z.string()), organization: z.array(z.string()), plural: z.array(z.string()) }),
  auxiliaries: z.array(z.string()),
  be: z.array(z.string()),
  prepositions: z.array(z.string()),
  determiners: z.array(z.string()),
  conjunctions: z.array(z.string()),
  subordinators: z.array(z.string()),
  /** Words that open a new clause after a comma (", as …", ", while …"): the writer's, not the source's. */
  clauseOpeners: z.array(z.string()),
  /** Lower-case words inside names: "Kees de Vries", "Ursula von der Leyen". */
  nameParticles: z.array(z.string()),
  /** Words before a cue that negate it: "did not say", "declined to say". */
  negations: z.array(z.string()),
  notNames: z.array(z.string()),
  demonyms: z.array(z.string()).default([]),
  abbreviations: z.array(z.string()),
  boilerplate: z.array(z.string()),
  dateline: z.string().optional(),
});

/** rules/pipeline.json: which pattern rules and sieves run, in which order. */
export const PipelineOrderFile = z.strictObject({
  $comment: z.string().optional(),
  reported: z.array(z.string()).describe('reported-speech rules (patterns/<id>.json), in order: the first to use a cue wins it'),
  direct: z.array(z.string()).describe('rules that attribute quotations, in order'),
  sieves: z.array(z.string()).describe('structural steps across sentences, in order'),
});

/** rules/macros.json: shared pattern pieces by name, used as {"use": "name"} ("$comment" is a note). */
export const MacrosShape = z.record(z.string(), z.union([z.string(), patternSchema]));

/** Each rule file (its path under rules/) and its schema. */
export const RULE_FILE_SCHEMAS = {
  'cues.json': CuesFile,
  'roles.json': RolesFile,
  'organizations.json': OrganizationsFile,
  'speakers.json': SpeakersFile,
  'lexicon/words.json': WordsFile,
  'patterns/*.json': patternRuleSchema,
  'pipeline.json': PipelineOrderFile,
  'macros.json': MacrosShape,
} as const;
export type RuleFileName = keyof typeof RULE_FILE_SCHEMAS;

/** The JSON Schema of a rule file: what a user may write (defaults make fields optional). */
export function ruleJsonSchemaText(name: RuleFileName): string {
  const { $schema, ...rest } = z.toJSONSchema(RULE_FILE_SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return `${JSON.stringify({ $schema, title: `rules/${name}`, ...rest }, null, 2)}\n`;
}

/** schema/rules/cues.schema.json, schema/rules/patterns.schema.json … */
export const ruleSchemaFileName = (name: RuleFileName): string => `${name.replace(/^lexicon\//, '').replace(/\/\*\.json$|\.json$/, '')}.schema.json`;
