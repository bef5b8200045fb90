/**
 * Stage 5: attribute direct quotes. Pattern rules look for the source around each quote in its sentence;
 * structural rules then carry speakers across split and continued quotes and read block quotes.
 */
import type { ArticleContext, Stage } from '../context.ts';
import { itemsOf, matchSentence } from '../patterns.ts';
import { isNegated } from './detect.ts';
import { mentionIn, pushTo, subjectOf } from '../quotes.ts';
import type { PatternRule, Sieve } from '../rule.ts';

const attributedCount = (ctx: ArticleContext): number => ctx.quotes.reduce((n, q) => n + (q.mention ? 1 : 0), 0) + ctx.quotes.length;

export function attributeStage(directRules: PatternRule[], sieves: Sieve[]): Stage {
  return {
    name: 'attribute',
    run(ctx: ArticleContext): void {
      const byOpen = new Map(ctx.quotes.filter((q) => q.kind === 'direct').map((q) => [q.start, q]));
      const cuesBySentence = new Map<number, number[]>();
      for (const quote of ctx.quotes) {
        if (quote.cue) pushTo(cuesBySentence, quote.sentence, quote.cue.start);
      }
      for (const sentence of ctx.sentences) {
        if (!sentence.signature.includes('Q')) continue;
        const usedCues = new Set<number>((cuesBySentence.get(sentence.index) ?? []));
        for (const rule of directRules) {
          for (const match of matchSentence(rule, sentence)) {
            const quoteItem = match.groups.quote ? sentence.items[match.groups.quote.from] : undefined;
            const cueItem = match.groups.cue ? sentence.items[match.groups.cue.from] : undefined;
            const quote = quoteItem?.quote ? byOpen.get(quoteItem.quote.start) : undefined;
            if (!quote || quote.mention || !cueItem?.cue || usedCues.has(cueItem.start)) continue;
            if (rule.complements && !rule.complements.includes(cueItem.cue.complement)) continue;
            if (match.groups.cue && isNegated(sentence.items, match.groups.cue.from)) continue;
            const mention = rule.speaker === 'subject' && match.groups.cue ? subjectOf(ctx, sentence, match.groups.cue.from) : mentionIn(itemsOf(sentence, match.groups.source));
            if (!mention) continue;
            quote.mention = mention;
            quote.cue = cueItem.cue;
            quote.rule = rule.id;
            quote.confidence = rule.confidence;
            usedCues.add(cueItem.start);
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
