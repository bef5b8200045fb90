/**
 * Stage 4: find quotes. Reported speech (indirect, or mixed when the content holds quoted words) comes from
 * the reported-* pattern rules; every quotation that reads as a whole utterance becomes a direct quote.
 * Quoted words inside reported content belong to that mixed quote; other fragments (scare quotes, titles) are not speech.
 */
import type { ArticleContext, Item, Quote, Sentence, Stage } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import { CONTENT_FILTERS, firstDrop, hasLetters, type Candidate } from '../engine/filters.ts';
import { BoundedCache } from '../engine/bounded-cache.ts';
import { classBit, compilePatternElements, itemClassBits, mayMatch, testPattern, unionOfBits, type ItemBits } from '../engine/token-pattern.ts';
import { itemsOf, matchSentence, type GroupRange, type PatternMatch } from '../patterns.ts';
import { headMention } from '../engine/source-phrase.ts';
import { contentBoundary, insertedAttribution } from '../engine/clauses.ts';
import { newQuote, subjectOf } from '../quotes.ts';
import type { PatternRule } from '../rule.ts';

/**
 * For each quotation item, whether it stands as an utterance rather than a quoted fragment inside a clause:
 * it opens the sentence (after symbols at most), or follows a colon, a cue, "<cue> that", another quotation, a
 * comma after a cue, or the attribution that splits it from the quotation before ("…" tweeted Johnson "…").
 */
/** What may stand between two quotations of one utterance: their attribution ('"…" tweeted Johnson "…"'). */
const SPLIT_BY_ATTRIBUTION = compilePatternElements([
  { at: 'start' },
  { is: ',', op: '?' },
  { either: [
    [{ is: ['mention', 'possessive'], op: '+' }, { is: 'adverb', op: '*' }, { is: ['cue', 'cue-participle'] }],
    [{ is: 'adverb', op: '*' }, { is: ['cue', 'cue-participle'] }, { is: ['mention', 'possessive'], op: '+' }],
  ] },
  { is: ['prep', 'det', 'word', 'number'], max: 4 },
  { is: ',', op: '?' },
  { at: 'end' },
]);

export function utterances(items: Item[]): boolean[] {
  const result = new Array<boolean>(items.length);
  let wordsBefore = false;
  let cueBefore = false;
  let lastQuote = -1;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as Item;
    const previous = items[index - 1];
    const beforePrevious = items[index - 2];
    // "…" tweeted Johnson "…": between two quotations, only their attribution.
    const splitByAttribution = item.sym === 'Q' && lastQuote >= 0 && testPattern(SPLIT_BY_ATTRIBUTION, items.slice(lastQuote + 1, index), 0);
    result[index] = item.sym === 'Q' && (!wordsBefore || previous === undefined || previous.sym === ':' || previous.sym === 'C' || previous.sym === 'G'
      || previous.sym === 'Q' || (previous.sym === ',' && cueBefore)
      || (previous.sym === 'T' && (beforePrevious?.sym === 'C' || beforePrevious?.sym === 'G'))
      || splitByAttribution);
    if (!wordsBefore && hasLetters(item.text)) wordsBefore = true;
    if (item.sym === 'C' || item.sym === 'G') cueBefore = true;
    if (item.sym === 'Q') lastQuote = index;
  }
  return result;
}


/** A sentence's claimed cues and taken contents before any quote is found in it (most sentences find none). */
const NO_CUES: ReadonlySet<number> = new Set<number>();
const NOTHING_TAKEN: readonly GroupRange[] = Object.freeze([]);

export function detectStage(lexicon: Lexicon, reportedRules: PatternRule[]): Stage {
  // The rules a sentence with these item classes can match (`mayMatch`), in order: sentences share few class sets.
  const rulesFor = new BoundedCache<number, PatternRule[]>(1024);
  // The filter's closure over `bits` lives in a function of its own: here it would cost a context object per sentence.
  const rulesMatching = (bits: number): PatternRule[] => reportedRules.filter((rule) => mayMatch(rule.compiled, bits));
  const candidates = (bits: number): PatternRule[] => {
    let rules = rulesFor.get(bits);
    if (rules === undefined) {
      rules = rulesMatching(bits);
      rulesFor.set(bits, rules);
    }
    return rules;
  };
  // The item class bits of the sentence at hand, in a buffer kept from sentence to sentence (a longer one gets a longer buffer).
  let itemBits: ItemBits = new Int32Array(64);
  return {
    name: 'detect',
    run(ctx: ArticleContext): void {
      for (const sentence of ctx.sentences) {
        itemBits = itemClassBits(sentence.items, itemBits);
        detectInSentence(ctx, sentence, lexicon, candidates, itemBits);
      }
      // Quotes come sentence by sentence, each sentence's reported ones before its direct ones: often in order already.
      let sorted = true;
      for (let k = 1; k < ctx.quotes.length && sorted; k++) sorted = (ctx.quotes[k - 1] as Quote).start <= (ctx.quotes[k] as Quote).start;
      if (!sorted) ctx.quotes.sort((a, b) => a.start - b.start);
      for (let k = 0; k < ctx.quotes.length; k++) (ctx.quotes[k] as Quote).utterance = k;
    },
  };
}

