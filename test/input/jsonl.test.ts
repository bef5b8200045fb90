import { describe, expect, it } from 'vitest';
import { loadBytes } from './helpers.ts';

describe('JSON Lines', () => {
  it('loads one article per line with ids, line numbers and metadata; bad lines become problems', async () => {
    const lines = [
      JSON.stringify({ id: 'a1', text: 'Zoë said “yes”.\r\nNext line.', title: 'First', date: '2024-01-15T10:00:00Z', url: 'https://x.test/1', extra: [1] }),
      '',
      JSON.stringify({ id: 7, text: 'Numeric id.' }),
      '{"id": 8, "text": "unterminated',
      JSON.stringify({ text: 'no id' }),
      JSON.stringify({ id: 9 }),
      JSON.stringify({ id: 10, text: 42 }),
      JSON.stringify({ id: { nested: true }, text: 'x' }),
      JSON.stringify({ id: 11, text: 'ok', title: 5 }),
      '   ',
      JSON.stringify({ id: 'a1', text: 'duplicate of line 1' }),
      '[1, 2]',
      JSON.stringify({ id: 12, text: 'Last one.', title: null }),
    ];
    const { articles, problems, sourcePath } = await loadBytes('feeds/wire.jsonl', lines.join('\n') + '\n');
    expect(sourcePath).toBe('feeds/wire.jsonl');
    expect(articles).toEqual([
      {
        articleId: 'feeds/wire#a1',
        sourcePath: 'feeds/wire.jsonl',
        text: 'Zoë said “yes”.\r\nNext line.',
        format: 'jsonl',
        encoding: 'UTF-8',
        line: 1,
        title: 'First',
        date: '2024-01-15',
        url: 'https://x.test/1',
      },
      { articleId: 'feeds/wire#7', sourcePath: 'feeds/wire.jsonl', text: 'Numeric id.', format: 'jsonl', encoding: 'UTF-8', line: 3 },
      { articleId: 'feeds/wire#12', sourcePath: 'feeds/wire.jsonl', text: 'Last one.', format: 'jsonl', encoding: 'UTF-8', line: 13 },
    ]);
    expect(problems.map((p) => [p.line, p.status])).toEqual([
      [4, 'bad-record'],
      [5, 'bad-record'],
      [6, 'bad-record'],
      [7, 'bad-record'],
      [8, 'bad-record'],
      [9, 'bad-record'],
      [11, 'duplicate-id'],
      [12, 'bad-record'],
    ]);
    for (const p of problems) {
      expect(p.sourcePath).toBe('feeds/wire.jsonl');
      expect(p.reason).toContain(`line ${p.line}`);
    }
    expect(problems.find((p) => p.line === 4)?.reason).toMatch(/not valid JSON/);
    expect(problems.find((p) => p.line === 5)?.reason).toMatch(/`id`: is missing/);
    expect(problems.find((p) => p.line === 6)?.reason).toMatch(/`text`: is missing/);
    expect(problems.find((p) => p.line === 7)?.reason).toMatch(/`text`: must be a string/);
    expect(problems.find((p) => p.line === 11)).toMatchObject({ articleId: 'feeds/wire#a1@line11', reason: expect.stringContaining('line 1') });
    expect(problems.find((p) => p.line === 4)?.articleId).toBe('feeds/wire#line4');
    // Every row has an id of its own.
    const ids = [...articles.map((a) => a.articleId), ...problems.map((p) => p.articleId)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('treats a number id and the same string id as duplicates, and counts CRLF lines correctly', async () => {
    const content = '{"id":1,"text":"one"}\r\n\r\n{"id":"1","text":"again"}\r\n{"id":2,"text":"two"}';
    const { articles, problems } = await loadBytes('dup.jsonl', content);
    expect(articles.map((a) => [a.articleId, a.line])).toEqual([
      ['dup#1', 1],
      ['dup#2', 4],
    ]);
    expect(problems).toMatchObject([{ status: 'duplicate-id', line: 3, articleId: 'dup#1@line3' }]);
  });

  it('reports a record with blank text, and a file with only blank lines, as empty', async () => {
    const blankText = await loadBytes('b.jsonl', '{"id":"x","text":"  "}\n');
    expect(blankText.articles).toEqual([]);
    expect(blankText.problems).toMatchObject([{ status: 'empty', line: 1, articleId: 'b#x' }]);

    const onlyBlank = await loadBytes('c.jsonl', '\n\n   \n');
    expect(onlyBlank.problems).toMatchObject([{ status: 'empty' }]);
  });

  it('strips a BOM before the first record and reads UTF-16 JSONL', async () => {
    const withBom = await loadBytes('bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":1,"text":"Café"}\n')]));
    expect(withBom.problems).toEqual([]);
    expect(withBom.articles[0]).toMatchObject({ articleId: 'bom#1', text: 'Café', encoding: 'UTF-8' });

    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"id":1,"text":"Zoë"}\n', 'utf16le')]);
    const utf16 = await loadBytes('u16.jsonl', u16);
    expect(utf16.articles[0]).toMatchObject({ text: 'Zoë', encoding: 'UTF-16LE' });
  });

  it('a file where every line is bad still loads as problems only', async () => {
    const { articles, problems } = await loadBytes('bad.jsonl', 'not json\n{"id":1}\n');
    expect(articles).toEqual([]);
    expect(problems.map((p) => [p.line, p.status])).toEqual([
      [1, 'bad-record'],
      [2, 'bad-record'],
    ]);
  });
});
