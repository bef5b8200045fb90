/** Helpers the detect and attribute stages (and structural rules) share. */
import type { ArticleContext, Cue, Mention, Quote, QuoteKind, Resolution, Sentence } from './context.ts';

export function newQuote(ctx: ArticleContext, fields: { kind: QuoteKind; start: number; end: number; sentence: Sentence; rule: string | null; mention: Mention | null; cue: Cue | null; confidence: number }): Quote {
  return {
    kind: fields.kind,
    state: fields.mention ? 'attributed' : 'open',
    start: fields.start,
    end: fields.end,
    paragraph: fields.sentence.paragraph,
    sentence: fields.sentence.index,
    rule: fields.rule,
    mention: fields.mention,
    cue: fields.cue,
    utterance: ctx.quotes.length,
    speaker: null,
    speakerType: null,
    speakerRole: null,
    resolution: 'none',
    confidence: fields.confidence,
  };
}

/** What a rule or sieve decides for an open quote: its source mention and cue, and its own name. */
export interface Attribution {
  mention: Mention;
  cue: Cue | null;
  rule: string;
  confidence: number;
  /** The quote this one continues (same utterance), when the source was taken from it. */
  continuesQuote?: number;
  utterance?: number;
}

/** The quote's move from `open` to `attributed`; a quote that already has its source is a bug in the caller. */
export function attribute(quote: Quote, attribution: Attribution): void {
  if (quote.state !== 'open') throw new Error(`${attribution.rule}: the quote at ${quote.start} is ${quote.state} already (by ${quote.rule ?? 'no rule'})`);
  quote.state = 'attributed';
  quote.mention = attribution.mention;
  quote.cue = attribution.cue;
  quote.rule = attribution.rule;
  quote.confidence = attribution.confidence;
  if (attribution.continuesQuote !== undefined) quote.continuesQuote = attribution.continuesQuote;
  if (attribution.utterance !== undefined) quote.utterance = attribution.utterance;
}

/** The canonical speaker the resolve stage found: the quote's move to `resolved` (once). */
export function resolveSpeaker(quote: Quote, speaker: { name: string; type: 'person' | 'organization'; role: string | null; resolution: Resolution }, confidence = quote.confidence): void {
  if (quote.state === 'resolved') throw new Error(`the quote at ${quote.start} is resolved already (${quote.speaker ?? 'no speaker'})`);
  quote.state = 'resolved';
  quote.speaker = speaker.name;
  quote.speakerType = speaker.type;
  quote.speakerRole = speaker.role;
  quote.resolution = speaker.resolution;
  quote.confidence = confidence;
}

/** Appends to the list under `key`, creating it. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index of the first item whose key is not below `value`, in an array sorted by that key. */
export function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const item = items[mid];
    if (item !== undefined && key(item) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The mention a participle or second cue belongs to: the clause subject. */
export function subjectOf(ctx: ArticleContext, sentence: Sentence, cueIndex: number): Mention | null {
  // The object of a preposition ("wrote to the embassy in Oslo asking …") is not the subject.
  // "with officials saying …" is the exception: "with" introduces the participle's own subject.
  const governed = (k: number): boolean => sentence.items[k - 1]?.sym === 'p' && sentence.items[k - 1]?.text.toLowerCase() !== 'with';
  const previous = sentence.items[cueIndex - 1];
  if (previous?.sym === 'M' && previous.mention && !governed(cueIndex - 1)) return previous.mention;
  const cueStart = sentence.items[cueIndex]?.start ?? sentence.end;
  // Quotes are kept in reading order, so the ones of this sentence sit at the end or are found by binary search.
  let last: Quote | undefined;
  for (let k = lowerBound(ctx.quotes, sentence.index, (q) => q.sentence); k < ctx.quotes.length; k++) {
    const quote = ctx.quotes[k];
    if (!quote || quote.sentence !== sentence.index) break;
    if (quote.mention && quote.start < cueStart) last = quote;
  }
  if (last?.mention) return last.mention;
  const before = sentence.items.slice(0, cueIndex).filter((item, k) => item.sym === 'M' && item.mention && !governed(k));
  const subjectLike = before.find((item) => item.mention?.type !== 'organization');
  const subject = (subjectLike ?? before[0])?.mention ?? null;
  return subject?.type === 'role' ? namedInApposition(sentence, subject, cueIndex) ?? subject : subject;
}

/** A determiner, word or mention of a prepositional phrase (a constant: a literal would make a RegExp per test). */
const PHRASE_WORD = /^[dwMm]$/;

/** "The new governor of the region, Ana Ruiz, …": the person named in commas after a role (and its prepositional phrase). */
function namedInApposition(sentence: Sentence, role: Mention, cueIndex: number): Mention | null {
  const { items } = sentence;
  let k = items.findIndex((item) => item.mention === role) + 1;
  if (k === 0) return null;
  if (items[k]?.sym === 'p') {
    k++;
    let words = 0;
    while (k < cueIndex && words < 5 && PHRASE_WORD.test(items[k]?.sym ?? '')) { k++; words++; }
  }
  const name = items[k + 1];
  return items[k]?.sym === ',' && name?.sym === 'M' && name.mention?.type === 'person' && items[k + 2]?.sym === ',' && k + 1 < cueIndex ? name.mention : null;
}

export const wordCount = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
