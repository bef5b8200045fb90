import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-trailing-inverted',
  description: 'Reported content first, then an inverted cue and source: …, says the State Department.',
  pattern: '^(?<x>[^CA]+?),h*(?<c>C)(?<m>M)(?:,.*)?\\.?$',
  complements: ['clause', 'that'],
  speaker: 'mention',
  confidence: 0.85,
  examples: [
    { text: 'The bridge will reopen in May, says the city council, denying reports of delays.', quote: 'The bridge will reopen in May', speaker: 'city council', kind: 'indirect' },
  ],
});
