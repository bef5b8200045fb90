/**
 * The article context: everything one article carries through the stages.
 * Offsets inside the pipeline are JavaScript string indexes (UTF-16 code units);
 * the writer converts them to Unicode code points for the output.
 */
import type { CueClass } from './engine/cue-lexicon.ts';

export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  index: number;
  /** Lines such as "JOIN NOW" or "READ MORE: …": kept for offsets, never searched for quotes. */
  boilerplate: boolean;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  /** Filled by the mentions stage: the sentence as a sequence of classified items (see pipeline/stages/mentions.ts). */
  items: Item[];
  /** One symbol per item (see `Item`): a compact view of the items for `npm run explain`; rules match the items themselves. */
  signature: string;
}

/**
 * One classified piece of a sentence. Symbols: Q quote, M mention, m possessive mention, C cue verb,
 * G cue participle, N cue noun, A "according to", T "that", W "who", h auxiliary or adverb, b a form of "be",
 * p preposition, d determiner, & conjunction, n number, w any other word, and the punctuation , : ; and . (for . ! ?).
 */
export interface Item extends Span {
  sym: string;
  text: string;
  /** `text.toLowerCase()`, computed once for the words pattern tests read many times (absent for quotations: computed when asked). */
  lower?: string | undefined;
  mention?: Mention;
  cue?: Cue;
  quote?: QuoteSpan;
}

/** A stretch of text between quotation marks. `start`/`end` are the content, `open`/`close` the marks. */
export interface QuoteSpan extends Span {
  open: number;
  /** Position of the closing mark, or the paragraph end when the quote runs on into the next paragraph. */
  close: number;
  paragraph: number;
  /** The paragraph ended before the quote closed (news convention for a quote that goes on). */
  unclosed: boolean;
}

export type MentionType = 'person' | 'organization' | 'pronoun' | 'role';

export interface Mention extends Span {
  text: string;
  type: MentionType;
  /** A person's name or an organisation's name as written ("Dmitry Peskov", "Peskov", "US Treasury"). */
  name?: string;
  /** The role written with the mention ("Kremlin spokesman", "spokesman for the Kremlin"). */
  role?: string;
  /** The role's head noun ("spokesman"), used to link "the Kremlin spokesman" to a name. */
  roleHead?: string;
  /** The organisation a role belongs to ("Kremlin" in "a spokesman for the Kremlin"). */
  roleOrg?: string;
  /** Followed by 's: a possessor, as in "the Kremlin's remarks". */
  possessive: boolean;
}

export interface Cue extends Span {
  text: string;
  lemma: string;
  /** What kind of act the cue reports (rules/cues.json); "according to" reports speech. */
  cueClass: CueClass;
  /** How the reported-speech rules read it (see `engineComplement`). */
  complement: 'clause' | 'that' | 'quote';
  /** Every complement the cue takes (rules/cues.json): pattern rules test them ("object-infinitive", "infinitive", …). */
  complements?: readonly string[];
  /** -ing form: "saying", "adding". */
  participle: boolean;
  noun: boolean;
  according: boolean;
  /** A past form after "be" ("was identified as", "is expected to"): a plain word of the sentence that only passive rules read, with the agent after "by". */
  passive?: boolean;
}

// The output schema (schema/records.ts) owns these value lists.
export type { QuoteKind, Resolution } from './schema/records.ts';
import type { QuoteKind, Resolution } from './schema/records.ts';

/**
 * Where a quote stands: `open` (found, no source yet), `attributed` (a rule or sieve gave it a source mention and
 * recorded its name), `resolved` (the resolve stage gave it a canonical speaker). Quotes move forward only, through
 * `attribute` and `resolveSpeaker` in quotes.ts: a sieve can fill only what is still open.
 */
export type QuoteState = 'open' | 'attributed' | 'resolved';

export interface Quote extends Span {
  kind: QuoteKind;
  state: QuoteState;
  paragraph: number;
  sentence: number;
  /** The rule that found and/or attributed the quote. */
  rule: string | null;
  mention: Mention | null;
  cue: Cue | null;
  /** Quotes of one utterance share a group (direct quotes split by attribution or paragraph). */
  utterance: number;
  /** Filled by the resolve stage. */
  speaker: string | null;
  speakerType: 'person' | 'organization' | null;
  speakerRole: string | null;
  resolution: Resolution;
  confidence: number;
  /** Set when the speaker was taken from another quote (continuation). */
  continuesQuote?: number;
}

export interface Diagnostic extends Partial<Span> {
  stage: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** The rule whose candidate this is about, and the filter that dropped it. */
  rule?: string;
  filter?: string;
}

export interface ArticleContext {
  articleId: string;
  sourcePath: string;
  text: string;
  format: string;
  encoding: string;
  title: string | null;
  date: string | null;
  url: string | null;
  /** Where title and date came from, and the author the article states (see input/metadata.ts); null when none. */
  titleSource: import('./input/metadata.ts').TitleSource | null;
  dateSource: import('./input/metadata.ts').DateSource | null;
  author: string | null;
  authorSource: import('./input/metadata.ts').AuthorSource | null;
  /** ISO 639-3 code of the language detected on the text, `und` when it is too short to tell. */
  language: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quoteSpans: QuoteSpan[];
  mentions: Mention[];
  cues: Cue[];
  quotes: Quote[];
  diagnostics: Diagnostic[];
}

/** A stage is a small function over one article context, run in a fixed order. */
export interface Stage {
  name: string;
  run(ctx: ArticleContext): void;
}
