/**
 * The detect stage keeps buffers from sentence to sentence and article to article (item class bits, the VM's slot
 * rows and found matches): one pipeline that has read long sentences answers a short one, and the same article
 * twice, as a pipeline made afresh for each article does.
 */
import { describe, expect, it } from 'vitest';
import { createPipeline, processText } from '../../pipeline/pipeline.ts';

// More than 64 items in one sentence (the first size of detect's buffer of item class bits), its quotation past the
// 64th: reported content holding quoted words (a mixed quote), then a direct quote.
const LONG = 'Harbour master Ilse Brandt said on Tuesday that the ferries from the northern islands, the cargo ships from the eastern ports, '
  + 'the fishing boats of the three villages along the coast, the old steamer of the maritime museum, the two tugs of the navy and the small '
  + 'yachts of the summer visitors would all have to wait outside '
  + 'the harbour until the divers had checked every metre of the damaged pier, "and not one hour less," because the insurers of the port '
  + 'authority had asked for a full report before the weekend. "We will not take any risk with the pier," Brandt told reporters.';
const SHORT = '"The pier is safe," engineer Tomas Keller said. Keller said the divers found no cracks.';
const NESTED = 'The Courier reported its source said two guards fled the prison. "Nobody saw them leave," warden Ana Ruiz said.';

const detected = (text: string, pipeline = createPipeline()) => {
  const ctx = processText(pipeline, text);
  return {
    quotes: ctx.quotes.map((q) => ({ kind: q.kind, start: q.start, end: q.end, rule: q.rule, mention: q.mention?.text ?? null, cue: q.cue?.text ?? null, utterance: q.utterance })),
    diagnostics: ctx.diagnostics.filter((d) => d.stage === 'detect'),
  };
};

describe('detect with buffers kept between sentences and articles', () => {
  it('finds in each article what a fresh pipeline finds, long sentences before short ones and back, each article twice', () => {
    const fresh = new Map([LONG, SHORT, NESTED].map((text) => [text, detected(text)]));
    // The premises: a sentence past the buffer's first size; quotes of each kind; a nested report matched again.
    const long = processText(createPipeline(), LONG).sentences[0]?.items ?? [];
    expect(long.findIndex((item) => item.sym === 'Q')).toBeGreaterThan(64);
    expect((fresh.get(LONG)?.quotes ?? []).map((q) => q.kind)).toEqual(['mixed', 'direct']);
    // The mixed quote runs from after "that" to its quotation's closing mark.
    expect(fresh.get(LONG)?.quotes[0]?.end).toBe(LONG.indexOf('less,"') + 'less,"'.length);
    expect(fresh.get(NESTED)?.diagnostics.map((d) => d.filter)).toContain('nested-attribution');
    expect((fresh.get(SHORT)?.quotes ?? []).map((q) => q.kind)).toEqual(['direct', 'indirect']);
    const reused = createPipeline();
    for (const text of [LONG, SHORT, SHORT, NESTED, LONG, LONG, NESTED, SHORT]) expect(detected(text, reused)).toEqual(fresh.get(text));
  });
});
