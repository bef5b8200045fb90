/**
 * Which files keep their extension in the article id. `a.txt` and `a.md` in one folder would both be article `a`;
 * such files keep their extension (`a.txt`, `a.md`) so that every article id names one article. So does a file
 * whose name alone reads as a number (`001.txt`): a table (pandas) would turn the id "001" into the number 1
 * (schema/ids.ts).
 *
 * Finding the stems that repeat must not hold a set of every stem (200,000 files: some 20 MB): each stem's hash
 * goes into a typed array, which is sorted; only stems whose hash repeats are compared as strings, in a second pass.
 */
import path from 'node:path';
import { stripExtension } from '../input/index.ts';
import { looksNumeric } from '../schema/ids.ts';

/** Two 32-bit FNV-1a hashes (different offsets) of the UTF-16 code units, as one 53-bit whole number. */
export function stemHash(stem: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let k = 0; k < stem.length; k++) {
    const unit = stem.charCodeAt(k);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

export interface CollidingStems {
  /** Whether the file with this stem (its relative path without extension) keeps its extension in its id. */
  has(stem: string): boolean;
  /** Stems shared by two files or more (in a usual folder none), kept to the end of the run. */
  readonly repeated: ReadonlySet<string>;
}

/** The stems of `entries` that two files share, or that read as a number. `entries` is read twice. */
export function collidingStems(entries: Iterable<{ relativePath: string }> & { length: number }): CollidingStems {
  const hashes = new Float64Array(entries.length);
  let n = 0;
  for (const entry of entries) hashes[n++] = stemHash(stripExtension(entry.relativePath));
  const sorted = hashes.subarray(0, n).sort();
  const twice = new Set<number>();
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) twice.add(sorted[k] as number);
  const repeated = new Set<string>();
  if (twice.size > 0) {
    // Equal hashes may still be different stems: those are compared as strings.
    const seen = new Set<string>();
    for (const entry of entries) {
      const stem = stripExtension(entry.relativePath);
      if (!twice.has(stemHash(stem))) continue;
      if (seen.has(stem)) repeated.add(stem);
      seen.add(stem);
    }
  }
  return { repeated, has: (stem) => repeated.has(stem) || looksNumeric(path.basename(stem)) };
}
