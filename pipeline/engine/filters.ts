/**
 * Filters: after a pattern rule matches, these named checks decide whether the candidate becomes a quote. Each
 * says why it drops a candidate; the detect and attribute stages record that (rule id, filter id, reason, span)
 * in the article's diagnostics, and `npm run explain` shows it. They run in the order listed.
 */
import type { Cue, Item } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import type { GroupRange } from '../patterns.ts';
import type { PatternRule } from '../rule.ts';
import { clauseReadingFrom } from './clause-reading.ts';
import { nestedAttributionAt } from './clauses.ts';

/** One matched candidate, as the filters see it. */
export interface Candidate {
  rule: PatternRule;
  items: Item[];
  /** The cue item's range, or the source's when the rule has no cue ("Peskov: …" headlines). */
  anchor: GroupRange;
  cue: Cue | null;
  /** The content the rule captured, before and after the clause boundary cut (reported rules). */
  content?: GroupRange;
  cut?: GroupRange;
  /** Cues already claimed by an earlier rule in this sentence, and content ranges already taken. */
  usedCues: ReadonlySet<number>;
  taken: readonly GroupRange[];
}

export interface Filter {
  id: string;
  /** Why the candidate is dropped, or null to keep it. */
  check(candidate: Candidate, lexicon: Lexicon): string | null;
}

/** Whether the text holds a letter or a digit: a word, however short. */
// A constant: a regular expression literal in the function would make a new RegExp object at each call.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
export const hasLetters = (text: string): boolean => LETTER_OR_DIGIT.test(text);

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Whether the items' texts, read as words joined by spaces, hold at least `wanted` runs of letters and digits
 * (a run never spans two items: a space stands between them). Stops at the count: no joined string, no list.
 */
function holdsWords(items: readonly Item[], from: number, to: number, wanted: number): boolean {
  let found = 0;
  for (let k = from; k < to; k++) {
    const text = (items[k] as Item).text;
    WORD.lastIndex = 0;
    // `test` moves on through the text as `exec` does (a global regex), without a match array per word.
    while (WORD.test(text)) if (++found >= wanted) return true;
  }
  return false;
}

/** Whether a taken range overlaps items [from, to). (Loops here and below, not `some` with a closure per candidate.) */
function takenAround(taken: readonly GroupRange[], from: number, to: number): boolean {
  for (let k = 0; k < taken.length; k++) {
    const t = taken[k] as GroupRange;
    if (from < t.to && t.from < to) return true;
  }
  return false;
}

/** The classes of items that make content a clause: a word, a form of "be", an adverb, a quotation, "that", a number, a preposition, a determiner. */
const CLAUSE_CLASSES = 'wbhQTnpd';

/** Whether one of items [from, to) has a one-character class among `classes`. */
function holdsClass(items: readonly Item[], from: number, to: number, classes: string): boolean {
  for (let k = from; k < Math.min(to, items.length); k++) {
    const { sym } = items[k] as Item;
    if (sym.length === 1 && classes.includes(sym)) return true;
  }
  return false;
}

/** "did not say whether …", "never said that …": a negated cue reports nothing that was said. */
export function isNegated(items: Item[], cueIndex: number, lexicon: Lexicon): boolean {
  for (let k = cueIndex - 1; k >= 0 && k >= cueIndex - 4; k--) {
    const item = items[k];
    if (!item || item.sym !== 'h') break;
    const word = item.lower ?? item.text.toLowerCase();
    if (lexicon.negations.has(word.includes('’') ? word.replaceAll('’', "'") : word)) return true;
  }
  return false;
}

/** Filters shared by reported and direct rules: about the cue. */
export const CUE_FILTERS: Filter[] = [
  {
    id: 'cue-claimed',
    check: (c) => (c.usedCues.has(c.anchor.from) ? 'an earlier rule already took this cue' : null),
  },
  {
    id: 'cue-complement',
    check: (c) => (c.cue && c.rule.complements && !c.rule.complements.includes(c.cue.complement) ? `the cue "${c.cue.text}" takes a ${c.cue.complement} complement; the rule accepts ${c.rule.complements.join(', ')}` : null),
  },
  {
    id: 'cue-lemma',
    check: (c) => (c.cue && c.rule.lemmas && !c.rule.lemmas.includes(c.cue.lemma) ? `the rule is only for ${c.rule.lemmas.join(', ')}` : null),
  },
  {
    id: 'cue-negated',
    check: (c, lexicon) => (c.cue && isNegated(c.items, c.anchor.from, lexicon) ? `"${c.cue.text}" is negated` : null),
  },
];

