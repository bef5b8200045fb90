import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, discoverInputs, loadInput } from '../../pipeline/input/index.ts';
import type { LoadedFile } from '../../pipeline/input/index.ts';
import { entryFor, isRoot, loadAll, loadBytes, loadOne, makeRoot, statuses, tempDir, within, writeTree } from './helpers.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INPUT_MODULE = pathToFileURL(path.join(PROJECT, 'pipeline/input/index.ts')).href;

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

function expectOnlyProblem(loaded: LoadedFile, status: string): void {
  expect(loaded.articles).toEqual([]);
  expect(statuses(loaded)).toEqual([status]);
  expect(loaded.problems[0]?.reason.length).toBeGreaterThan(0);
}

describe('file problems', () => {
  it('empty: a file with no bytes, under every extension', async () => {
    for (const name of ['e.txt', 'e.md', 'e.html', 'e.htm', 'e.jsonl']) {
      const loaded = await loadBytes(name, '');
      expectOnlyProblem(loaded, 'empty');
      expect(loaded.problems[0]).toMatchObject({ articleId: 'e', sourcePath: name });
    }
  });

  it('empty: whitespace only, also after decoding UTF-16 or stripping a BOM', async () => {
    expectOnlyProblem(await loadBytes('ws.txt', ' \r\n\t\n  \u00a0\u2003\n'), 'empty');
    expectOnlyProblem(await loadBytes('bom.md', Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0a])), 'empty');
    expectOnlyProblem(await loadBytes('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('  \r\n', 'utf16le')])), 'empty');
    expectOnlyProblem(await loadBytes('bomonly.txt', Buffer.from([0xfe, 0xff])), 'empty');
  });

  it('binary: PNG bytes renamed .txt, a PDF header, NUL bytes, control characters', async () => {
    expectOnlyProblem(await loadBytes('image.txt', PNG), 'binary');
    expectOnlyProblem(await loadBytes('doc.txt', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'binary');
    expectOnlyProblem(await loadBytes('page.html', PNG), 'binary');
    expectOnlyProblem(await loadBytes('feed.jsonl', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])), 'binary');
    expectOnlyProblem(await loadBytes('nul.md', Buffer.from('text\u0000with NUL bytes\u0000', 'latin1')), 'binary');
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41 + (i % 26))));
    expectOnlyProblem(await loadBytes('ctrl.txt', controls), 'binary');
  });

  it('too-large: not read, by size; also at the default limit with a sparse file', async () => {
    const loaded = await loadBytes('big.txt', 'x'.repeat(101), 100);
    expectOnlyProblem(loaded, 'too-large');
    expect(loaded.problems[0]?.reason).toContain('101');
    expect((await loadBytes('fits.txt', 'x'.repeat(100), 100)).articles).toHaveLength(1);

    const root = makeRoot({});
    writeFileSync(path.join(root, 'huge.txt'), '');
    truncateSync(path.join(root, 'huge.txt'), DEFAULT_MAX_BYTES + 1);
    expectOnlyProblem(await loadOne(root, 'huge.txt'), 'too-large');
  });

  it('not-a-file: a directory named x.txt, a FIFO (without blocking), a symlink to a directory', async () => {
    const root = makeRoot({
      'x.txt': { dir: true },
      'pipe.txt': { fifo: true },
      'sub/a.txt': 'a',
      'subdir-link.md': { symlink: 'sub' },
      'pipe-link.html': { symlink: 'pipe.txt' },
    });
    expectOnlyProblem(await loadOne(root, 'x.txt'), 'not-a-file');
    expectOnlyProblem(await within(loadOne(root, 'pipe.txt'), 5000), 'not-a-file');
    expectOnlyProblem(await within(loadOne(root, 'pipe-link.html'), 5000), 'not-a-file');
    expectOnlyProblem(await loadOne(root, 'subdir-link.md'), 'not-a-file');
  });

  it('broken-symlink and symlink-loop', async () => {
    const root = makeRoot({
      'broken.txt': { symlink: 'does-not-exist.txt' },
      'self.txt': { symlink: 'self.txt' },
      'ping.txt': { symlink: 'pong.txt' },
      'pong.txt': { symlink: 'ping.txt' },
    });
    const loaded = await loadAll(root);
    expectOnlyProblem(loaded.get('broken.txt')!, 'broken-symlink');
    expectOnlyProblem(loaded.get('self.txt')!, 'symlink-loop');
    expectOnlyProblem(loaded.get('ping.txt')!, 'symlink-loop');
    expectOnlyProblem(loaded.get('pong.txt')!, 'symlink-loop');
  });

  it('outside-root: a symlink leaving the root is never opened; one inside the root is read normally', async () => {
    const outside = tempDir();
    // A FIFO outside the root: opening it for reading would block, so a prompt answer proves it was not opened.
    writeTree(outside, { 'trap.txt': { fifo: true }, 'plain.txt': 'outside text' });
    const root = makeRoot({
      'real/story.txt': 'Zoë said “inside”.',
      'inside.txt': { symlink: 'real/story.txt' },
      'trap.txt': { symlink: path.join(outside, 'trap.txt') },
      'plain.md': { symlink: path.join(outside, 'plain.txt') },
      'relative.txt': { symlink: `../${path.basename(outside)}/plain.txt` },
    });
    const loaded = await within(loadAll(root), 5000);
    expectOnlyProblem(loaded.get('trap.txt')!, 'outside-root');
    expectOnlyProblem(loaded.get('plain.md')!, 'outside-root');
    expectOnlyProblem(loaded.get('relative.txt')!, 'outside-root');
    expect(loaded.get('inside.txt')).toEqual({
      sourcePath: 'inside.txt',
      articles: [{ articleId: 'inside', sourcePath: 'inside.txt', text: 'Zoë said “inside”.', format: 'text', encoding: 'UTF-8' }],
      problems: [],
    });
  });

  it('outside-root applies to a hand-made entry whose folder is a symlink leaving the root', async () => {
    const outside = tempDir();
    writeTree(outside, { 'a.txt': 'outside' });
    const root = makeRoot({ 'linked': { symlink: outside } });
    expectOnlyProblem(await loadOne(root, 'linked/a.txt'), 'outside-root');
  });

  it('missing: a file deleted between discovery and loading', async () => {
    const root = makeRoot({ 'gone.txt': 'soon gone' });
    const [entry] = await discoverInputs(root);
    rmSync(path.join(root, 'gone.txt'));
    expectOnlyProblem(await loadInput(entry!, { maxBytes: DEFAULT_MAX_BYTES }), 'missing');
  });

  it('unreadable: a path the file system refuses (a file component used as a folder)', async () => {
    const root = makeRoot({ 'plain.txt': 'x' });
    expectOnlyProblem(await loadInput(entryFor(root, 'plain.txt/inner.txt'), { maxBytes: DEFAULT_MAX_BYTES }), 'unreadable');
  });

  // Permission denial cannot be produced for root (CAP_DAC_OVERRIDE reads mode-000 files). As root the same
  // check runs in a child process that really runs as the unprivileged user `nobody` (uid 65534), with the
  // real input module; as any other user it runs in-process. Nothing is mocked.
  it('unreadable: a mode-000 file and a mode-000 directory (permission denied)', async (ctx) => {
    const base = tempDir();
    chmodSync(base, 0o755);
    const root = path.join(base, 'root');
    writeTree(root, { 'secret.txt': 'top secret', 'locked/inside.txt': 'x', 'fine.txt': 'readable' });
    chmodSync(root, 0o755);
    chmodSync(path.join(root, 'fine.txt'), 0o644);
    chmodSync(path.join(root, 'secret.txt'), 0o000);
    chmodSync(path.join(root, 'locked'), 0o000);

    let results: LoadedFile[];
    if (!isRoot) {
      results = [];
      for (const entry of await discoverInputs(root)) results.push(await loadInput(entry, { maxBytes: DEFAULT_MAX_BYTES }));
    } else {
      const script = path.join(base, 'run.mjs');
      writeFileSync(
        script,
        `const { discoverInputs, loadInput } = await import(${JSON.stringify(INPUT_MODULE)});
const out = [];
for (const entry of await discoverInputs(process.argv[2])) out.push(await loadInput(entry, { maxBytes: 1000 }));
process.stdout.write(JSON.stringify(out));`,
      );
      chmodSync(script, 0o644);
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, root], {
        cwd: PROJECT,
        uid: 65534,
        gid: 65534,
        env: { ...process.env, HOME: base },
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (child.error || child.status !== 0) {
        ctx.skip(`could not run the check as an unprivileged user: ${child.error?.message ?? child.stderr}`);
        return;
      }
      results = JSON.parse(child.stdout) as LoadedFile[];
    }
    const bySource = new Map(results.map((r) => [r.sourcePath, r]));
    expect([...bySource.keys()]).toEqual(['fine.txt', 'locked', 'secret.txt']);
    expect(bySource.get('fine.txt')?.articles[0]?.text).toBe('readable');
    expectOnlyProblem(bySource.get('secret.txt')!, 'unreadable');
    expect(bySource.get('secret.txt')?.problems[0]?.reason).toMatch(/EACCES|permission/i);
    expectOnlyProblem(bySource.get('locked')!, 'unreadable');
    expect(bySource.get('locked')?.problems[0]?.reason).toMatch(/could not be listed/);
  });
});
