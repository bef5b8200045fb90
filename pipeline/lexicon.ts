/**
 * The data under rules/ that users edit (cue verbs, roles, organisations, known speakers, word classes),
 * validated with zod and compiled once per process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BoundedCache } from './engine/bounded-cache.ts';
import { unsafeReason } from './engine/regex-safety.ts';
import { OrganizationsFile, RolesFile, SpeakersFile, WordsFile } from './schema/rules.ts';
import { CuesFile, engineComplement, nounForms, verbForms, type Complement, type CueClass, type EngineComplement, type Scope } from './engine/cue-lexicon.ts';

export const DEFAULT_RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules');

export interface CueForm {
  /** Lower-case words of the form: ["pointed", "out"]. */
  words: string[];
  lemma: string;
  cueClass: CueClass;
  /** What the cue takes, most common first (rules/cues.json). */
  complements: Complement[];
  /** How today's reported-speech rules read it. */
  complement: EngineComplement;
  participle: boolean;
  /** A phrase listed under the cue's `not` ("think tank"): where it matches, the word is no cue. */
  notCue?: true;
  /**
   * A base form left out of the lexicon because it is also a noun ("claim", "report"): it is a cue only right after
   * a mention, where it is a verb with its subject ("Activists claim …").
   */
  afterSubject?: true;
}

export interface NounCue {
  lemma: string;
  cueClass: CueClass;
}

export interface LexiconOptions {
  /** Which cue classes to read; the default, `speech`, reads reported speech and stated beliefs. */
  scope?: Scope;
}

export interface KnownSpeaker {
  name: string;
  type: 'person' | 'organization';
  aliases: string[];
  roles: string[];
}

export interface Lexicon {
  rulesDir: string;
  /** Cue forms keyed by their first word, longest first. */
  cueForms: Map<string, CueForm[]>;
  /** Noun cue forms ("claims") → lemma and class. */
  nounCues: Map<string, NounCue>;
  scope: Scope;
  according: string[][];
  roles: Set<string>;
  /** Multi-word roles ("press secretary") keyed by their last word. */
  multiWordRoles: Map<string, string[][]>;
  genericRoles: Set<string>;
  roleModifiers: Set<string>;
  /** Plural role nouns: "officials said". */
  pluralRoles: Set<string>;
  titles: Set<string>;
  orgKeywords: Set<string>;
  /** Lower-case organisation nouns: "the ministry". */
  orgNouns: Set<string>;
  /** Normalised alias → canonical organisation name. */
  orgAliases: Map<string, string>;
  places: Set<string>;
  speakers: KnownSpeaker[];
  /** Normalised alias or name → known speaker. */
  speakerAliases: Map<string, KnownSpeaker>;
  /** Normalised role → known speakers holding it. */
  speakerRoles: Map<string, KnownSpeaker[]>;
  personPronouns: Set<string>;
  orgPronouns: Set<string>;
  pluralPronouns: Set<string>;
  auxiliaries: Set<string>;
  be: Set<string>;
  prepositions: Set<string>;
  determiners: Set<string>;
  conjunctions: Set<string>;
  subordinators: Set<string>;
  clauseOpeners: Set<string>;
  nameParticles: Set<string>;
  negations: Set<string>;
  notNames: Set<string>;
  /** "German", "Russian": may open a role, never part of a name. */
  demonyms: Set<string>;
  abbreviations: Set<string>;
  boilerplate: RegExp[];
  /** A dateline opening a paragraph ("WASHINGTON (Reuters) -"), left out of its first sentence. */
  dateline: RegExp | null;
}

export class RuleFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'RuleFileError';
  }
}

/** Keys starting with "$" are comments ("$comment", "$nouns"): dropped before the strict schema sees the data. */
function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$')).map(([key, inner]) => [key, withoutComments(inner)]));
}

