import { definePatternRule } from '../../pipeline/rule.ts';

export default definePatternRule({
  id: 'reported-participle',
  description: 'Content after a cue participle; the speaker is the clause subject: …, with X saying it "…" / he said, adding that ….',
  pattern: '(?<c>G)(?:[pdwnhM]{0,8}?T|(?=[Mmdwn]))(?<x>.+)',
  complements: ['clause', 'that'],
  speaker: 'subject',
  confidence: 0.8,
  examples: [
    { text: 'Markets fell, with analyst Chen Wei saying the slump "could last months."', quote: 'the slump "could last months."', speaker: 'Chen Wei', kind: 'mixed' },
    { text: 'The governor vetoed the bill, adding that it was unaffordable.', quote: 'it was unaffordable', speaker: 'governor', kind: 'indirect' },
  ],
});
