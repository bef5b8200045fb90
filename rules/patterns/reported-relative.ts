import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-relative',
  description: 'A relative clause on the source: …, by minister X, who said that ….',
  pattern: '(?<m>M),Wh*(?<c>C)T?(?<x>.+)',
  complements: ['clause', 'that'],
  speaker: 'mention',
  confidence: 0.8,
  examples: [
    { text: 'The plan was drafted by economist Rosa Lind, who said prices would "fall sharply."', quote: 'prices would "fall sharply."', speaker: 'Rosa Lind', kind: 'mixed' },
  ],
});
