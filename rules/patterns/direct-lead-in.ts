import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'direct-lead-in',
  description: 'Source and cue before the quote, often with a colon: Lavrov said: "…" / Peskov told CNN: "…"',
  pattern: '(?<m>M)(?:,W[^,.]*,|,)?h*(?<c>C)(?:[Mpdwnh]{0,10}[,:]|[,:])?(?<q>Q)',
  speaker: 'mention',
  confidence: 0.9,
  examples: [
    { text: 'In an interview, Finance Minister Lena Ortiz said: "We have no plan B."', quote: 'We have no plan B.', speaker: 'Lena Ortiz', kind: 'direct' },
    { text: 'Haddad told reporters: "The deal is done."', quote: 'The deal is done.', speaker: 'Haddad', kind: 'direct' },
    { text: 'The mayor reportedly added, “We will rebuild.”', quote: 'We will rebuild.', speaker: 'mayor', kind: 'direct' },
  ],
});
