/**
 * Stage 5: attribute direct quotes. Pattern rules look for the source around each quote in its sentence;
 * structural rules then carry speakers across split and continued quotes and read block quotes.
 */
import type { ArticleContext, Item, Quote, Stage } from '../context.ts';
import { itemsOf, matchSentence } from '../patterns.ts';
import { CUE_FILTERS, firstDrop } from '../engine/filters.ts';
import { itemClassBits, mayMatch, unionOfBits } from '../engine/token-pattern.ts';
import type { Lexicon } from '../lexicon.ts';
import { headMention } from '../engine/source-phrase.ts';
import { pushTo, subjectOf, attribute } from '../quotes.ts';
import type { PatternRule, Sieve } from '../rule.ts';

const attributedCount = (ctx: ArticleContext): number => {
  let n = ctx.quotes.length;
  for (const q of ctx.quotes) if (q.mention) n++;
  return n;
};

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
      const byOpen = new Map(ctx.quotes.filter((q) => q.kind === 'direct').map((q) => [q.start, q]));
      const cuesBySentence = new Map<number, number[]>();
      for (const quote of ctx.quotes) {
        if (quote.cue) pushTo(cuesBySentence, quote.sentence, quote.cue.start);
      }
      for (const sentence of ctx.sentences) {
        const { items } = sentence;
        if (!hasQuote(items)) continue;
        const usedCues = new Set<number>((cuesBySentence.get(sentence.index) ?? []));
        const usedCueItems = new Set<number>();
        for (let k = 0; k < items.length; k++) {
          const item = items[k] as Item;
          if (item.cue && usedCues.has(item.start)) usedCueItems.add(k);
        }
        // The sentence's item classes, made once for every rule; a rule that cannot match them is not run.
        const itemBits = itemClassBits(items);
        const bits = unionOfBits(itemBits);
        for (const rule of directRules) {
          if (!mayMatch(rule.compiled, bits)) continue;
          for (const match of matchSentence(rule, sentence, 0, bits, itemBits)) {
            const quoteItem = match.groups.quote ? sentence.items[match.groups.quote.from] : undefined;
            // A rule without a cue (a colon after a sentence about its subject) anchors on the source.
            const anchor = match.groups.cue ?? match.groups.source;
            const cueItem = match.groups.cue ? sentence.items[match.groups.cue.from] : undefined;
            const quote = quoteItem?.quote ? byOpen.get(quoteItem.quote.start) : undefined;
            if (!quote || !anchor || (match.groups.cue && !cueItem?.cue)) continue;
            if (quote.state !== 'open') { record(ctx, rule, quote, 'quote-attributed', `the quotation already has its source from ${quote.rule ?? 'an earlier rule'}`); continue; }
            const cue = cueItem?.cue ?? null;
            const drop = firstDrop(CUE_FILTERS, { rule, items: sentence.items, anchor, cue, usedCues: usedCueItems, taken: [] }, lexicon);
            if (drop) { record(ctx, rule, quote, drop.filter, drop.reason); continue; }
            const mention = rule.speaker === 'subject' && match.groups.cue ? subjectOf(ctx, sentence, anchor.from) : headMention(itemsOf(sentence, match.groups.source), ctx.text);
            if (!mention) { record(ctx, rule, quote, 'no-source', 'no speaker mention for the quotation'); continue; }
            attribute(quote, { mention, cue, rule: rule.id, confidence: rule.confidence });
            if (cueItem) usedCues.add(cueItem.start);
            usedCueItems.add(anchor.from);
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
