import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-speech-act-object',
  description: 'A speech act whose object is characterised in quoted words: X called the strike "irresponsible."',
  pattern: '(?:(?<m>M)h*)?(?<c>[CG])(?<x>[Mwd]{1,4}p?Q.*)',
  complements: ['quote'],
  requireQuotedContent: true,
  speaker: 'subject',
  confidence: 0.65,
  examples: [
    { text: 'The mayor, Lena Fischer, called the plan "a disgrace to the city."', quote: 'the plan "a disgrace to the city."', speaker: 'Lena Fischer', kind: 'mixed' },
  ],
});
