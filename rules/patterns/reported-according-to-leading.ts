import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-according-to-leading',
  description: '"According to" before the content: According to X, ….',
  pattern: '^(?<c>A)(?<m>M),(?<x>.+)$',
  speaker: 'mention',
  confidence: 0.8,
  examples: [
    { text: 'According to the World Bank, growth will slow to two percent.', quote: 'growth will slow to two percent', speaker: 'World Bank', kind: 'indirect' },
  ],
});
