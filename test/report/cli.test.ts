/** The commands as users run them (real processes: their exit codes and messages are the point). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, start, stopAll } from '../robustness/processes.ts';
import { removeTemps, tempDir } from './fixtures.ts';

afterAll(() => {
  stopAll();
  removeTemps();
});

const node = (script: string, args: string[]) => start(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args]).done;

describe('extract --report and npm run report', () => {
  it('extract --report writes the report after the run; report refuses what is not its to write (exit 2)', async () => {
    const out = tempDir('wsw-report-cli-');
    const run = await node('pipeline/cli.ts', [path.join(ROOT, 'corpus'), '--out', out, '--article-text', '--report', '--workers', '0']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`→ ${path.join(out, 'report.html')}`);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('Peskov');
    const marker = JSON.parse(readFileSync(path.join(out, '.who-said-what.json'), 'utf8')) as { files: string[] };
    expect(marker.files).toContain('report.html');

    const quotes = readFileSync(path.join(out, 'quotes.jsonl'), 'utf8');
    const overOutput = await node('pipeline/report/cli.ts', [out, '--out', path.join(out, 'quotes.jsonl'), '--force']);
    expect(overOutput.code).toBe(2);
    expect(overOutput.stderr).toMatch(/one of the tool's output files/);
    expect(readFileSync(path.join(out, 'quotes.jsonl'), 'utf8')).toBe(quotes);

    const notOurs = tempDir('wsw-report-cli-mine-');
    writeFileSync(path.join(notOurs, 'articles.jsonl'), '{"article_id": "x", "status": "ok"}\n');
    const refused = await node('pipeline/report/cli.ts', [notOurs]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not an output folder of this tool/);
  });
});
