/**
 * The default folder of `nabolag compare` (src/output/safety.ts, compareFolderName): the scenarios'
 * names, and where they are too long, cut with a hash of the whole, so that two comparisons whose
 * names begin alike do not share a folder (cut alone, the second replaced the first's results).
 */
import { describe, expect, it } from 'vitest';
import { COMPARE_NAME_MAX, compareFolderName } from '../../src/output/safety.js';

describe('the default folder of a comparison', () => {
  it('is the names joined by -vs- while they are short', () => {
    expect(compareFolderName(['default', 'extension'])).toBe('compare-default-vs-extension');
  });

  it('is cut with a hash of the whole where the names are long, different for comparisons that begin alike', () => {
    const common = ['big-1400', 'hovedstad-allocation-cap-2027', 'hovedstad-internal-list-2028', 'hovedstad-gardens-and-larger-flats'];
    const a = compareFolderName([...common, 'hovedstad-image-work-2027-2031']);
    const b = compareFolderName([...common, 'hovedstad-extension-2027']);
    expect(a.length).toBe(COMPARE_NAME_MAX);
    expect(b.length).toBe(COMPARE_NAME_MAX);
    expect(a.slice(0, COMPARE_NAME_MAX - 9)).toBe(b.slice(0, COMPARE_NAME_MAX - 9));
    expect(a).not.toBe(b);
    expect(a).toMatch(/-[0-9a-f]{8}$/);
    // the same comparison gets the same folder each time
    expect(compareFolderName([...common, 'hovedstad-image-work-2027-2031'])).toBe(a);
  });
});
