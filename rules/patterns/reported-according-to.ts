import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-according-to',
  description: 'Content attributed with "according to": …, according to a spokesman for the ministry.',
  pattern: '^(?<x>[^A]+?),(?<c>A)(?<m>M)(?:,.*)?\\.?$',
  speaker: 'mention',
  confidence: 0.8,
  examples: [
    { text: 'Three ships were turned back, according to port authority chief Karin Vogt.', quote: 'Three ships were turned back', speaker: 'Karin Vogt', kind: 'indirect' },
  ],
});
