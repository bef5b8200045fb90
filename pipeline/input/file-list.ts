/**
 * The files a run reads, in order, kept compactly. A run needs its whole list up front (to sort it, to count it,
 * to find article ids that collide), and held as entry objects (an object, an absolute path and a relative one)
 * that list took some 180 bytes a file: 36 MB for 200,000 files, to the end of the run. Here the relative paths
 * are packed as UTF-8 into one buffer with one end offset each (a file costs its relative path's bytes and 4
 * more), and an entry is made again when it is read. Entries that are not plain files under one root (standard
 * input, a folder that could not be listed, a path that is not well-formed Unicode) are kept as they are.
 */
import path from 'node:path';
import type { InputEntry } from './types.ts';

/** A lone surrogate (in `u` mode a pair is one code point): such a path would not come back the same from UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

export class FileList implements Iterable<InputEntry> {
  private constructor(
    private readonly root: string,
    private readonly bytes: Buffer,
    /** ends[i] is where entry i's relative path ends in `bytes` (it starts where entry i - 1's ends). */
    private readonly ends: Uint32Array,
    /** Entries kept whole, by index. */
    private readonly whole: ReadonlyMap<number, InputEntry>,
  ) {}

  /** The entries in the order given: those under `root` (`path` is `root` joined with `relativePath`, nothing else set) are packed. */
  static of(entries: readonly InputEntry[], root: string = entries[0]?.root ?? ''): FileList {
    const whole = new Map<number, InputEntry>();
    const packed = (entry: InputEntry): boolean =>
      root !== '' && entry.root === root && entry.discoveryProblem === undefined && entry.stdin === undefined
      && wellFormed(entry.relativePath) && path.join(root, entry.relativePath) === entry.path;
    let size = 0;
    for (const [k, entry] of entries.entries()) {
      if (packed(entry)) size += Buffer.byteLength(entry.relativePath);
      else whole.set(k, entry);
    }
    const bytes = Buffer.alloc(size);
    const ends = new Uint32Array(entries.length);
    let at = 0;
    for (const [k, entry] of entries.entries()) {
      if (!whole.has(k)) at += bytes.write(entry.relativePath, at, 'utf8');
      ends[k] = at;
    }
    return new FileList(root, bytes, ends, whole);
  }

  /** Relative paths under `root` (plain files and folders; sorted as the run reads them), with some entries kept whole by relative path. */
  static fromPaths(root: string, relativePaths: readonly string[], whole: ReadonlyMap<string, InputEntry> = new Map()): FileList {
    const byIndex = new Map<number, InputEntry>();
    let size = 0;
    for (const [k, relativePath] of relativePaths.entries()) {
      const entry = whole.get(relativePath);
      if (entry) byIndex.set(k, entry);
      else if (!wellFormed(relativePath)) byIndex.set(k, { path: path.join(root, relativePath), relativePath, root });
      else size += Buffer.byteLength(relativePath);
    }
    const bytes = Buffer.alloc(size);
    const ends = new Uint32Array(relativePaths.length);
    let at = 0;
    for (const [k, relativePath] of relativePaths.entries()) {
      if (!byIndex.has(k)) at += bytes.write(relativePath, at, 'utf8');
      ends[k] = at;
    }
    return new FileList(root, bytes, ends, byIndex);
  }

  get length(): number {
    return this.ends.length;
  }

  /** The relative path of entry `index` (without making the entry). */
  relativePath(index: number): string {
    const kept = this.whole.get(index);
    if (kept) return kept.relativePath;
    return this.bytes.toString('utf8', index === 0 ? 0 : (this.ends[index - 1] as number), this.ends[index]);
  }

  at(index: number): InputEntry {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) throw new RangeError(`no entry ${index} in a list of ${this.length}`);
    const kept = this.whole.get(index);
    if (kept) return kept;
    const relativePath = this.relativePath(index);
    return { path: path.join(this.root, relativePath), relativePath, root: this.root };
  }

  *[Symbol.iterator](): Iterator<InputEntry> {
    for (let k = 0; k < this.length; k++) yield this.at(k);
  }

  /** Bytes held for the packed paths (for the memory tests). */
  get packedBytes(): number {
    return this.bytes.length + this.ends.byteLength;
  }
}
