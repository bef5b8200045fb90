import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-trailing',
  description: 'Reported content first, then source and cue: …, the official said. / …, Kirby added.',
  pattern: '^(?<x>[^CA]+?)(?:,|(?<=Q))(?<m>M)h*(?<c>C)[pdwnhMm]{0,8}(?:,G.*|,[^Q]*)?\\.?$',
  complements: ['clause', 'that'],
  speaker: 'mention',
  confidence: 0.85,
  examples: [
    { text: 'Exports fell by a third last year, the trade ministry said in a statement.', quote: 'Exports fell by a third last year', speaker: 'trade ministry', kind: 'indirect' },
    { text: 'The ceasefire is "holding for now," Colonel Ines Duarte told reporters on Friday.', quote: 'The ceasefire is "holding for now,"', speaker: 'Ines Duarte', kind: 'mixed' },
    { text: 'A wildfire forced thousands to flee on Tuesday, officials said, as strong winds pushed the flames east.', quote: 'A wildfire forced thousands to flee on Tuesday', speaker: 'officials', kind: 'indirect' },
  ],
});
