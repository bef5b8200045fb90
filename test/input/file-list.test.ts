import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover, FileList, type InputEntry } from '../../pipeline/input/index.ts';
import { stdinEntry } from '../../pipeline/input/feed.ts';
import { collidingStems, stemHash } from '../../pipeline/run/colliding-stems.ts';

const ROOT = path.join(os.tmpdir(), 'corpus-root');
const plain = (relativePath: string): InputEntry => ({ path: path.join(ROOT, relativePath), relativePath, root: ROOT });

describe('FileList', () => {
  const paths = ['a.txt', 'desk/café.md', 'desk/東京.html', 'wire/\u{1F600}.txt', 'z.jsonl'];

  it('gives back each entry as discovery made it, from the packed paths', () => {
    const list = FileList.fromPaths(ROOT, paths);
    expect(list.length).toBe(5);
    expect([...list]).toEqual(paths.map(plain));
    expect(list.at(1)).toEqual(plain('desk/café.md'));
    expect(list.relativePath(3)).toBe('wire/\u{1F600}.txt');
    // The paths' UTF-8 bytes and 4 bytes a file, no object per file: each read makes a new entry.
    expect(list.packedBytes).toBe(paths.reduce((sum, p) => sum + Buffer.byteLength(p), 0) + 4 * paths.length);
    expect(list.at(0)).not.toBe(list.at(0));
    expect(() => list.at(5)).toThrow(RangeError);
  });

  it('keeps whole the entries it cannot pack, in their place', () => {
    const unreadable: InputEntry = { path: path.join(ROOT, 'locked'), relativePath: 'locked', root: ROOT, discoveryProblem: { status: 'unreadable', reason: 'EACCES' } };
    const lone = 'bad\uD800name.txt';
    const list = FileList.fromPaths(ROOT, ['a.txt', lone, 'locked', 'm.txt'], new Map([['locked', unreadable]]));
    expect([...list]).toEqual([plain('a.txt'), plain(lone), unreadable, plain('m.txt')]);
    expect(list.relativePath(1)).toBe(lone);

    const stdin = stdinEntry();
    const mixed = FileList.of([plain('a.txt'), stdin, plain('b.txt')]);
    expect([...mixed]).toEqual([plain('a.txt'), stdin, plain('b.txt')]);
  });

  it('is what discovery returns, sorted by code unit as before', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'file-list-'));
    try {
      for (const name of ['b.txt', 'B.txt', 'a/z.md', 'a-b.txt', 'ä.txt', 'notes.json']) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), 'text');
      }
      const found = await discover(dir);
      expect(found.entries).toBeInstanceOf(FileList);
      expect([...found.entries].map((e) => e.relativePath)).toEqual(['B.txt', 'a-b.txt', 'a/z.md', 'b.txt', 'ä.txt']);
      expect(found.entries.at(2)).toEqual({ path: path.join(dir, 'a', 'z.md'), relativePath: 'a/z.md', root: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('collidingStems', () => {
  it('finds the stems two files share and the names that read as numbers, and nothing else', () => {
    const many = Array.from({ length: 20_000 }, (_, k) => plain(`desk/story-${k}.txt`));
    const list = FileList.of([...many, plain('desk/story-17.md'), plain('wire/001.txt'), plain('wire/lede.html')]);
    const colliding = collidingStems(list);
    expect([...colliding.repeated]).toEqual(['desk/story-17']);
    expect(colliding.has('desk/story-17')).toBe(true);
    expect(colliding.has('desk/story-18')).toBe(false);
    expect(colliding.has('wire/001')).toBe(true);
    expect(colliding.has('wire/lede')).toBe(false);
    // `lede.htm.gz` is stem `lede` too.
    expect(collidingStems([plain('lede.html'), plain('lede.htm.gz')]).repeated).toEqual(new Set(['lede']));
  });

  it('hashes differently stems that differ in one character or in order', () => {
    const hashes = new Set(['story-1', 'story-2', 'story-12', 'story-21', 'Story-1', 'stor-y1', ''].map(stemHash));
    expect(hashes.size).toBe(7);
    expect(Number.isSafeInteger(stemHash('a long stem of a file in a folder'))).toBe(true);
  });
});
