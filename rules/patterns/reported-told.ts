import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-told',
  description: '"told" with its listener and a clause without "that": Barclay told the BBC the door was open.',
  pattern: '(?<m>M)(?:,W[^,.]*,|,)?h*(?<c>C)M(?<x>[Mmdwn].+)',
  lemmas: ['tell'],
  withoutThat: true,
  speaker: 'mention',
  confidence: 0.75,
  examples: [
    { text: 'Health minister Ida Berg told the BBC the hospital would stay open.', quote: 'the hospital would stay open', speaker: 'Ida Berg', kind: 'indirect' },
  ],
});
