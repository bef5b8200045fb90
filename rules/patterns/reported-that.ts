import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-that',
  description: 'Source, cue and a that-clause: Ryabkov said on Wednesday that … / Kiev insists that …',
  pattern: '(?<m>M)(?:,W[^,.]*,|,)?h*(?<c>C)[pdwnhM]{0,8}?T(?<x>.+)',
  complements: ['clause', 'that'],
  speaker: 'mention',
  confidence: 0.85,
  examples: [
    { text: 'Deputy mayor Jonas Weber said on Tuesday that the budget would be cut.', quote: 'the budget would be cut', speaker: 'Jonas Weber', kind: 'indirect' },
    { text: 'Ankara insists that the border stays closed.', quote: 'the border stays closed', speaker: 'Ankara', kind: 'indirect' },
  ],
});
