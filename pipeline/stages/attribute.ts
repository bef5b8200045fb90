/**
 * Stage 5: attribute direct quotes. Pattern rules look for the source around each quote in its sentence;
 * structural rules then carry speakers across split and continued quotes and read block quotes.
 */
import type { ArticleContext, Stage } from '../context.ts';
import { itemsOf, matchSentence } from '../patterns.ts';
import { CUE_FILTERS, firstDrop } from '../engine/filters.ts';
import type { Lexicon } from '../lexicon.ts';
import { headMention } from '../engine/source-phrase.ts';
import { pushTo, subjectOf, attribute } from '../quotes.ts';
import type { PatternRule, Sieve } from '../rule.ts';

const attributedCount = (ctx: ArticleContext): number => ctx.quotes.reduce((n, q) => n + (q.mention ? 1 : 0), 0) + ctx.quotes.length;

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
        if (!sentence.items.some((item) => item.sym === 'Q')) continue;
        const usedCues = new Set<number>((cuesBySentence.get(sentence.index) ?? []));
        const usedCueItems = new Set<number>();
        sentence.items.forEach((item, k) => { if (item.cue && usedCues.has(item.start)) usedCueItems.add(k); });
        for (const rule of directRules) {
          for (const match of matchSentence(rule, sentence)) {
            const quoteItem = match.groups.quote ? sentence.items[match.groups.quote.from] : undefined;
            // A rule without a cue (a colon after a sentence about its subject) anchors on the source.
            const anchor = match.groups.cue ?? match.groups.source;
            const cueItem = match.groups.cue ? sentence.items[match.groups.cue.from] : undefined;
            const quote = quoteItem?.quote ? byOpen.get(quoteItem.quote.start) : undefined;
            if (!quote || !anchor || (match.groups.cue && !cueItem?.cue)) continue;
            const record = (filter: string, reason: string): void => {
              ctx.diagnostics.push({ stage: 'attribute', severity: 'info', rule: rule.id, filter, message: reason, start: quote.start, end: quote.end });
            };
            if (quote.state !== 'open') { record('quote-attributed', `the quotation already has its source from ${quote.rule ?? 'an earlier rule'}`); continue; }
            const cue = cueItem?.cue ?? null;
            const drop = firstDrop(CUE_FILTERS, { rule, items: sentence.items, anchor, cue, usedCues: usedCueItems, taken: [] }, lexicon);
            if (drop) { record(drop.filter, drop.reason); continue; }
            const mention = rule.speaker === 'subject' && match.groups.cue ? subjectOf(ctx, sentence, anchor.from) : headMention(itemsOf(sentence, match.groups.source), ctx.text);
            if (!mention) { record('no-source', 'no speaker mention for the quotation'); continue; }
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
