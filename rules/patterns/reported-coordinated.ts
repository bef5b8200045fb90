import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-coordinated',
  description: 'A second cue joined to the first: X insists that … and has denied that ….',
  pattern: '&h*(?<c>C)(?:T|(?=[Mmdwn]))(?<x>.+)',
  complements: ['clause', 'that'],
  speaker: 'subject',
  confidence: 0.8,
  examples: [
    { text: 'The company insists that it followed the law and has denied that staff were warned.', quote: 'staff were warned', speaker: 'company', kind: 'indirect' },
    { text: 'Coach Lisa Grant praised her players and said the win would give them belief.', quote: 'the win would give them belief', speaker: 'Lisa Grant', kind: 'indirect' },
  ],
});
