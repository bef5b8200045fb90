import type { Quote } from '../../context.ts';
import { newQuote, attribute } from '../../quotes.ts';
import type { Sieve } from '../../rule.ts';
import { compilePatternElements, matchAllPattern } from '../token-pattern.ts';

/** A sentence that ends in "source cue:" ("The Harbour Gazette noted:"). */
const SOURCE_CUE_COLON = compilePatternElements([{ is: 'mention', capture: 'source' }, { is: 'adverb', op: '*' }, { is: ['cue', 'cue-participle'], capture: 'cue' }, { is: ':' }, { at: 'end' }]);

const inOrder = (quotes: readonly Quote[]): boolean => {
  for (let k = 1; k < quotes.length; k++) if ((quotes[k] as Quote).start < (quotes[k - 1] as Quote).start) return false;
  return true;
};

/** `The Independent noted:` closing a paragraph, then a paragraph with no quotation marks: a block quote. */
export const sieve: Sieve = {
  type: 'sieve',
  id: 'block-after-colon',
  description: 'A paragraph ending in "source cue:" introduces the next paragraph: a block quote, or the quotation that opens it.',
  confidence: 0.6,
  examples: {
    invalid: [
      { text: 'The Harbour Gazette noted:\nThe ferry service has been cut twice this winter.', quote: 'The ferry service has been cut twice this winter.', speaker: 'Harbour Gazette', kind: 'direct' },
      { text: 'In a statement, harbour master Ilse Brandt said:\n"The port will reopen on Monday."', quote: 'The port will reopen on Monday.', speaker: 'Ilse Brandt', kind: 'direct' },
    ],
    valid: [],
  },
  apply(ctx) {
    // Made when a sentence first matches (most articles have none that do).
    let quotedParagraphs: Set<number> | undefined;
    let firstSentence: Map<number, (typeof ctx.sentences)[number]> | undefined;
    let added = false;
    for (const sentence of ctx.sentences) {
      // The pattern ends in ":" at the sentence end: a sentence whose last item is no colon cannot match.
      if (sentence.items[sentence.items.length - 1]?.sym !== ':') continue;
      const match = matchAllPattern(SOURCE_CUE_COLON, sentence.items)[0];
      const paragraph = ctx.paragraphs[sentence.paragraph];
      if (!match || !paragraph || sentence.end < paragraph.end) continue;
      if (!quotedParagraphs || !firstSentence) {
        quotedParagraphs = new Set(ctx.quoteSpans.map((q) => q.paragraph));
        firstSentence = new Map();
        for (const s of ctx.sentences) if (!firstSentence.has(s.paragraph)) firstSentence.set(s.paragraph, s);
      }
      const next = ctx.paragraphs[paragraph.index + 1];
      if (!next || next.boilerplate) continue;
      const mentionItem = sentence.items[match.get('source')?.from ?? -1];
      const cueItem = sentence.items[match.get('cue')?.from ?? -1];
      if (quotedParagraphs.has(next.index)) {
        // The next paragraph opens with quotation marks: that quotation is what the colon introduced.
        const opening = ctx.quotes.find((q) => q.kind === 'direct' && q.paragraph === next.index && q.state === 'open' && q.start <= next.start + 1);
        if (opening && mentionItem?.mention && cueItem?.cue) attribute(opening, { mention: mentionItem.mention, cue: cueItem.cue, rule: 'block-after-colon', confidence: 0.8 });
        continue;
      }

      if (!mentionItem?.mention || !cueItem?.cue) continue;
      if (ctx.quotes.some((q) => q.rule === 'block-after-colon' && q.start === next.start)) continue;
      ctx.quotes.push(newQuote(ctx, { kind: 'direct', start: next.start, end: next.end, sentence: firstSentence.get(next.index) ?? sentence, rule: 'block-after-colon', mention: mentionItem.mention, cue: cueItem.cue, confidence: 0.6 }));
      added = true;
    }
    // A stable sort leaves quotes already in order as they are: only a new quote (or an order from elsewhere) needs it.
    if (added || !inOrder(ctx.quotes)) ctx.quotes.sort((a, b) => a.start - b.start);
  },
};
