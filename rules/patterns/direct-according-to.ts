import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'direct-according-to',
  description: 'A quote followed by "according to" and its source: "…," according to a statement by the ministry.',
  pattern: '^(?<q>Q),?(?<c>A)(?<m>M)',
  speaker: 'mention',
  confidence: 0.8,
  examples: [
    { text: '"The border will stay closed until further notice," according to Interior Minister Eva Lund.', quote: 'The border will stay closed until further notice,', speaker: 'Eva Lund', kind: 'direct' },
  ],
});
