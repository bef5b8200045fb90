import type { Sieve } from '../../rule.ts';
import { attribute } from '../../quotes.ts';

/**
 * `Alvarez shrugged. "Why not? We are still top."`: a quotation with no source of its own, right after a sentence
 * of the same paragraph whose subject is a person, is that person's. Low confidence: it is an inference.
 */
export const sieve: Sieve = {
  type: 'sieve',
  id: 'direct-after-subject',
  description: 'An unattributed quote goes to the person who is the subject of the sentence just before it.',
  confidence: 0.5,
  examples: {
    invalid: [
      { text: 'Asked about the title race, Marco Bianchi smiled. "Why not? We are still top."', quote: 'Why not? We are still top.', speaker: 'Marco Bianchi', kind: 'direct' },
    ],
    valid: [],
  },
  apply(ctx) {
    for (const quote of ctx.quotes) {
      if (quote.kind !== 'direct' || quote.state !== 'open') continue;
      const sentence = ctx.sentences[quote.sentence];
      const previous = ctx.sentences[quote.sentence - 1];
      if (!sentence || !previous || previous.paragraph !== sentence.paragraph || previous.items.some((item) => item.sym === 'Q')) continue;
      // The quote must open its sentence, and the sentence before must be about someone.
      if (sentence.items[0]?.sym !== 'Q') continue;
      const subject = previous.items.find((item) => item.sym === 'M' && item.mention && item.mention.type !== 'organization')?.mention;
      if (!subject || subject.type === 'pronoun' && !['he', 'she'].includes(subject.text.toLowerCase())) continue;
      attribute(quote, { mention: subject, cue: null, rule: 'direct-after-subject', confidence: 0.5 });
    }
  },
};
