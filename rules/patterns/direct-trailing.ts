import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'direct-trailing',
  description: 'A quote that opens the sentence, then its source and a cue: "…," Kremlin spokesman Dmitry Peskov said.',
  pattern: '^(?<q>Q),?(?<m>M)(?:[pdw]{1,4},|,)?h*(?<c>C)',
  speaker: 'mention',
  confidence: 0.95,
  examples: [
    { text: '"We will not back down," Defence Minister Ana Costa said on Monday.', quote: 'We will not back down,', speaker: 'Ana Costa', kind: 'direct' },
    { text: '“Prices will rise,” the central bank chief Omar Haddad warned.', quote: 'Prices will rise,', speaker: 'Omar Haddad', kind: 'direct' },
    { text: '"Are you serious?" Maria Lindqvist, the Swedish envoy to the talks, said.', quote: 'Are you serious?', speaker: 'Maria Lindqvist', kind: 'direct' },
  ],
});
