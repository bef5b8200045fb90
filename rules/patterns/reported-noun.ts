import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-noun',
  description: 'A possessive source and a speech noun: the ministry\'s claim that ….',
  pattern: '(?<m>m)(?<c>N)T(?<x>.+)',
  speaker: 'mention',
  confidence: 0.75,
  examples: [
    { text: 'Critics rejected the ministry\'s claim that the water was "perfectly safe."', quote: 'the water was "perfectly safe."', speaker: 'ministry', kind: 'mixed' },
  ],
});
