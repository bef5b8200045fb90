import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-colon-headline',
  description: 'A headline or summary line that opens with its source and a colon: Peskov: ties with the US are frozen',
  pattern: '^(?<m>M):(?<x>[^Q].*)$',
  speaker: 'mention',
  confidence: 0.7,
  examples: [
    { text: 'Berg: the vote was rigged\n\nThe opposition leader spoke on Sunday.', quote: 'the vote was rigged', speaker: 'Berg', kind: 'indirect' },
    { text: 'Central bank: rates will stay high until spring', quote: 'rates will stay high until spring', speaker: 'Central bank', kind: 'indirect' },
  ],
});
