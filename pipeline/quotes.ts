/** Helpers the detect and attribute stages (and structural rules) share. */
import type { ArticleContext, Cue, Mention, Quote, QuoteKind, Sentence } from './context.ts';

export function newQuote(ctx: ArticleContext, fields: { kind: QuoteKind; start: number; end: number; sentence: Sentence; rule: string | null; mention: Mention | null; cue: Cue | null; confidence: number }): Quote {
  return {
    kind: fields.kind,
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

/** "The new governor of the region, Ana Ruiz, …": the person named in commas after a role (and its prepositional phrase). */
function namedInApposition(sentence: Sentence, role: Mention, cueIndex: number): Mention | null {
  const { items } = sentence;
  let k = items.findIndex((item) => item.mention === role) + 1;
  if (k === 0) return null;
  if (items[k]?.sym === 'p') {
    k++;
    let words = 0;
    while (k < cueIndex && words < 5 && /^[dwMm]$/.test(items[k]?.sym ?? '')) { k++; words++; }
  }
  const name = items[k + 1];
  return items[k]?.sym === ',' && name?.sym === 'M' && name.mention?.type === 'person' && items[k + 2]?.sym === ',' && k + 1 < cueIndex ? name.mention : null;
}

export const wordCount = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