/** Parses a rule file strictly: a misspelt or unknown key is an error naming the file and the key, never ignored. */
export function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RuleFileError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(withoutComments(raw));
  if (!parsed.success) {
    // An unknown key first: a misspelt key also shows up as a missing one, and the misspelling is the news.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    if (issue?.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      throw new RuleFileError(file, `unknown key ${keys}${where ? ` in ${where}` : ''} (a misspelling? keys starting with "$" are comments)`);
    }
    throw new RuleFileError(file, `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Names repeat within an article and across a run: each is normalised once (five regular expressions) while held
 * (2,500 a generation: at most 5,000 names).
 */
const normalizedNames = new BoundedCache<string, string>(2_500);

/** Lower case, accents and a leading "the" removed, punctuation folded: how names are compared. */
export function normalizeName(text: string): string {
  return normalizedNames.lookup(text, (name) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/^the\s+/, '').replace(/[’']s$/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
}


/**
 * Whether a repeated group (`(…)+`, `(…)*`, `(…){n,}`) holds a `+`, `*` or `{…}` at any depth: `(a+)+`, but also
 * `((a+))+` and `(\w+(\s)?)+`, which a one-level check misses. Escapes and character classes are skipped.
 */
export function nestsQuantifiers(source: string): boolean {
  const open: boolean[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      if (/[pPuk]/.test(source[i + 1] ?? '') && /[{<]/.test(source[i + 2] ?? '')) i = Math.max(i + 1, source.indexOf(source[i + 2] === '<' ? '>' : '}', i + 2));
      else i++;
    } else if (ch === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (ch === '(') {
      open.push(false);
    } else if (ch === ')') {
      const quantified = open.pop() ?? false;
      // Only an unbounded repeat of the group can run away: `(a+){0,3}` is at most three times `a+`.
      if (quantified && /^(?:[+*]|\{\d*,\})/.test(source.slice(i + 1, i + 12))) return true;
      if (quantified && open.length > 0) open[open.length - 1] = true;
    } else if ((ch === '+' || ch === '*' || ch === '{') && open.length > 0) {
      open[open.length - 1] = true;
    }
  }
  return false;
}

/**
 * Compiles a regular expression of the rules. Nested quantifiers such as `(a+)+` are refused at once; with
 * `analyse` (patterns from rule files a user edits) the pattern must also pass recheck's ReDoS analysis, which
 * catches what the quick test cannot, such as `^(\d|\w)*$`. Pattern rules in code are analysed by the tests.
 */
export function compileUserPattern(file: string, source: string, flags: string, analyse = true): RegExp {
  if (nestsQuantifiers(source)) throw new RuleFileError(file, `pattern ${JSON.stringify(source)} nests quantifiers; it could backtrack without end`);
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (error) {
    throw new RuleFileError(file, `pattern ${JSON.stringify(source)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const unsafe = analyse && patternAnalysis.enabled ? unsafeReason(source, flags) : null;
  if (unsafe) throw new RuleFileError(file, `pattern ${JSON.stringify(source)} ${unsafe}`);
  return re;
}

/** Worker threads turn the analysis off: the main thread has analysed the same rule files before starting them. */
export const patternAnalysis = { enabled: true };

/**
 * A boilerplate pattern that opens with a word boundary before a word character ("\\bJOIN NOW\\s*$") as V8 runs it
 * fast. With the `iu` flags V8 tries such a pattern at every position of the line at great cost (a fifth of the read
 * stage). The boundary there holds exactly when the line starts or a non-word character comes before, and
 * boilerplate is only tested (`test`), never matched for its span, so `(?:^|\\W)` says the same and runs some 30×
 * faster. Not when that character may be absent (`?`, `*`, `{0,…}`): the boundary would then fall before another.
 * Anything else is left as written.
 */
export function boilerplateSource(source: string): string {
  return /^\\b[A-Za-z0-9_](?![?*{])/.test(source) ? `(?:^|\\W)${source.slice(2)}` : source;
}

function compileBoilerplate(file: string, patterns: string[]): RegExp[] {
  return patterns.map((source) => {
    const re = compileUserPattern(file, source, 'iu');
    const fast = boilerplateSource(source);
    return fast === source ? re : new RegExp(fast, 'iu');
  });
}

export function loadLexicon(rulesDir: string = DEFAULT_RULES_DIR, options: LexiconOptions = {}): Lexicon {
  const scope = options.scope ?? 'speech';
  const file = (name: string): string => path.join(rulesDir, name);
  const cues = readJson(file('cues.json'), CuesFile);
  const roles = readJson(file('roles.json'), RolesFile);
  const orgs = readJson(file('organizations.json'), OrganizationsFile);
  const speakers = readJson(file('speakers.json'), SpeakersFile);
  const words = readJson(file('lexicon/words.json'), WordsFile);

  // Cues of classes outside the scope are not cues at all: their words read as plain words.
  const inScope = (cueClass: CueClass): boolean => scope === 'attribution' || cues.classes[cueClass].scope === 'speech';
  const cueForms = new Map<string, CueForm[]>();
  for (const verb of cues.verbs) {
    const forms = verbForms(verb);
    if (forms.length === 0) throw new RuleFileError(file('cues.json'), `cannot conjugate "${verb.lemma}"; list its "forms"`);
    // Speech acts toward a noun phrase only ("cited security concerns") belong to the attribution scope.
    if (!inScope(verb.class) || (scope === 'speech' && verb.complements.every((c) => c === 'noun-phrase'))) continue;
    for (const [phrases, notCue] of [[forms, false], [verb.not ?? [], true]] as const) {
      for (const form of phrases) {
        const formWords = form.toLowerCase().split(/\s+/);
        const first = formWords[0] ?? '';
        const list = cueForms.get(first) ?? [];
        list.push({
          words: formWords, lemma: verb.lemma, cueClass: verb.class, complements: verb.complements,
          complement: engineComplement(verb.complements), participle: /ing$/.test(formWords[0] ?? ''), ...(notCue ? { notCue: true as const } : {}),
        });
        cueForms.set(first, list);
      }
    }
    // The base form left out as a noun is still a verb after its subject.
    const base = verb.lemma.toLowerCase();
    if (!base.includes(' ') && (verb.omit ?? []).some((form) => form.toLowerCase() === base)) {
      const list = cueForms.get(base) ?? [];
      list.push({ words: [base], lemma: verb.lemma, cueClass: verb.class, complements: verb.complements, complement: engineComplement(verb.complements), participle: false, afterSubject: true });
      cueForms.set(base, list);
    }
  }
  for (const list of cueForms.values()) list.sort((a, b) => b.words.length - a.words.length);
  const nounCues = new Map<string, NounCue>();
  for (const noun of cues.nouns) {
    if (!inScope(noun.class)) continue;
    for (const form of nounForms(noun)) nounCues.set(form.toLowerCase(), { lemma: noun.lemma, cueClass: noun.class });
  }

  const multiWordRoles = new Map<string, string[][]>();
  const roleSet = new Set<string>();
  for (const role of roles.roles) {
    const parts = role.toLowerCase().split(/\s+/);
    if (parts.length === 1) roleSet.add(parts[0] ?? role);
    else {
      const last = parts[parts.length - 1] ?? '';
      multiWordRoles.set(last, [...(multiWordRoles.get(last) ?? []), parts]);
      roleSet.add(last);
    }
  }

  const orgAliases = new Map<string, string>();
  for (const org of orgs.names) {
    orgAliases.set(normalizeName(org.name), org.name);
    for (const alias of org.aliases) orgAliases.set(normalizeName(alias), org.name);
  }

  const speakerAliases = new Map<string, KnownSpeaker>();
  const speakerRoles = new Map<string, KnownSpeaker[]>();
  for (const speaker of speakers.speakers) {
    for (const spelling of [speaker.name, ...speaker.aliases]) {
      const key = normalizeName(spelling);
      const taken = speakerAliases.get(key);
      // One spelling, one speaker: a second entry would silently win or lose.
      if (taken && taken !== speaker) throw new RuleFileError(file('speakers.json'), `"${spelling}" names both "${taken.name}" and "${speaker.name}"`);
      speakerAliases.set(key, speaker);
    }
    for (const role of speaker.roles) {
      const key = normalizeName(role);
      speakerRoles.set(key, [...(speakerRoles.get(key) ?? []), speaker]);
    }
  }

  const lower = (list: string[]): Set<string> => new Set(list.map((w) => w.toLowerCase()));
  return {
    rulesDir,
    cueForms,
    nounCues,
    scope,
    according: cues.according.map((phrase) => phrase.toLowerCase().split(/\s+/)),
    roles: roleSet,
    multiWordRoles,
    genericRoles: lower(roles.generic),
    roleModifiers: lower(roles.modifiers),
    pluralRoles: lower(roles.plurals),
    titles: new Set(roles.titles),
    orgKeywords: new Set(orgs.keywords),
    orgNouns: lower(orgs.nouns),
    orgAliases,
    places: new Set(orgs.places),
    speakers: speakers.speakers,
    speakerAliases,
    speakerRoles,
    personPronouns: lower(words.pronouns.person),
    orgPronouns: lower(words.pronouns.organization),
    pluralPronouns: lower(words.pronouns.plural),
    auxiliaries: lower(words.auxiliaries),
    be: lower(words.be),
    prepositions: lower(words.prepositions),
    determiners: lower(words.determiners),
    conjunctions: lower(words.conjunctions),
    subordinators: lower(words.subordinators),
    clauseOpeners: lower(words.clauseOpeners),
    nameParticles: lower(words.nameParticles),
    negations: lower(words.negations),
    notNames: new Set(words.notNames),
    demonyms: new Set(words.demonyms),
    abbreviations: new Set(words.abbreviations),
    boilerplate: compileBoilerplate(file('lexicon/words.json'), words.boilerplate),
    dateline: words.dateline ? compileUserPattern(file('lexicon/words.json'), words.dateline, 'u') : null,
  };
}
