import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'direct-participle',
  description: 'A quote after a cue participle; the speaker is the subject of the clause: X criticised Y, saying "…" / he said, adding: "…"',
  pattern: '(?<c>G)(?:[pdwnhM]{0,10}[,:]|[,:])?(?<q>Q)',
  speaker: 'subject',
  confidence: 0.85,
  examples: [
    { text: 'Senator Paul Okafor rejected the bill, saying in a statement: "This is theft."', quote: 'This is theft.', speaker: 'Paul Okafor', kind: 'direct' },
    { text: 'Okafor attacked the minister, saying "you have failed us."', quote: 'you have failed us.', speaker: 'Okafor', kind: 'direct' },
  ],
});
