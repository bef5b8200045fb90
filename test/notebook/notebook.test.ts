/**
 * who-said-what.ipynb, executed top to bottom by Debian's jupyter-nbconvert (`.ci/run` installs it with pandas,
 * matplotlib and ipykernel when missing) against three outputs: the sample corpus's, the same with `speaker_id`
 * on quotes and speakers (as the schema writes it), and a run that found no quotes. nbconvert fails when a cell
 * fails; the test also reads what the cells printed.
 *
 * The kernel is Debian's Python: nbconvert runs as /usr/bin/jupyter-nbconvert (/usr/bin/python3), PATH starts
 * with /usr/bin (`python3` elsewhere on PATH may be another Python without pandas), and an empty JUPYTER_DATA_DIR
 * hides kernels a user installed, so `python3` is the system kernel spec.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuoteRecord } from '../../pipeline/records.ts';
import { runExtraction } from '../../pipeline/run.ts';
import { removeTemps, tempDir } from '../report/fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NOTEBOOK = path.join(ROOT, 'who-said-what.ipynb');
const NBCONVERT = '/usr/bin/jupyter-nbconvert';

interface Output { output_type: string; text?: string | string[]; ename?: string; evalue?: string; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[] }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name?: string } } }

const joined = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join('') : text ?? '');
const readLines = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

afterAll(removeTemps);

/** Executes the notebook against `output`; returns the executed notebook. */
async function execute(output: string, env: Record<string, string> = {}): Promise<Notebook> {
  const work = tempDir('wsw-notebook-');
  const home = path.join(work, 'home');
  mkdirSync(home);
  await promisify(execFile)(NBCONVERT, ['--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=python3',
    '--ExecutePreprocessor.timeout=120', '--output-dir', work, '--output', 'executed.ipynb', NOTEBOOK], {
    cwd: work,
    env: {
      PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
      HOME: home,
      JUPYTER_DATA_DIR: path.join(work, 'jupyter-data'),
      IPYTHONDIR: path.join(work, 'ipython'),
      MPLCONFIGDIR: path.join(work, 'matplotlib'),
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
      WHO_SAID_WHAT_OUTPUT: output,
      ...env,
    },
    timeout: 150_000,
  });
  return JSON.parse(readFileSync(path.join(work, 'executed.ipynb'), 'utf8')) as Notebook;
}

const printed = (notebook: Notebook): string => notebook.cells.flatMap((cell) => cell.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => joined(o.text)).join('');
const images = (notebook: Notebook): number => notebook.cells.flatMap((cell) => cell.outputs ?? []).filter((o) => o.data && 'image/png' in o.data).length;
const errors = (notebook: Notebook): Output[] => notebook.cells.flatMap((cell) => cell.outputs ?? []).filter((o) => o.output_type === 'error');

let sample: string;
let quotes: QuoteRecord[];
beforeAll(async () => {
  sample = tempDir('wsw-notebook-out-');
  await runExtraction({ input: path.join(ROOT, 'corpus'), out: sample, maxBytes: 20 * 1024 * 1024, concurrency: 4, workers: 0, articleTimeoutMs: 30_000 });
  quotes = readLines<QuoteRecord>(path.join(sample, 'quotes.jsonl'));
});

/** What the notebook prints about the most quoted speaker, from the records. */
function topSpeakerLine(records: Array<Pick<QuoteRecord, 'speaker' | 'article_id'>>): string {
  const counts = new Map<string, QuoteRecord['article_id'][]>();
  for (const q of records) if (q.speaker) counts.set(q.speaker, [...(counts.get(q.speaker) ?? []), q.article_id]);
  const [name, where] = [...counts].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  return `${name}: ${where.length} quotes in ${new Set(where).size} articles`;
}

