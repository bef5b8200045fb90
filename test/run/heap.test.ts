/** The collector's flags a run sets (run/heap.ts): each unless the user gave node one of the same name. */
import { describe, expect, it } from 'vitest';
import { flagsToSet, HEAP_FLAGS, HEAP_GROWING_PERCENT } from '../../pipeline/run/heap.ts';

describe('the collector flags a run sets', () => {
  it('sets the growth factor and turns pretenuring off when the user gave neither', () => {
    expect(flagsToSet([])).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`, '--no-allocation-site-pretenuring']);
    expect(flagsToSet(['--max-old-space-size=4096', '--enable-source-maps'])).toHaveLength(HEAP_FLAGS.length);
  });

  it('leaves a flag the user gave alone, in any of its spellings', () => {
    expect(flagsToSet(['--heap-growing-percent=80'])).toEqual(['--no-allocation-site-pretenuring']);
    expect(flagsToSet(['--heap_growing_percent=80'])).toEqual(['--no-allocation-site-pretenuring']);
    for (const given of ['--allocation-site-pretenuring', '--no-allocation-site-pretenuring', '--noallocation-site-pretenuring', '--no_allocation_site_pretenuring', '--allocation_site_pretenuring']) {
      expect(flagsToSet([given]), given).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    }
    expect(flagsToSet(['--heap-growing-percent=80', '--allocation-site-pretenuring'])).toEqual([]);
  });

  it('does not take a flag that merely starts alike for the user\'s own', () => {
    expect(flagsToSet(['--allocation-site-pretenuring-threshold=2'])).toContain('--no-allocation-site-pretenuring');
  });
});
