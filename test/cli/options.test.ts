/** Options checked through the command in-process: `--scope` (which cue classes the rules read), `--report` with `--format`. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../cli.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wsw-scope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = path.join(dir, 'in');

function quotesIn(out: string): Array<{ text: string; cue_class: string | null }> {
  return readFileSync(path.join(out, 'quotes.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { text: string; cue_class: string | null });
}

describe('--scope', () => {
  it('reads evidence cues only in the attribution scope, and records the scope in run.json', async () => {
    rmSync(input, { recursive: true, force: true });
    mkdirSync(input, { recursive: true });
    writeFileSync(path.join(input, 'audit.txt'), 'Harbour audit\n\nInvestigators found the ferry fund was overspent by a third. Mayor Ines Calder said the report was fair.\n');
    const speech = await runMain([input, '--out', path.join(dir, 'speech'), '-q', '--workers', '0']);
    const attribution = await runMain([input, '--out', path.join(dir, 'attribution'), '-q', '--workers', '0', '--scope', 'attribution']);
    expect([speech.code, attribution.code]).toEqual([0, 0]);
    expect(quotesIn(path.join(dir, 'speech')).map((q) => q.text)).toEqual(['the report was fair']);
    expect(quotesIn(path.join(dir, 'attribution'))).toContainEqual(expect.objectContaining({ text: 'the ferry fund was overspent by a third', cue_class: 'evidence' }));
    const run = JSON.parse(readFileSync(path.join(dir, 'attribution', 'run.json'), 'utf8')) as { options: { scope: string } };
    expect(run.options.scope).toBe('attribution');
    // A worker thread reads with the same scope.
    const threaded = await runMain([input, '--out', path.join(dir, 'threaded'), '-q', '--workers', '1', '--scope', 'attribution']);
    expect(threaded.code).toBe(0);
    expect(readFileSync(path.join(dir, 'threaded', 'quotes.jsonl'), 'utf8')).toBe(readFileSync(path.join(dir, 'attribution', 'quotes.jsonl'), 'utf8'));
  });

  it('refuses a scope it does not know (exit 2)', async () => {
    const result = await runMain([input, '--out', path.join(dir, 'bad'), '-q', '--scope', 'everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--scope/);
  });

  it('refuses --report with an output format the report does not read (exit 2, nothing written)', async () => {
    const result = await runMain([input, '--out', path.join(dir, 'csv-report'), '-q', '--format', 'csv', '--report']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--report reads JSON Lines/);
    expect(existsSync(path.join(dir, 'csv-report'))).toBe(false);
  });
});
