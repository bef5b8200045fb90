/**
 * Stage 5: attribute direct quotes. Pattern rules look for the source around each quote in its sentence;
 * structural rules then carry speakers across split and continued quotes and read block quotes.
 */
import type { ArticleContext, Item, Quote, Stage } from '../context.ts';
import { itemsOf, matchSentence } from '../patterns.ts';
import { CUE_FILTERS, firstDrop } from '../engine/filters.ts';
import { itemClassBits, unionOfBits } from '../engine/token-pattern.ts';
import type { Lexicon } from '../lexicon.ts';
import { headMention } from '../engine/source-phrase.ts';
import { pushTo, subjectOf, attribute } from '../quotes.ts';
import type { PatternRule, Sieve } from '../rule.ts';

const attributedCount = (ctx: ArticleContext): number => {
  let n = ctx.quotes.length;
  for (const q of ctx.quotes) if (q.mention) n++;
  return n;
};

const NO_ITEMS: ReadonlySet<number> = new Set();

const hasQuote = (items: readonly Item[]): boolean => {
  for (let k = 0; k < items.length; k++) if ((items[k] as Item).sym === 'Q') return true;
  return false;
};

/** Why a rule's candidate for `quote` was dropped, for `npm run explain`. */
function record(ctx: ArticleContext, rule: PatternRule, quote: Quote, filter: string, reason: string): void {
  ctx.diagnostics.push({ stage: 'attribute', severity: 'info', rule: rule.id, filter, message: reason, start: quote.start, end: quote.end });
}

export function attributeStage(lexicon: Lexicon, directRules: PatternRule[], sieves: Sieve[]): Stage {
  return {
    name: 'attribute',
    run(ctx: ArticleContext): void {
      const byOpen = new Map<number, Quote>();
      for (const q of ctx.quotes) if (q.kind === 'direct') byOpen.set(q.start, q);
      const cuesBySentence = new Map<number, number[]>();
      for (const quote of ctx.quotes) {
        if (quote.cue) pushTo(cuesBySentence, quote.sentence, quote.cue.start);
      }
      for (const sentence of ctx.sentences) {
        const { items } = sentence;
        if (!hasQuote(items)) continue;
        // The items of cues the detect stage took (by their start): rules here may not take them again. Made only
        // when there is one (most sentences with a quotation have none).
        const detectCues = cuesBySentence.get(sentence.index);
        let usedCueItems: Set<number> | undefined;
        if (detectCues) {
          for (let k = 0; k < items.length; k++) {
            const item = items[k] as Item;
            if (item.cue && detectCues.includes(item.start)) (usedCueItems ??= new Set()).add(k);
          }
        }
        // The sentence's item classes, made once for every rule (a rule that cannot match them runs no further).
        const itemBits = itemClassBits(items);
        const bits = unionOfBits(itemBits, items.length);
        for (const rule of directRules) {
          for (const { groups } of matchSentence(rule, sentence, 0, bits, itemBits)) {
            const quoteItem = groups.quote ? items[groups.quote.from] : undefined;
            // A rule without a cue (a colon after a sentence about its subject) anchors on the source.
            const anchor = groups.cue ?? groups.source;
            const cueItem = groups.cue ? items[groups.cue.from] : undefined;
            const quote = quoteItem?.quote ? byOpen.get(quoteItem.quote.start) : undefined;
            if (!quote || !anchor || (groups.cue && !cueItem?.cue)) continue;
            if (quote.state !== 'open') { record(ctx, rule, quote, 'quote-attributed', `the quotation already has its source from ${quote.rule ?? 'an earlier rule'}`); continue; }
            const cue = cueItem?.cue ?? null;
            const drop = firstDrop(CUE_FILTERS, { rule, items, anchor, cue, usedCues: usedCueItems ?? NO_ITEMS, taken: [] }, lexicon);
            if (drop) { record(ctx, rule, quote, drop.filter, drop.reason); continue; }
            const mention = rule.speaker === 'subject' && groups.cue ? subjectOf(ctx, sentence, anchor.from) : headMention(itemsOf(sentence, groups.source), ctx.text);
            if (!mention) { record(ctx, rule, quote, 'no-source', 'no speaker mention for the quotation'); continue; }
            attribute(quote, { mention, cue, rule: rule.id, confidence: rule.confidence });
            (usedCueItems ??= new Set()).add(anchor.from);
          }
        }
      }
      // Structural rules feed each other (a continued quote can only inherit once its neighbour has a speaker):
      // run them until nothing changes. Each only fills what is missing, so this ends.
      for (let round = 0; round < 4; round++) {
        const before = attributedCount(ctx);
        for (const sieve of sieves) sieve.apply(ctx);
        if (attributedCount(ctx) === before) break;
      }
    },
  };
}
