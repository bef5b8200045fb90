import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-coordinated',
  description: 'A second cue joined to the first: X insists that … and has denied that ….',
  pattern: '&h*(?<c>C)T(?<x>.+)',
  complements: ['clause', 'that'],
  speaker: 'subject',
  confidence: 0.8,
  examples: [
    { text: 'The company insists that it followed the law and has denied that staff were warned.', quote: 'staff were warned', speaker: 'company', kind: 'indirect' },
  ],
});
