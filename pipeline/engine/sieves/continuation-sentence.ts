import type { Sieve } from '../../rule.ts';
import { attribute } from '../../quotes.ts';

/** `"A," he said. "B."`: a quote with no source of its own, in the paragraph of an attributed quote, goes on that utterance. */
export const sieve: Sieve = {
  type: 'sieve',
  id: 'continuation-sentence',
  description: 'An unattributed quote continues the attributed quote before it in the same paragraph.',
  confidence: 0.8,
  examples: {
    invalid: [
      { text: '"We lost," coach Dana Reyes said. "Next year will be different."', quote: 'Next year will be different.', speaker: 'Dana Reyes', kind: 'direct' },
    ],
    valid: [],
  },
  apply(ctx) {
    for (let i = 1; i < ctx.quotes.length; i++) {
      const quote = ctx.quotes[i];
      const previous = ctx.quotes[i - 1];
      if (!quote || !previous || quote.kind !== 'direct' || quote.state !== 'open') continue;
      if (previous.paragraph !== quote.paragraph || !previous.mention) continue;
      attribute(quote, { mention: previous.mention, cue: previous.cue, rule: 'continuation-sentence', confidence: 0.8, utterance: previous.utterance, continuesQuote: previous.start });
    }
  },
};
