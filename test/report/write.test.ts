/** Where the report may be written: only over what the tool wrote, only from a folder the tool wrote. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MARKER_FILE, OUTPUT_FILES, OutputFolder, OutputRefusal } from '../../pipeline/output/folder.ts';
import { writeReport } from '../../pipeline/report/write.ts';
import { article, outputFolder, quote, removeTemps, tempDir } from './fixtures.ts';

afterAll(removeTemps);

const TEXT = 'Oskar Lind said "Bridges need care."';
const sample = () => outputFolder({
  articles: [article({ article_id: 'bridge', text: TEXT })],
  quotes: [quote({ article_id: 'bridge', start: 16, end: 34, speaker: 'Oskar Lind', speaker_type: 'person', resolution: 'name' }, 'Bridges need care.')],
});
const marker = (dir: string): { files: string[] } => JSON.parse(readFileSync(path.join(dir, MARKER_FILE), 'utf8')) as { files: string[] };

describe('writing the report', () => {
  it('writes report.html into the output folder, lists it in the marker, and replaces it the next time', async () => {
    const dir = sample();
    const first = await writeReport({ outputDir: dir });
    expect(first).toMatchObject({ file: path.join(dir, 'report.html'), articles: 1, quotes: 1, speakers: 1, hasText: true });
    expect(readFileSync(first.file, 'utf8')).toContain('Bridges need care.');
    expect(marker(dir).files).toContain('report.html');
    await writeReport({ outputDir: dir });
    // No temporary file or lock is left behind.
    expect(readdirSync(dir).filter((name) => name.startsWith('.') && name !== MARKER_FILE)).toEqual([]);
  });

  it('keeps report.html in the marker when a new run replaces the outputs', async () => {
    const dir = sample();
    await writeReport({ outputDir: dir });
    const run = await OutputFolder.open(dir);
    // What a run writes: every output file (records, their schemas) with run.json last.
    for (const name of OUTPUT_FILES) writeFileSync(path.join(run.partial, name), name === 'run.json' ? '{}\n' : '');
    await run.commit();
    expect(marker(dir).files).toContain('report.html');
    await expect(writeReport({ outputDir: dir })).resolves.toMatchObject({ articles: 0 });
  });

  it('refuses a report.html the tool did not write unless forced, and leaves it as it was', async () => {
    const dir = sample();
    writeFileSync(path.join(dir, 'report.html'), 'my own notes');
    await expect(writeReport({ outputDir: dir })).rejects.toThrow(OutputRefusal);
    await expect(writeReport({ outputDir: dir })).rejects.toThrow(/did not write it/);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toBe('my own notes');
    expect(marker(dir).files).not.toContain('report.html');
    await writeReport({ outputDir: dir, force: true });
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('refuses an existing --out file unless forced, and never writes over an output file', async () => {
    const dir = sample();
    const elsewhere = path.join(tempDir(), 'look.html');
    writeFileSync(elsewhere, 'keep me');
    await expect(writeReport({ outputDir: dir, file: elsewhere })).rejects.toThrow(/exists and this tool did not write it/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    await writeReport({ outputDir: dir, file: elsewhere, force: true });
    expect(readFileSync(elsewhere, 'utf8')).toContain('Oskar Lind');
    const before = readFileSync(path.join(dir, 'quotes.jsonl'), 'utf8');
    await expect(writeReport({ outputDir: dir, file: path.join(dir, 'quotes.jsonl'), force: true })).rejects.toThrow(/one of the tool's output files/);
    expect(readFileSync(path.join(dir, 'quotes.jsonl'), 'utf8')).toBe(before);
  });

  it('reads only a folder the tool wrote, and not while a run holds it', async () => {
    const mine = tempDir();
    writeFileSync(path.join(mine, 'quotes.jsonl'), '');
    await expect(writeReport({ outputDir: mine })).rejects.toThrow(/is not an output folder of this tool/);
    expect(existsSync(path.join(mine, 'report.html'))).toBe(false);
    await expect(writeReport({ outputDir: path.join(mine, 'absent') })).rejects.toThrow(/does not exist/);

    const dir = sample();
    const run = await OutputFolder.open(dir);
    try {
      await expect(writeReport({ outputDir: dir })).rejects.toThrow(/in use by another run/);
    } finally {
      await run.discard();
    }
    expect(existsSync(path.join(dir, 'report.html'))).toBe(false);
  });

  it('removes what a killed write left, never a live one\'s', async () => {
    const dir = sample();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(path.join(dir, `.report.html.partial-${gone}`), '<!doctype html><html><body>half');
    writeFileSync(path.join(dir, `.report.html.partial-${process.ppid}`), 'a live process\'s');
    await writeReport({ outputDir: dir });
    expect(existsSync(path.join(dir, `.report.html.partial-${gone}`))).toBe(false);
    expect(existsSync(path.join(dir, `.report.html.partial-${process.ppid}`))).toBe(true);
  });

  it('refuses a folder in place of the file', async () => {
    const dir = sample();
    mkdirSync(path.join(dir, 'report.html'));
    await expect(writeReport({ outputDir: dir, force: true })).rejects.toThrow(/is a folder/);
  });
});
