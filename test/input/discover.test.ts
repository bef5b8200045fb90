import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, INPUT_EXTENSIONS, discoverInputs } from '../../pipeline/input/index.ts';
import { loadAll, makeRoot, tempDir, writeTree } from './helpers.ts';

describe('discoverInputs', () => {
  it('exports the extensions and the default size limit', () => {
    expect([...INPUT_EXTENSIONS]).toEqual(['txt', 'md', 'html', 'htm', 'jsonl', 'ndjson']);
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
  });

  it('finds every input extension case-insensitively, recursively, sorted, and nothing else', async () => {
    const root = makeRoot({
      'b.txt': 'b',
      'a.TXT': 'a',
      'notes.Md': 'm',
      'page.HTML': '<p>x</p>',
      'old/page.htm': '<p>x</p>',
      'deep/er/feed.JSONL': '{"id":1,"text":"x"}',
      'data.json': '{}',
      'doc.pdf': '%PDF-1.4',
      'feed.jsonl.bak': 'x',
      'README': 'x',
      '.hidden/secret.txt': 'x',
      '.dot.txt': 'x',
    });
    const entries = await discoverInputs(root);
    expect(entries.map((e) => e.relativePath)).toEqual([
      'a.TXT',
      'b.txt',
      'deep/er/feed.JSONL',
      'notes.Md',
      'old/page.htm',
      'page.HTML',
    ]);
    for (const e of entries) {
      expect(e.path).toBe(path.join(root, e.relativePath));
      expect(e.root).toBe(root);
    }
    // Deterministic: a second run gives the same list.
    expect(await discoverInputs(root)).toEqual(entries);
  });

  it('returns symlinks, directories and FIFOs with input names, but never descends into symlinked directories', async () => {
    const outside = tempDir();
    writeTree(outside, { 'elsewhere.txt': 'outside text', 'sub/inner.txt': 'x' });
    const root = makeRoot({
      'real/inside.txt': 'inside',
      'x.txt': { dir: true },
      'pipe.txt': { fifo: true },
      'link-in.txt': { symlink: 'real/inside.txt' },
      'link-out.txt': { symlink: path.join(outside, 'elsewhere.txt') },
      'broken.txt': { symlink: 'nowhere.txt' },
      'linked-dir': { symlink: outside },
      'linked-real': { symlink: 'real' },
    });
    const found = (await discoverInputs(root)).map((e) => e.relativePath);
    expect(found).toEqual(['broken.txt', 'link-in.txt', 'link-out.txt', 'pipe.txt', 'real/inside.txt', 'x.txt']);
    expect(found.some((p) => p.startsWith('linked-'))).toBe(false);
  });

  it('treats a root that is a single file as the only entry', async () => {
    const root = makeRoot({ 'one.txt': 'just me' });
    const entries = await discoverInputs(path.join(root, 'one.txt'));
    expect(entries).toEqual([{ path: path.join(root, 'one.txt'), relativePath: 'one.txt', root }]);
    const loaded = await loadAll(path.join(root, 'one.txt'));
    expect(loaded.get('one.txt')?.articles[0]?.text).toBe('just me');
  });

  it('throws for a root that does not exist (a usage error, not a file problem)', async () => {
    const root = tempDir();
    await expect(discoverInputs(path.join(root, 'missing'))).rejects.toThrow();
  });

  it('every discovered entry loads to at least one article or problem', async () => {
    const root = makeRoot({
      'ok.txt': 'Some text.',
      'empty.md': '',
      'dir.html': { dir: true },
      'bad.jsonl': 'nope\n',
      'broken.htm': { symlink: 'gone.htm' },
    });
    writeFileSync(path.join(root, 'bin.txt'), Buffer.from([0, 1, 2, 3]));
    const loaded = await loadAll(root);
    expect([...loaded.keys()]).toEqual(['bad.jsonl', 'bin.txt', 'broken.htm', 'dir.html', 'empty.md', 'ok.txt']);
    for (const file of loaded.values()) expect(file.articles.length + file.problems.length).toBeGreaterThan(0);
  });
});