describe('who-said-what.ipynb', () => {
  it('is committed without outputs, for the Python 3 kernel', () => {
    const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as Notebook;
    expect(notebook.metadata.kernelspec?.name).toBe('python3');
    expect(notebook.cells.filter((cell) => (cell.outputs ?? []).length > 0)).toEqual([]);
  });

  it('runs on the sample corpus\'s output (records without speaker_id), with the numbers of the records', async () => {
    const notebook = await execute(sample);
    expect(errors(notebook)).toEqual([]);
    const text = printed(notebook);
    expect(text).toContain(`${quotes.length} quotes, 5 articles`);
    expect(text).toContain(topSpeakerLine(quotes));
    const share = (kind: string): string => `${kind}${' '.repeat(12 - kind.length)}${Math.round((100 * quotes.filter((q) => q.kind === kind).length) / quotes.length)}%`;
    for (const kind of ['direct', 'mixed', 'indirect']) expect(text).toContain(share(kind));
    expect(images(notebook)).toBe(2);
  });

  it('joins speakers by speaker_id when the records carry it', async () => {
    // The sample output with ids, as the schema writes them: on every quote with a speaker, and on speakers.jsonl.
    const withIds = tempDir('wsw-notebook-ids-');
    const idOf = (q: QuoteRecord): string => createHash('sha1').update(`${q.speaker_type}|${q.speaker}|${q.resolution === 'mention' ? q.article_id : ''}`).digest('hex').slice(0, 12);
    const second = quotes.find((q) => q.speaker && q.speaker !== 'Dmitry Peskov' && quotes.filter((r) => r.speaker === q.speaker).length > 2)?.speaker;
    if (!second) throw new Error('the sample corpus has no second speaker with three quotes');
    const records = quotes.map((q) => ({ ...q, speaker_id: q.speaker ? idOf(q) : null }));
    // One id is one speaker whatever the quote calls them: every other quote of theirs under another spelling.
    const renamed = records.filter((q) => q.speaker === second).filter((_, k) => k % 2 === 1);
    for (const q of renamed) q.speaker = `${second.slice(0, 1)}. ${second.split(' ').at(-1) ?? ''}`;
    const speakers = new Map<string, { speaker_id: string; name: string; type: string | null; roles: string[]; mentions: string[]; quotes: number; articles: string[] }>();
    for (const q of records) {
      if (!q.speaker_id || !q.speaker) continue;
      const line = speakers.get(q.speaker_id) ?? { speaker_id: q.speaker_id, name: q.speaker, type: q.speaker_type, roles: [], mentions: [], quotes: 0, articles: [] };
      line.quotes++;
      if (!line.articles.includes(q.article_id)) line.articles.push(q.article_id);
      speakers.set(q.speaker_id, line);
    }
    writeFileSync(path.join(withIds, 'quotes.jsonl'), records.map((q) => `${JSON.stringify(q)}\n`).join(''));
    writeFileSync(path.join(withIds, 'speakers.jsonl'), [...speakers.values()].map((s) => `${JSON.stringify(s)}\n`).join(''));
    for (const name of ['articles.jsonl', 'run.json']) writeFileSync(path.join(withIds, name), readFileSync(path.join(sample, name)));
    const notebook = await execute(withIds, { WHO_SAID_WHAT_SPEAKER: second });
    expect(errors(notebook)).toEqual([]);
    expect(renamed.length).toBeGreaterThan(0);
    expect(printed(notebook)).toContain(topSpeakerLine(quotes.filter((q) => q.speaker === second)));
  });

  it('runs on an output with no quotes', async () => {
    const input = tempDir('wsw-notebook-quiet-in-');
    writeFileSync(path.join(input, 'weather.txt'), 'Rain fell over the valley on Tuesday.\nThe roads stayed open.\n');
    const out = tempDir('wsw-notebook-quiet-out-');
    await runExtraction({ input, out, maxBytes: 1_000_000, concurrency: 1, workers: 0, articleTimeoutMs: 30_000 });
    expect(readFileSync(path.join(out, 'quotes.jsonl'), 'utf8')).toBe('');
    const notebook = await execute(out);
    expect(errors(notebook)).toEqual([]);
    expect(printed(notebook)).toContain('0 quotes, 1 articles, 0 speakers');
    expect(printed(notebook)).toContain('no attributed quotes in this output');
  });
});