/** Filters for reported content, in order. */
export const CONTENT_FILTERS: Filter[] = [
  ...CUE_FILTERS,
  {
    id: 'cue-inside-content',
    check: (c) => (takenAround(c.taken, c.anchor.from, c.anchor.from + 1) ? 'the cue lies inside content an earlier rule took' : null),
  },
  {
    // Without "that", what follows the cue must read as a clause ("said the plan would fail"), not as its object
    // or an adverbial ("announced plans to …", "said to RIA's question on …").
    id: 'bare-clause',
    check: (c) => {
      const { cue, content, rule } = c;
      if (!cue || !content || content.from <= c.anchor.from || cue.according || rule.requireQuotedContent || rule.reads === 'infinitive' || rule.reads === 'small-clause') return null;
      if (c.items[content.from - 1]?.sym === 'T') return null;
      const cut = c.cut ?? content;
      const tokens: string[] = [];
      for (let k = cut.from; k < Math.min(cut.to, c.items.length); k++) tokens.push((c.items[k] as Item).text);
      // A cue that takes a bare clause ("said") needs only no evidence against one (the tagger misses some verbs);
      // a cue that also takes an object ("announced", "claimed") needs a clause it can see.
      const reading = clauseReadingFrom(tokens);
      if (reading === 'clause' || (reading === 'unknown' && cue.complement === 'clause')) return null;
      const words = tokens.join(' ');
      return `without "that", "${words.length > 40 ? `${words.slice(0, 37)}…` : words}" does not read as a clause after "${cue.text}"`;
    },
  },
  {
    // "The Courier reported its source said two guards fled": the inner report is the unit (innermost source).
    id: 'nested-attribution',
    check: (c, lexicon) => (c.cut && !c.rule.requireQuotedContent && nestedAttributionAt(c.items, c.cut.from, c.cut.to, lexicon) ? 'the content opens with a source and a cue of its own: the inner report is the unit' : null),
  },
  { id: 'empty-content', check: (c) => (c.cut && c.cut.to > c.cut.from ? null : 'nothing is left of the content at the clause boundary') },
  {
    id: 'lone-quotation',
    check: (c) => {
      let quotations = 0;
      let wordsBeside = false;
      for (let k = c.cut?.from ?? 0; k < Math.min(c.cut?.to ?? 0, c.items.length) && !wordsBeside; k++) {
        const item = c.items[k] as Item;
        if (item.sym === 'Q') quotations++;
        else wordsBeside = hasLetters(item.text);
      }
      return quotations === 1 && !wordsBeside ? 'the content is one whole quotation: a direct quote, for the direct rules' : null;
    },
  },
  {
    id: 'not-a-clause',
    check: (c) => (c.rule.reads === 'small-clause' || holdsClass(c.items, c.cut?.from ?? 0, c.cut?.to ?? 0, CLAUSE_CLASSES) ? null : 'the content holds only names and punctuation'),
  },
  {
    id: 'needs-quoted-words',
    check: (c) => (c.rule.requireQuotedContent && !holdsClass(c.items, c.cut?.from ?? 0, c.cut?.to ?? 0, 'Q') ? 'this speech-act rule needs quoted words in its content' : null),
  },
  {
    id: 'content-overlaps',
    check: (c) => (c.cut && takenAround(c.taken, c.cut.from, c.cut.to) ? 'the content overlaps a quote an earlier rule found' : null),
  },
  {
    id: 'content-too-short',
    check: (c) => (holdsWords(c.items, c.cut?.from ?? 0, Math.min(c.cut?.to ?? 0, c.items.length), 2) ? null : 'the content is shorter than two words'),
  },
];

/** The first filter that drops the candidate, with its reason. */
export function firstDrop(filters: readonly Filter[], candidate: Candidate, lexicon: Lexicon): { filter: string; reason: string } | null {
  for (const filter of filters) {
    const reason = filter.check(candidate, lexicon);
    if (reason !== null) return { filter: filter.id, reason };
  }
  return null;
}
