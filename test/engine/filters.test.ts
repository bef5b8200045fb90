/** Filters: each dropped candidate is recorded with its rule, the filter that dropped it and why. */
import { describe, expect, it } from 'vitest';
import { processText } from '../../pipeline/pipeline.ts';
import { pipeline } from '../helpers.ts';

const drops = (text: string): Array<[string | undefined, string | undefined]> =>
  processText(pipeline, text).diagnostics.filter((d) => d.filter).map((d) => [d.rule, d.filter]);

describe('filters', () => {
  it('drop a negated cue', () => {
    expect(drops('Councillor Ayla Brandt did not say that the pool would close.')).toContainEqual(['reported-that', 'cue-negated']);
  });
  it('leave a lone quotation to the direct rules', () => {
    expect(drops('"The levy is dead," Mayor Tomas Wirth said.')).toContainEqual(['reported-trailing', 'lone-quotation']);
  });
  it('need a clause after a cue without "that"', () => {
    expect(drops('Wirth added 300 jobs to the payroll last year.')).toContainEqual(['reported-bare', 'bare-clause']);
    expect(drops('Wirth praised the staff, adding the rest of the payroll next year.')).toContainEqual(['reported-participle', 'bare-clause']);
  });
  it('record nothing for a quote they keep', () => {
    expect(drops('Wirth said that the levy was dead.')).toEqual([]);
  });
});
