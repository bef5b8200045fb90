import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-speech-act',
  description: 'A speech act with quoted words: X hit back, accusing her of acting like "a saint".',
  pattern: '(?:(?<m>M)h*)?(?<c>[CG])[Mwd]{1,3}p(?<x>.+)',
  complements: ['quote'],
  requireQuotedContent: true,
  speaker: 'subject',
  confidence: 0.7,
  examples: [
    { text: 'Ambassador Lea Hoff hit back, accusing him of "cheap theatrics" in the chamber.', quote: '"cheap theatrics" in the chamber', speaker: 'Lea Hoff', kind: 'mixed' },
  ],
});
