/**
 * Stage 4: find quotes. Reported speech (indirect, or mixed when the content holds quoted words) comes from
 * the reported-* pattern rules; every quotation that reads as a whole utterance becomes a direct quote.
 * Quoted words inside reported content belong to that mixed quote; other fragments (scare quotes, titles) are not speech.
 */
import type { ArticleContext, Item, Sentence, Stage } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import { itemsOf, matchSentence } from '../patterns.ts';
import { cutContent, mentionIn, newQuote, subjectOf, wordCount } from '../quotes.ts';
import type { PatternRule } from '../rule.ts';

/**
 * For each quotation item, whether it stands as an utterance rather than a quoted fragment inside a clause:
 * it opens the sentence (after symbols at most), or follows a colon, a cue, another quotation, or a comma after a cue.
 */
export function utterances(items: Item[]): boolean[] {
  const result: boolean[] = [];
  let wordsBefore = false;
  let cueBefore = false;
  items.forEach((item, index) => {
    const previous = items[index - 1];
    result.push(item.sym === 'Q' && (!wordsBefore || previous === undefined || previous.sym === ':' || previous.sym === 'C' || previous.sym === 'G'
      || previous.sym === 'Q' || (previous.sym === ',' && cueBefore)));
    if (/[\p{L}\p{N}]/u.test(item.text)) wordsBefore = true;
    if (item.sym === 'C' || item.sym === 'G') cueBefore = true;
  });
  return result;
}

const NEGATIONS = new Set(['not', "n't", "'t", 'never', 'cannot', "can't", "won't", "didn't", "doesn't", "don't", 'declined', 'refused']);

/** "did not say whether …", "never said that …": a negated cue reports nothing that was said. */
export function isNegated(items: Item[], cueIndex: number): boolean {
  for (let k = cueIndex - 1; k >= 0 && k >= cueIndex - 4; k--) {
    const item = items[k];
    if (!item || item.sym !== 'h') break;
    if (NEGATIONS.has(item.text.toLowerCase().replace(/’/g, "'"))) return true;
  }
  return false;
}

export function detectStage(lexicon: Lexicon, reportedRules: PatternRule[]): Stage {
  return {
    name: 'detect',
    run(ctx: ArticleContext): void {
      for (const sentence of ctx.sentences) detectInSentence(ctx, sentence, lexicon, reportedRules);
      ctx.quotes.sort((a, b) => a.start - b.start);
      ctx.quotes.forEach((quote, index) => { quote.utterance = index; });
    },
  };
}

function detectInSentence(ctx: ArticleContext, sentence: Sentence, lexicon: Lexicon, rules: PatternRule[]): void {
  const { items } = sentence;
  const usedCues = new Set<number>();
  const absorbed = new Set<number>();
  const taken: Array<{ from: number; to: number }> = [];
  for (const rule of rules) {
    for (const match of matchSentence(rule, sentence)) {
      const contentRange = match.groups.x;
      if (!contentRange) continue;
      // Rules without a cue group ("Peskov: …" headlines) anchor on the mention instead.
      const cueRange = match.groups.c ?? match.groups.m;
      if (!cueRange) continue;
      const cue = match.groups.c ? items[cueRange.from]?.cue ?? null : null;
      if (match.groups.c && !cue) continue;
      if (usedCues.has(cueRange.from)) continue;
      if (cue && rule.complements && !rule.complements.includes(cue.complement)) continue;
      if (cue && rule.lemmas && !rule.lemmas.includes(cue.lemma)) continue;
      if (taken.some((t) => cueRange.from >= t.from && cueRange.from < t.to)) continue;
      if (cue && isNegated(items, cueRange.from)) continue;
      // "was described as", "is said to": passive cues report no speaker's words. ("is saying" is progressive, not passive.)
      if (cue && !cue.participle && /^[bh]*b[h]*$/.test(sentence.signature.slice(Math.max(0, cueRange.from - 3), cueRange.from).replace(/.*[^bh]/, ''))) continue;
      const leading = contentRange.from > cueRange.from;
      if (cue && leading && cue.complement === 'that' && !cue.noun && items[contentRange.from - 1]?.sym !== 'T' && !rule.requireQuotedContent && !rule.withoutThat) continue;
      const content = cutContent(items, contentRange, lexicon);
      if (content.to <= content.from) continue;
      const contentItems = items.slice(content.from, content.to);
      // A lone quotation (with at most symbols around it) is a direct quote, for the direct rules.
      if (contentItems.filter((item) => item.sym === 'Q').length === 1 && contentItems.every((item) => item.sym === 'Q' || !/[\p{L}\p{N}]/u.test(item.text))) continue;
      // Content is a clause: it holds more than names and punctuation.
      if (!contentItems.some((item) => /^[wbhQTnpd]$/.test(item.sym))) continue;
      const hasQuote = contentItems.some((item) => item.sym === 'Q');
      if (rule.requireQuotedContent && !hasQuote) continue;
      if (taken.some((t) => content.from < t.to && t.from < content.to)) continue;
      const start = contentItems[0]?.start ?? 0;
      const end = contentItems[contentItems.length - 1]?.end ?? 0;
      if (wordCount(ctx.text.slice(start, end)) < 2) continue;
      const mention = rule.speaker === 'subject' ? subjectOf(ctx, sentence, cueRange.from) : mentionIn(itemsOf(sentence, match.groups.m));
      if (rule.speaker === 'mention' && !mention) continue;
      ctx.quotes.push(newQuote(ctx, { kind: hasQuote ? 'mixed' : 'indirect', start, end, sentence, rule: rule.id, mention, cue, confidence: rule.confidence }));
      usedCues.add(cueRange.from);
      taken.push(content);
      for (let k = content.from; k < content.to; k++) if (items[k]?.sym === 'Q') absorbed.add(k);
    }
  }
  const standsAlone = utterances(items);
  items.forEach((item, index) => {
    if (item.sym !== 'Q' || !item.quote || absorbed.has(index)) return;
    if (!standsAlone[index]) {
      ctx.diagnostics.push({ stage: 'detect', severity: 'info', message: 'quoted words read as a fragment (scare quote or title), not speech', start: item.start, end: item.end });
      return;
    }
    if (wordCount(ctx.text.slice(item.quote.start, item.quote.end)) === 0) return;
    ctx.quotes.push(newQuote(ctx, { kind: 'direct', start: item.quote.start, end: item.quote.end, sentence, rule: null, mention: null, cue: null, confidence: 0.5 }));
  });
}
