import type { Quote, QuoteSpan } from '../../context.ts';
import type { Sieve } from '../../rule.ts';
import { attribute } from '../../quotes.ts';

/**
 * News convention: a quote that runs over several paragraphs leaves each paragraph open and opens the next
 * one again. All segments are one utterance with one speaker, wherever the attribution stands.
 */
export const sieve: Sieve = {
  type: 'sieve',
  id: 'continuation-paragraph',
  description: 'A paragraph that opens a quote without closing it continues into the next paragraph\'s opening quote.',
  confidence: 0.85,
  examples: {
    invalid: [
      { text: 'Mayor Ruth Olsen told the council: "We cannot wait any longer.\n"The river will not wait for us."', quote: 'The river will not wait for us.', speaker: 'Ruth Olsen', kind: 'direct' },
    ],
    valid: [],
  },
  apply(ctx) {
    // Only a quote left open at its paragraph's end links to anything.
    if (!ctx.quoteSpans.some((span) => span.unclosed)) return;
    const spanByStart = new Map<number, QuoteSpan>();
    for (const span of ctx.quoteSpans) spanByStart.set(span.start, span);
    const direct = ctx.quotes.filter((q) => q.kind === 'direct');
    const directByOpen = new Map<number, Quote>();
    for (const quote of direct) {
      const open = spanByStart.get(quote.start)?.open;
      if (open !== undefined) directByOpen.set(open, quote);
    }
    const links: Array<[Quote, Quote]> = [];
    for (const quote of direct) {
      const span = spanByStart.get(quote.start);
      if (!span?.unclosed) continue;
      const nextParagraph = ctx.paragraphs[span.paragraph + 1];
      if (!nextParagraph) continue;
      const next = directByOpen.get(nextParagraph.start);
      if (next) links.push([quote, next]);
    }
    // Forward, then backward, so an attribution anywhere in the chain reaches every segment.
    for (const [first, second] of links) {
      second.utterance = first.utterance;
      if (second.state === 'open' && first.mention) attribute(second, { mention: first.mention, cue: first.cue, rule: 'continuation-paragraph', confidence: 0.85, continuesQuote: first.start });
    }
    for (let k = links.length - 1; k >= 0; k--) {
      const [first, second] = links[k] as [Quote, Quote];
      if (first.state === 'open' && second.mention) attribute(first, { mention: second.mention, cue: second.cue, rule: 'continuation-paragraph', confidence: 0.85, continuesQuote: second.start });
    }
  },
};
