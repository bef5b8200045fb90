/**
 * The cue lexicon by lemma (rules/cues.json): each cue verb or noun with its class (what kind of act it reports)
 * and the complements it takes; its inflections come from compromise. The shipped file holds the generated
 * forms (`npm run rules:forms` writes them, a test checks they match), so start-up never conjugates; an entry a
 * user adds without `forms` is conjugated when the rules are loaded.
 */
import { compromise } from './compromise.ts';
import { z } from 'zod';

export const CUE_CLASSES = ['speech', 'belief', 'stance', 'intention', 'evidence'] as const;
export type CueClass = (typeof CUE_CLASSES)[number];

export const COMPLEMENTS = ['clause', 'that', 'quote', 'infinitive', 'object-infinitive', 'object-as', 'object-predicative', 'gerund', 'wh-clause', 'noun-phrase'] as const;
export type Complement = (typeof COMPLEMENTS)[number];

/** What today's reported-speech rules read (see `engineComplement`). */
export type EngineComplement = 'clause' | 'that' | 'quote';

export const SCOPES = ['speech', 'attribution'] as const;
/** `speech`: reported speech and stated beliefs (the default); `attribution`: also stances, intentions, evidence. */
export type Scope = (typeof SCOPES)[number];

const word = z.string().min(1);

const ClassInfo = z.strictObject({ scope: z.enum(SCOPES), description: z.string().optional() });

export const CuesFile = z.strictObject({
  classes: z.strictObject({ speech: ClassInfo, belief: ClassInfo, stance: ClassInfo, intention: ClassInfo, evidence: ClassInfo }),
  verbs: z.array(z.strictObject({
    lemma: word,
    class: z.enum(CUE_CLASSES),
    /** Most common first: the first decides how today's rules read the cue. */
    complements: z.array(z.enum(COMPLEMENTS)).min(1),
    /** Forms left out because they are common nouns or adjectives ("report", "warning"). */
    omit: z.array(word).optional(),
    /** Phrases that open with a form but are no cue ("think tank"). */
    not: z.array(word).optional(),
    /** Forms compromise gets wrong or misses ("slamming"). */
    extra: z.array(word).optional(),
    /** Generated from the lemma when absent. */
    forms: z.array(word).min(1).optional(),
    note: z.string().optional(),
  })),
  nouns: z.array(z.strictObject({
    lemma: word,
    class: z.enum(CUE_CLASSES),
    forms: z.array(word).min(1).optional(),
    note: z.string().optional(),
  })),
  according: z.array(word),
});
export type CuesData = z.infer<typeof CuesFile>;
export type VerbCueEntry = CuesData['verbs'][number];
export type NounCueEntry = CuesData['nouns'][number];

/**
 * How the current rules read a cue, from its first complement: a bare clause ("said the plan failed") only when the
 * cue takes no noun-phrase object, which a bare reading would mistake for content ("claimed responsibility");
 * otherwise "that" or a trailing cue; cues whose main complement is an infinitive, a wh-clause, a noun phrase or a
 * quotation report only quoted words ("urged voters to \"stay home\"").
 */
export function engineComplement(complements: readonly Complement[]): EngineComplement {
  const first = complements[0];
  if (first === 'clause') return complements.includes('noun-phrase') ? 'that' : 'clause';
  if (first === 'that') return 'that';
  return 'quote';
}

/** Every form of a verb lemma ("point out" → points out, pointed out, …): compromise conjugates the head word. */
export function inflectVerb(lemma: string): string[] {
  const [head = '', ...rest] = lemma.toLowerCase().trim().split(/\s+/);
  const tail = rest.length > 0 ? ` ${rest.join(' ')}` : '';
  // Tagging the word as an infinitive keeps compromise from reading "express" as a noun.
  const doc = compromise()(head);
  doc.tag('Infinitive');
  const forms = doc.verbs().conjugate()[0] as Record<string, string> | undefined;
  if (!forms || forms.Infinitive !== head) return [];
  // compromise's gerund of some verbs is the bare verb ("slam"): such a form is dropped, `extra` supplies it.
  const gerund = forms.Gerund?.endsWith('ing') ? forms.Gerund : undefined;
  const out = [forms.Infinitive, forms.PresentTense, forms.PastTense, forms.Participle, gerund]
    .filter((form): form is string => typeof form === 'string' && form.length > 0 && !form.includes(' '));
  return [...new Set(out)].map((form) => form + tail);
}

/** A noun cue's singular and plural ("claim", "claims"). */
export function inflectNoun(lemma: string): string[] {
  const singular = lemma.toLowerCase().trim();
  const doc = compromise()(singular);
  doc.tag('Singular');
  const plural = doc.nouns().toPlural().text().toLowerCase();
  return [...new Set([singular, plural].filter((form) => form.length > 0))];
}

/** The forms a verb entry stands for: listed, or generated from the lemma less the omitted ones. */
export function verbForms(entry: VerbCueEntry): string[] {
  if (entry.forms) return entry.forms;
  const omit = new Set((entry.omit ?? []).map((form) => form.toLowerCase()));
  const generated = inflectVerb(entry.lemma);
  if (generated.length === 0) return [];
  return [...new Set([...generated, ...(entry.extra ?? []).map((form) => form.toLowerCase())])].filter((form) => !omit.has(form));
}

export function nounForms(entry: NounCueEntry): string[] {
  return entry.forms ?? inflectNoun(entry.lemma);
}

/** The shipped file's data with every `forms` regenerated from its lemma (what `npm run rules:forms` writes). */
export function withGeneratedForms(data: CuesData): CuesData {
  return {
    ...data,
    verbs: data.verbs.map((entry) => ({ ...entry, forms: verbForms({ ...entry, forms: undefined }) })),
    nouns: data.nouns.map((entry) => ({ ...entry, forms: nounForms({ ...entry, forms: undefined }) })),
  };
}
