import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_EXTENSIONS, loadInput } from '../../pipeline/input/index.ts';
import { entryFor, tempDir } from './helpers.ts';

const BOMS = [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0x00, 0x00], [0x25, 0x50, 0x44, 0x46, 0x2d]];

/** Random bytes, random text in several encodings, and near-valid JSONL/HTML, optionally behind a BOM or magic number. */
const contents = fc
  .tuple(
    fc.constantFrom(...BOMS),
    fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'utf16le'))),
      fc.string({ maxLength: 200 }).map((s) => new Uint8Array(Buffer.from(s, 'latin1'))),
      fc
        .array(fc.oneof(fc.json(), fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), text: fc.oneof(fc.string(), fc.integer()) }).map((r) => JSON.stringify(r))), { maxLength: 6 })
        .map((lines) => new Uint8Array(Buffer.from(lines.join('\n'), 'utf8'))),
      fc
        .array(fc.oneof(fc.constantFrom('<p>', '</p>', '<div>', '<br>', '<title>', '</title>', '<meta charset="latin1">', '<time datetime="2020-13-45">', '<script>', '<!--', '&amp;', '&#0;'), fc.string()), { maxLength: 20 })
        .map((parts) => new Uint8Array(Buffer.from(parts.join(''), 'utf8'))),
    ),
  )
  .map(([prefix, body]) => new Uint8Array([...prefix, ...body]));

describe('loadInput (property)', () => {
  it('never throws and always yields at least one article or problem, for any bytes under any extension', async () => {
    const root = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INPUT_EXTENSIONS), fc.boolean(), contents, async (ext, upper, bytes) => {
        const name = `f${n++}.${upper ? ext.toUpperCase() : ext}`;
        writeFileSync(path.join(root, name), bytes);
        const loaded = await loadInput(entryFor(root, name), { maxBytes: 400 });
        expect(loaded.sourcePath).toBe(name);
        expect(loaded.articles.length + loaded.problems.length).toBeGreaterThan(0);
        for (const p of loaded.problems) {
          expect(p.status).toMatch(/^[a-z-]+$/);
          expect(p.status).not.toBe('internal-error');
          expect(p.reason.length).toBeGreaterThan(0);
          expect(p.sourcePath).toBe(name);
        }
        for (const a of loaded.articles) {
          expect(a.text.trim()).not.toBe('');
          expect(a.encoding.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 600 },
    );
  });
});
