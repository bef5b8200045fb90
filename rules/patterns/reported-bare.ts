import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-bare',
  description: 'Source and a say-verb followed directly by a clause: Moscow said communications were frozen.',
  pattern: '(?<m>M)(?:,W[^,.]*,|,)?h*(?<c>C)(?<x>[Mmdwn].+)',
  complements: ['clause'],
  speaker: 'mention',
  confidence: 0.75,
  examples: [
    { text: 'The union says wages have not kept up with prices.', quote: 'wages have not kept up with prices', speaker: 'union', kind: 'indirect' },
    { text: 'Brussels said the fine would stand, because the appeal came too late.', quote: 'the fine would stand', speaker: 'Brussels', kind: 'indirect' },
  ],
});
