/** Quotes move forward through typed states: open → attributed → resolved, each step made once, by name. */
import { describe, expect, it } from 'vitest';
import type { Mention, Quote } from '../../pipeline/context.ts';
import { attribute, resolveSpeaker } from '../../pipeline/quotes.ts';
import { processText } from '../../pipeline/pipeline.ts';
import { pipeline } from '../helpers.ts';

const mention: Mention = { start: 0, end: 9, text: 'Ida Varga', type: 'person', name: 'Ida Varga', possessive: false };

function openQuote(): Quote {
  return { kind: 'direct', state: 'open', start: 20, end: 40, paragraph: 0, sentence: 1, rule: null, mention: null, cue: null, utterance: 0, speaker: null, speakerType: null, speakerRole: null, resolution: 'none', confidence: 0.5 };
}

describe('quote states', () => {
  it('an open quote takes one attribution, which records the rule or sieve that made it', () => {
    const quote = openQuote();
    attribute(quote, { mention, cue: null, rule: 'continuation-sentence', confidence: 0.8, continuesQuote: 3 });
    expect(quote).toMatchObject({ state: 'attributed', mention, rule: 'continuation-sentence', confidence: 0.8, continuesQuote: 3 });
    expect(() => attribute(quote, { mention, cue: null, rule: 'direct-after-subject', confidence: 0.5 })).toThrow(/attributed already \(by continuation-sentence\)/);
  });

  it('a quote is resolved once', () => {
    const quote = openQuote();
    attribute(quote, { mention, cue: null, rule: 'direct-trailing', confidence: 0.9 });
    resolveSpeaker(quote, { name: 'Ida Varga', type: 'person', role: null, resolution: 'name' }, 0.9);
    expect(quote).toMatchObject({ state: 'resolved', speaker: 'Ida Varga', resolution: 'name' });
    expect(() => resolveSpeaker(quote, { name: 'Someone Else', type: 'person', role: null, resolution: 'name' })).toThrow(/resolved already/);
  });

  it('after the pipeline, a quote with a speaker is resolved and one without a source is still open', () => {
    const ctx = processText(pipeline, '"We will rebuild the pier," harbour master Ida Varga said.\n\n"Nobody saw it coming."');
    expect(ctx.quotes.map((q) => [q.state, q.speaker])).toEqual([['resolved', 'Ida Varga'], ['open', null]]);
  });
});
