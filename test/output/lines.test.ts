/** The JSON Lines writer (output/lines.ts): lines gathered into batches come out whole and in order; errors are loud. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LineWriter } from '../../pipeline/output/lines.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes every record and every line as given, across many batches, in order', async () => {
  const file = path.join(dir, 'out.jsonl');
  const writer = new LineWriter(file);
  const expected: string[] = [];
  for (let k = 0; k < 5_000; k++) {
    const record = { id: `r${k}`, text: `“Quoted ${'words '.repeat(k % 40)}” — Ånne Brisk-${k}`, n: k };
    if (k % 3 === 0) {
      const lines = `${JSON.stringify(record)}\n${JSON.stringify({ ...record, id: `${record.id}b` })}\n`;
      // As a string, or as the UTF-8 bytes a worker thread sends (unit-rows.ts).
      await writer.writeLines(k % 2 === 0 ? lines : new TextEncoder().encode(lines));
      expected.push(JSON.stringify(record), JSON.stringify({ ...record, id: `${record.id}b` }));
    } else {
      await writer.write(record);
      expected.push(JSON.stringify(record));
    }
  }
  await writer.close();
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  expect(text.slice(0, -1).split('\n')).toEqual(expected);
});

it('lines given as bytes, one longer than a whole batch, come out whole between short ones', async () => {
  const file = path.join(dir, 'long-bytes.jsonl');
  const writer = new LineWriter(file);
  const encoder = new TextEncoder();
  const line = (record: object): string => `${JSON.stringify(record)}\n`;
  const long = { text: `${'“€”'.repeat(30_000)}${'😀'.repeat(20_000)}` };
  const records = [{ k: 1 }, long, { k: 2 }, long, long, { k: 3 }];
  for (const [at, record] of records.entries()) await (at % 2 === 0 ? writer.writeLines(encoder.encode(line(record))) : writer.write(record));
  await writer.close();
  expect(readFileSync(file, 'utf8')).toBe(records.map(line).join(''));
});

it('a line longer than a whole batch, in three- and four-byte characters, comes out whole between short ones', async () => {
  const file = path.join(dir, 'long.jsonl');
  const writer = new LineWriter(file);
  const long = { text: `${'“€”'.repeat(30_000)}${'😀'.repeat(20_000)}` };
  const records = [{ k: 1 }, long, { k: 2 }, long, long, { k: 3 }];
  for (const record of records) await writer.write(record);
  await writer.close();
  expect(readFileSync(file, 'utf8')).toBe(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
});

it('a file it cannot write fails the close, not silently', async () => {
  const writer = new LineWriter(path.join(dir, 'no-such-folder', 'out.jsonl'));
  await writer.write({ a: 1 });
  await expect(writer.close()).rejects.toThrow(/ENOENT/);
});