/** Whether one of the ranges holds item `index`. */
function inRanges(ranges: readonly GroupRange[], index: number): boolean {
  for (let k = 0; k < ranges.length; k++) if (index >= (ranges[k] as GroupRange).from && index < (ranges[k] as GroupRange).to) return true;
  return false;
}

/** Find the sentence's quotes; `itemBits`: its items' class bits (`itemClassBits`). */
function detectInSentence(ctx: ArticleContext, sentence: Sentence, lexicon: Lexicon, candidates: (bits: number) => PatternRule[], itemBits: ItemBits): void {
  const { items } = sentence;
  // Most rules cannot match a sentence lacking their item classes (most sentences hold no cue): only the others run.
  const bits = unionOfBits(itemBits, items.length);
  const rules = candidates(bits);
  // Neither a rule to run nor a quotation: nothing to find.
  if (rules.length === 0 && (bits & classBit('Q')) === 0) return;
  // Made when the sentence's first quote is found.
  let usedCues: Set<number> | null = null;
  let taken: GroupRange[] | null = null;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as PatternRule;
    let matches = matchSentence(rule, sentence, 0, bits, itemBits);
    for (let m = 0; m < matches.length; m++) {
      const match = matches[m] as PatternMatch;
      const content = match.groups.content;
      // Rules without a cue ("Peskov: …" headlines) anchor on the source instead.
      const anchor = match.groups.cue ?? match.groups.source;
      if (!content || !anchor) continue;
      const cue = match.groups.cue ? items[anchor.from]?.cue ?? null : null;
      if (match.groups.cue && !cue) continue;
      const candidate: Candidate = { rule, items, anchor, cue, content, cut: contentBoundary(items, content, lexicon, insertedAttribution(items, content, anchor, match.groups.source)), usedCues: usedCues ?? NO_CUES, taken: taken ?? NOTHING_TAKEN };
      const drop = firstDrop(CONTENT_FILTERS, candidate, lexicon);
      const cut = candidate.cut as GroupRange;
      // The content's items are items[cut.from, cut.to) (within the sentence: the cut never lengthens the content).
      const cutEnd = Math.min(cut.to, items.length);
      const start = cut.from < cutEnd ? (items[cut.from] as Item).start : items[content.from]?.start ?? sentence.start;
      const end = cut.from < cutEnd ? (items[cutEnd - 1] as Item).end : items[content.to - 1]?.end ?? start;
      const mention = drop ? null : rule.speaker === 'subject' ? subjectOf(ctx, sentence, anchor.from) : headMention(itemsOf(sentence, match.groups.source), ctx.text);
      if (drop || (rule.speaker === 'mention' && !mention)) {
        const why = drop ?? { filter: 'no-source', reason: 'the source capture holds no speaker mention' };
        ctx.diagnostics.push({ stage: 'detect', severity: 'info', rule: rule.id, filter: why.filter, message: why.reason, start, end });
        // The inner report of "X reported its source said …" is matched again on its own, in place of the matches after this one.
        if (why.filter === 'nested-attribution') matches = matches.slice(0, m + 1).concat(matchSentence(rule, sentence, cut.from, bits, itemBits));
        continue;
      }
      let hasQuote = false;
      for (let k = cut.from; k < cutEnd && !hasQuote; k++) hasQuote = (items[k] as Item).sym === 'Q';
      ctx.quotes.push(newQuote(ctx, { kind: hasQuote ? 'mixed' : 'indirect', start, end, sentence, rule: rule.id, mention, cue, confidence: rule.confidence }));
      (usedCues ??= new Set<number>()).add(anchor.from);
      (taken ??= []).push(cut);
    }
  }
  // Direct quotes come from quotation items only: a sentence without one has nothing more to give.
  if ((bits & classBit('Q')) === 0) return;
  const standsAlone = utterances(items);
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as Item;
    // A quotation inside reported content belongs to that mixed quote.
    if (item.sym !== 'Q' || !item.quote || (taken !== null && inRanges(taken, index))) continue;
    if (!standsAlone[index]) {
      ctx.diagnostics.push({ stage: 'detect', severity: 'info', message: 'quoted words read as a fragment (scare quote or title), not speech', start: item.start, end: item.end });
      continue;
    }
    // No word at all (wordCount 0): nothing was said. A test for one letter or digit answers it without the count.
    if (!hasLetters(ctx.text.slice(item.quote.start, item.quote.end))) continue;
    ctx.quotes.push(newQuote(ctx, { kind: 'direct', start: item.quote.start, end: item.quote.end, sentence, rule: null, mention: null, cue: null, confidence: 0.5 }));
  }
}
