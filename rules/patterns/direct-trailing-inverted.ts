import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'direct-trailing-inverted',
  description: 'A quote followed by an inverted cue and source: "…," said the Guardian.',
  pattern: '^(?<q>Q),?h*(?<c>C)(?<m>M)',
  speaker: 'mention',
  confidence: 0.9,
  examples: [
    { text: '"The vote was rigged," said opposition leader Tomas Berg.', quote: 'The vote was rigged,', speaker: 'Tomas Berg', kind: 'direct' },
    { text: '“Talks collapsed overnight,” reported the Daily Herald.', quote: 'Talks collapsed overnight,', speaker: 'Daily Herald', kind: 'direct' },
  ],
});
