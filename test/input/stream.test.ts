/**
 * The streamed input: JSON Lines read line by line with a per-record limit, gzip-compressed inputs, the feed of
 * work units, what discovery finds but does not read, and names that are not valid UTF-8. Real files throughout.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readStdin, workUnits, type WorkUnit } from '../../pipeline/input/feed.ts';
import { discover, discoverInputs, loadInput, stripExtension } from '../../pipeline/input/index.ts';
import { splitLines } from '../../pipeline/input/lines.ts';
import { loadAll, loadBytes, makeRoot, statuses, tempDir } from './helpers.ts';

const record = (id: number | string, text: string): string => JSON.stringify({ id, text });

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

describe('splitLines', () => {
  it('splits on LF, CRLF and lone CR, also when a CRLF or a line falls across chunks', async () => {
    const lines = await collect(splitLines(chunks('ab\r', '\ncd\ref', '\n\ngh'), 100));
    expect(lines.map((l) => ['bytes' in l ? l.bytes.toString() : null, l.line])).toEqual([
      ['ab', 1], ['cd', 2], ['ef', 3], ['', 4], ['gh', 5],
    ]);
  });

  it('drops a line over the limit, keeping only its length, and goes on with the next', async () => {
    const lines = await collect(splitLines(chunks('short\n', 'x'.repeat(60), 'y'.repeat(60), '\nafter\n'), 100));
    expect(lines).toEqual([
      { line: 1, bytes: Buffer.from('short') },
      { line: 2, tooLarge: 120 },
      { line: 3, bytes: Buffer.from('after') },
    ]);
  });
});

describe('JSON Lines, streamed', () => {
  it('the size limit applies to each record, never to the file: a long record is too-large, the rest are read', async () => {
    const small = record(1, 'A short article.');
    const long = record(2, 'word '.repeat(400));
    const after = record(3, 'Another short one.');
    const content = `${small}\n${long}\n${after}\n`;
    // The file is well over the limit; each short record is well under it.
    const { articles, problems } = await loadBytes('feed.jsonl', content, 500);
    expect(content.length).toBeGreaterThan(1500);
    expect(articles.map((a) => [a.articleId, a.line])).toEqual([['feed#1', 1], ['feed#3', 3]]);
    expect(problems).toMatchObject([{ articleId: 'feed#line2', line: 2, status: 'too-large' }]);
    expect(problems[0]?.reason).toMatch(/line 2 is \d+ bytes, over the limit of 500 bytes per record/);
  });

  it('reads .ndjson like .jsonl, and a line that is not UTF-8 in a legacy encoding of its own', async () => {
    const latin = Buffer.concat([Buffer.from(`${record('a', 'plain')}\n{"id":"b","text":"caf`), Buffer.from([0xe9]), Buffer.from(' au lait"}\n')]);
    const { articles, problems } = await loadBytes('wire.ndjson', latin);
    expect(problems).toEqual([]);
    expect(articles.map((a) => [a.articleId, a.text, a.encoding])).toEqual([
      ['wire#a', 'plain', 'UTF-8'],
      ['wire#b', 'café au lait', 'windows-1252'],
    ]);
  });

  it('reads gzip-compressed JSON Lines, text, Markdown and HTML; ids drop the .gz as well', async () => {
    const root = makeRoot({
      'dump.jsonl.gz': gzipSync(`${record(1, 'One.')}\n${record(2, 'Two.')}\n`),
      'wire.ndjson.gz': gzipSync(`${record('x', 'Ex.')}\n`),
      'story.txt.gz': gzipSync('“We are ready,” she said.'),
      'notes.md.gz': gzipSync('# Notes\n\nText.'),
      'page.html.gz': gzipSync('<html><head><title>T</title></head><body><p>Body text.</p></body></html>'),
      'archive.tar.gz': gzipSync('not an input'),
    });
    const loaded = await loadAll(root);
    expect([...loaded.keys()]).toEqual(['dump.jsonl.gz', 'notes.md.gz', 'page.html.gz', 'story.txt.gz', 'wire.ndjson.gz']);
    expect(loaded.get('dump.jsonl.gz')?.articles.map((a) => [a.articleId, a.text])).toEqual([['dump#1', 'One.'], ['dump#2', 'Two.']]);
    expect(loaded.get('wire.ndjson.gz')?.articles.map((a) => a.articleId)).toEqual(['wire#x']);
    expect(loaded.get('story.txt.gz')?.articles).toMatchObject([{ articleId: 'story', text: '“We are ready,” she said.', format: 'text' }]);
    expect(loaded.get('notes.md.gz')?.articles).toMatchObject([{ articleId: 'notes', format: 'markdown' }]);
    expect(loaded.get('page.html.gz')?.articles).toMatchObject([{ articleId: 'page', text: 'Body text.', format: 'html', title: 'T' }]);
    expect(stripExtension('a/b.jsonl.gz')).toBe('a/b');
  });

  it('a damaged gzip file gets status bad-gzip; a cut-short JSONL dump keeps the records before the cut', async () => {
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => record(i, `Article number ${i} with some words in it.`)).join('\n'));
    const root = makeRoot({
      'garbage.txt.gz': Buffer.from('this is not gzip at all'),
      'garbage.jsonl.gz': Buffer.from('this is not gzip at all'),
      'cut.jsonl.gz': whole.subarray(0, Math.floor(whole.length / 2)),
    });
    const loaded = await loadAll(root);
    expect(statuses(loaded.get('garbage.txt.gz')!)).toEqual(['bad-gzip']);
    expect(loaded.get('garbage.jsonl.gz')?.problems).toMatchObject([{ articleId: 'garbage', status: 'bad-gzip' }]);
    const cut = loaded.get('cut.jsonl.gz')!;
    expect(cut.articles.length).toBeGreaterThan(100);
    expect(cut.articles.length).toBeLessThan(2000);
    expect(cut.articles.map((a) => a.line)).toEqual(cut.articles.map((_, i) => i + 1));
    expect(cut.problems).toHaveLength(1);
    expect(cut.problems[0]).toMatchObject({ status: 'bad-gzip', line: cut.articles.length + 1, articleId: `cut#line${cut.articles.length + 1}` });
    expect(cut.problems[0]?.reason).toContain(`after line ${cut.articles.length}`);
  });

  it('a gzip file that inflates past the limit is too-large, without inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61));
    expect(bomb.length).toBeLessThan(100_000);
    const loaded = await loadBytes('bomb.txt.gz', bomb, 1024 * 1024);
    expect(statuses(loaded)).toEqual(['too-large']);
  });
});

describe('the feed of work units', () => {
  it('hands files on whole and JSONL records in batches, in order, each file ending with a `last` unit', async () => {
    const lines = Array.from({ length: 70 }, (_, i) => (i === 5 ? 'not json' : record(i, `Text ${i}.`)));
    const root = makeRoot({ 'a.txt': 'Alpha.', 'b.jsonl': `${lines.join('\n')}\n`, 'c.md': 'Gamma.' });
    const units: WorkUnit[] = await collect(workUnits(await discoverInputs(root), { maxBytes: 1_000_000 }));
    expect(units.map((u) => [u.entry.relativePath, u.kind, u.last])).toEqual([
      ['a.txt', 'file', true],
      ['b.jsonl', 'records', false],
      ['b.jsonl', 'records', false],
      ['b.jsonl', 'records', true],
    ].concat([['c.md', 'file', true]]));
    const records = units.filter((u): u is Extract<WorkUnit, { kind: 'records' }> => u.kind === 'records');
    expect(records.flatMap((u) => u.articles.map((a) => a.line))).toEqual(lines.map((_, i) => i + 1).filter((line) => line !== 6));
    expect(records.flatMap((u) => u.problems.map((p) => [p.line, p.status]))).toEqual([[6, 'bad-record']]);
    for (const unit of records) expect(unit.articles.length).toBeLessThanOrEqual(32);
  });

  it('standard input: JSON Lines when it starts with `{`, HTML with `<`, else one text article', async () => {
    const jsonl = await collect(readStdin(chunks('  \n', `${record(1, 'One.')}\n${record(2, 'Two.')}`), 1000));
    expect(jsonl.map((item) => ('text' in item ? [item.articleId, item.sourcePath, item.text] : item.status))).toEqual([
      ['stdin#1', '-', 'One.'],
      ['stdin#2', '-', 'Two.'],
    ]);
    expect(await collect(readStdin(chunks('“Hi,” she ', 'said.'), 1000))).toEqual([
      { articleId: 'stdin', sourcePath: '-', text: '“Hi,” she said.', format: 'text', encoding: 'UTF-8' },
    ]);
    expect(await collect(readStdin(chunks('<p>Hello there.</p>'), 1000))).toMatchObject([{ articleId: 'stdin', text: 'Hello there.', format: 'html' }]);
    expect(await collect(readStdin(chunks('x'.repeat(600), 'y'.repeat(600)), 1000))).toMatchObject([{ status: 'too-large' }]);
    expect(await collect(readStdin(chunks(), 1000))).toMatchObject([{ status: 'empty' }]);
  });
});

describe('what discovery does not read is counted', () => {
  it('other extensions and hidden files by kind, node_modules and hidden folders as not searched', async () => {
    const root = makeRoot({
      'a.txt': 'read',
      'data.json': '{}',
      'table.csv': 'a,b',
      'feed.xml': '<rss/>',
      'sub/more.json': '{}',
      'README': 'x',
      '.env': 'SECRET=1',
      'sub/.draft.txt': 'hidden',
      'node_modules/pkg/readme.md': 'not an article',
      '.git/objects/ab': 'x',
      '.cache/deep/z.txt': 'x',
    });
    const found = await discover(root);
    expect([...found.entries].map((e) => e.relativePath)).toEqual(['a.txt']);
    expect(found.notRead.byExtension).toEqual({ '.json': 2, '.csv': 1, '.xml': 1, '(none)': 1, '(hidden)': 2 });
    expect(found.notRead.count).toBe(7);
    expect(found.notRead.sample).toEqual(['.env', 'README', 'data.json', 'feed.xml', 'sub/.draft.txt', 'sub/more.json', 'table.csv']);
    expect(found.foldersNotSearched).toEqual({ count: 3, sample: ['.cache', '.git', 'node_modules'] });
    expect(found.excluded.count).toBe(0);
  });

  it('--include reads what it names (as plain text when the extension is not an input one); --exclude counts what it leaves', async () => {
    const root = makeRoot({
      'a.txt': 'read',
      'drafts/b.txt': 'draft',
      'drafts/deep/c.md': 'draft',
      'wire/d.story': '“Yes,” he said.',
      'wire/e.txt': 'wire',
      'data.json': '{}',
    });
    const excluded = await discover(root, { exclude: ['drafts'] });
    expect([...excluded.entries].map((e) => e.relativePath)).toEqual(['a.txt', 'wire/e.txt']);
    expect(excluded.excluded).toEqual({ count: 2, sample: ['drafts/b.txt', 'drafts/deep/c.md'] });

    const included = await discover(root, { include: ['wire/**'] });
    expect([...included.entries].map((e) => e.relativePath)).toEqual(['wire/d.story', 'wire/e.txt']);
    expect(included.notRead.count).toBe(4);
    const story = await loadInput(included.entries.at(0), { maxBytes: 1000 });
    expect(story.articles).toMatchObject([{ articleId: 'wire/d', text: '“Yes,” he said.', format: 'text' }]);
  });

  it('defaultExcludes: false searches node_modules and hidden folders too', async () => {
    const root = makeRoot({ 'a.txt': 'x', 'node_modules/b.txt': 'x', '.hidden/c.txt': 'x', '.d.txt': 'x' });
    const found = await discover(root, { defaultExcludes: false });
    expect([...found.entries].map((e) => e.relativePath)).toEqual(['.d.txt', '.hidden/c.txt', 'a.txt', 'node_modules/b.txt']);
    expect(found.foldersNotSearched.count).toBe(0);
  });
});

describe('a file name that is not valid UTF-8', () => {
  it('is reported as bad-filename with a reason that says so, not as missing', async () => {
    const root = tempDir();
    // "caf\xe9.txt": Latin-1 bytes, as an old archive or a Windows share may hold them.
    const name = Buffer.concat([Buffer.from(`${root}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(name, '“Hello,” she said.');
    writeFileSync(path.join(root, 'fine.txt'), 'Fine.');
    const loaded = await loadAll(root);
    expect([...loaded.keys()]).toEqual(['caf\uFFFD.txt', 'fine.txt']);
    const bad = loaded.get('caf\uFFFD.txt')!;
    expect(statuses(bad)).toEqual(['bad-filename']);
    expect(bad.problems[0]?.reason).toMatch(/not valid UTF-8/);
    expect(loaded.get('fine.txt')?.articles).toHaveLength(1);
  });
});
