/**
 * The records as a notebook meets them: the three formats (JSON Lines, CSV, Parquet) hold the same records, a run
 * with no quotes still has its columns, ids stay text, dates are dates or null, speaker_id joins without
 * multiplying rows, and the output folder treats the new names as its own (or refuses them when they are not).
 * pandas is Debian's python3-pandas (.ci/run installs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputFiles } from '../../pipeline/output/names.ts';
import { OutputRefusal, runExtraction, type RunOptions } from '../../pipeline/run.ts';
import type { OutputFormat } from '../../pipeline/schema/records.ts';
import { checkOutput, type CheckedOutput } from '../output-check.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const temp = mkdtempSync(path.join(tmpdir(), 'wsw-formats-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const run = (input: string, out: string, extra: Partial<RunOptions> = {}) =>
  runExtraction({ input, out, maxBytes: 1 << 20, concurrency: 2, workers: 0, articleTimeoutMs: 30_000, ...extra });

const PYTHON = '/usr/bin/python3';
/** Runs a Python script with pandas; its last line of output is JSON. */
function pandas(script: string, ...args: string[]): unknown {
  const output = execFileSync(PYTHON, ['-c', `import json, sys\nimport pandas as pd\n${script}`, ...args], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1) ?? 'null') as unknown;
}

// Invented articles: file names that read as numbers, an unresolved "company" in two articles, one speaker in
// both, and JSON Lines records whose dates are "yesterday" and a timestamp.
const input = path.join(temp, 'in');
beforeAll(() => {
  mkdirSync(input);
  writeFileSync(path.join(input, '001.txt'), 'Tarnby bridge to open\n\nThe company said on Monday that profits would fall sharply this year. Maria Lindqvist, the mayor of Tarnby, said the bridge would open in May.\n');
  writeFileSync(path.join(input, '002.txt'), 'Harbour plans\n\nThe company said the harbour would be dredged in the spring. "We are ready," Maria Lindqvist said.\n');
  writeFileSync(path.join(input, 'feed.jsonl'), [
    { id: '7', text: 'Officials said the ferry would not run on Sunday.', date: 'yesterday' },
    { id: '8', text: 'Maria Lindqvist said the council had approved the budget.', date: '2024-03-05T10:00:00Z' },
  ].map((r) => JSON.stringify(r)).join('\n') + '\n');
});

describe('the same records in every format', () => {
  const outputs = new Map<OutputFormat, CheckedOutput>();
  beforeAll(async () => {
    for (const format of ['jsonl', 'csv', 'parquet'] as const) {
      const out = path.join(temp, `corpus-${format}`);
      await run(path.join(ROOT, 'corpus'), out, { format });
      outputs.set(format, await checkOutput(out));
      expect(readdirSync(out).sort()).toEqual(['.who-said-what.json', ...outputFiles(format)].sort());
    }
  });

  it('CSV and Parquet read back to the JSON Lines records, nulls and lists included', () => {
    const jsonl = outputs.get('jsonl');
    expect(jsonl?.quotes.some((q) => q.speaker_role === null) && jsonl.articles.some((a) => a.title === null)).toBe(true);
    for (const format of ['csv', 'parquet'] as const) {
      const other = outputs.get(format);
      expect(other?.quotes, format).toEqual(jsonl?.quotes);
      expect(other?.articles, format).toEqual(jsonl?.articles);
      expect(other?.speakers, format).toEqual(jsonl?.speakers);
    }
  });

  it('Parquet columns are typed from the schema: required or optional, strings, dates, integers, doubles, lists', async () => {
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path.join(temp, 'corpus-parquet', 'quotes.parquet')));
    const fields = Object.fromEntries(parquetSchema(metadata).children.map((c) => [c.element.name, [c.element.type, c.element.repetition_type]]));
    expect(fields).toMatchObject({ id: ['BYTE_ARRAY', 'REQUIRED'], start: ['INT32', 'REQUIRED'], speaker: ['BYTE_ARRAY', 'OPTIONAL'], cue_start: ['INT32', 'OPTIONAL'], confidence: ['DOUBLE', 'REQUIRED'] });
    const articles = await parquetMetadataAsync(await asyncBufferFromFile(path.join(temp, 'corpus-parquet', 'articles.parquet')));
    const date = parquetSchema(articles).children.find((c) => c.element.name === 'date')?.element;
    expect([date?.type, date?.converted_type, date?.repetition_type]).toEqual(['INT32', 'DATE', 'OPTIONAL']);
    const speakers = await parquetMetadataAsync(await asyncBufferFromFile(path.join(temp, 'corpus-parquet', 'speakers.parquet')));
    const roles = parquetSchema(speakers).children.find((c) => c.element.name === 'roles');
    expect(roles?.element.converted_type).toBe('LIST');
  });

  it('pandas reads the CSV with typed columns and string ids, with no dtype arguments', () => {
    const result = pandas(`q = pd.read_csv(sys.argv[1])
print(json.dumps({"rows": len(q), "article_id": str(q["article_id"].dtype), "start": str(q["start"].dtype), "confidence": str(q["confidence"].dtype), "nulls": int(q["speaker"].isna().sum())}))`, path.join(temp, 'corpus-csv', 'quotes.csv'));
    const jsonl = outputs.get('jsonl');
    expect(result).toEqual({ rows: jsonl?.quotes.length, article_id: 'object', start: 'int64', confidence: 'float64', nulls: jsonl?.quotes.filter((q) => q.speaker === null).length });
  });
});

describe('records a notebook can trust', () => {
  let output: CheckedOutput;
  const out = path.join(temp, 'ids');
  beforeAll(async () => {
    await run(input, out);
    output = await checkOutput(out);
  });

  it('article ids never read as numbers: a numeric file name keeps its extension', () => {
    expect(output.articles.map((a) => a.article_id).sort()).toEqual(['001.txt', '002.txt', 'feed#7', 'feed#8']);
    const result = pandas(`a = pd.read_json(sys.argv[1], lines=True)
q = pd.read_json(sys.argv[2], lines=True)
print(json.dumps({"articles": str(a["article_id"].dtype), "ids": sorted(a["article_id"].tolist()), "quotes": str(q["article_id"].dtype), "quote_id": str(q["id"].dtype), "date": str(a["date"].dtype)}))`, path.join(out, 'articles.jsonl'), path.join(out, 'quotes.jsonl'));
    expect(result).toEqual({ articles: 'object', ids: ['001.txt', '002.txt', 'feed#7', 'feed#8'], quotes: 'object', quote_id: 'object', date: 'datetime64[ns]' });
  });

  it('a date that is not a calendar date is null; a timestamp is its date', () => {
    const dates = Object.fromEntries(output.articles.map((a) => [a.article_id, [a.date, a.date_source]]));
    expect(dates['feed#7']).toEqual([null, null]);
    expect(dates['feed#8']).toEqual(['2024-03-05', 'jsonl']);
  });

  it('speaker_id: one id for a canonical speaker across articles and runs; an unresolved mention is per article', async () => {
    const lindqvist = output.speakers.filter((s) => s.name === 'Maria Lindqvist');
    expect(lindqvist).toHaveLength(1);
    expect(lindqvist[0]).toMatchObject({ scope: 'corpus', articles: ['001.txt', '002.txt', 'feed#8'] });
    const company = output.speakers.filter((s) => s.name === 'company');
    expect(company.map((s) => [s.scope, s.articles])).toEqual([['article', ['001.txt']], ['article', ['002.txt']]]);
    expect(new Set(company.map((s) => s.speaker_id)).size).toBe(2);
    // Another run, elsewhere, with only one of the articles: the same ids.
    const again = path.join(temp, 'ids-again');
    const single = path.join(temp, 'in-single');
    mkdirSync(single);
    writeFileSync(path.join(single, '002.txt'), readFileSync(path.join(input, '002.txt')));
    await run(single, again);
    const second = await checkOutput(again);
    const ids = (o: CheckedOutput) => Object.fromEntries(o.speakers.filter((s) => s.articles.includes('002.txt')).map((s) => [s.name, s.speaker_id]));
    expect(ids(second)).toEqual(ids(output));
  });

  it('merging quotes with speakers on speaker_id never multiplies rows (pandas)', () => {
    const result = pandas(`q = pd.read_json(sys.argv[1], lines=True)
s = pd.read_json(sys.argv[2], lines=True)
m = q.merge(s, on="speaker_id", how="left", validate="many_to_one", suffixes=("", "_speaker"))
by_name = q.merge(s, left_on="speaker", right_on="name", how="left")
print(json.dumps({"quotes": len(q), "merged": len(m), "by_name": len(by_name), "matched": int(m["name"].notna().sum()), "with_speaker": int(q["speaker"].notna().sum())}))`, path.join(out, 'quotes.jsonl'), path.join(out, 'speakers.jsonl'));
    const quotes = output.quotes.length;
    const withSpeaker = output.quotes.filter((q) => q.speaker !== null).length;
    // Merging on the name would multiply the two "company" quotes (two lines each); on the id it does not.
    expect(result).toEqual({ quotes, merged: quotes, by_name: quotes + 2, matched: withSpeaker, with_speaker: withSpeaker });
  });
});

describe('a run with no quotes still has its columns', () => {
  const input = path.join(temp, 'quiet');
  beforeAll(() => {
    mkdirSync(input);
    writeFileSync(path.join(input, 'calm.txt'), 'The bridge opened on Monday. Traffic was light.\n');
  });

  it('CSV: a header row; Parquet: the schema with no rows', async () => {
    await run(input, path.join(temp, 'quiet-csv'), { format: 'csv' });
    await run(input, path.join(temp, 'quiet-parquet'), { format: 'parquet' });
    for (const format of ['csv', 'parquet']) expect((await checkOutput(path.join(temp, `quiet-${format}`))).quotes).toEqual([]);
    expect(readFileSync(path.join(temp, 'quiet-csv', 'quotes.csv'), 'utf8')).toMatch(/^id,article_id,source_path,kind,text,start,end,.*,confidence\r\n$/);
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path.join(temp, 'quiet-parquet', 'quotes.parquet')));
    expect(metadata.num_rows).toBe(0n);
    expect(parquetSchema(metadata).children.map((c) => c.element.name)).toContain('speaker_id');
  });

  it("the README's pandas snippet works on it (JSON Lines and CSV)", async () => {
    const out = path.join(temp, 'quiet-jsonl');
    await run(input, out);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const snippet = /<!-- pandas-snippet -->\s*```python\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet, 'README: the pandas snippet after <!-- pandas-snippet -->').toBeDefined();
    const script = `${(snippet ?? '').replaceAll('"output"', 'sys.argv[1]')}\nprint(json.dumps({"quotes": list(quotes.columns), "rows": len(quotes), "per_speaker": len(per_speaker)}))`;
    const result = pandas(script, out) as { quotes: string[]; rows: number; per_speaker: number };
    expect(result).toMatchObject({ rows: 0, per_speaker: 0 });
    expect(result.quotes).toContain('speaker_id');
    // The same snippet on a run with quotes: one count per speaker name.
    const full = pandas(script, path.join(temp, 'corpus-jsonl')) as { rows: number; per_speaker: number };
    expect(full.rows).toBeGreaterThan(40);
    expect(full.per_speaker).toBeGreaterThan(5);
    // CSV: a plain read_csv has the columns.
    const csv = pandas('q = pd.read_csv(sys.argv[1])\nprint(json.dumps({"columns": list(q.columns), "rows": len(q), "groups": len(q.groupby("speaker").size())}))', path.join(temp, 'quiet-csv', 'quotes.csv')) as { columns: string[]; rows: number; groups: number };
    expect(csv).toMatchObject({ rows: 0, groups: 0 });
    expect(csv.columns).toContain('speaker_id');
  });
});

describe('the output folder and the formats', () => {
  it('a later run in another format replaces the earlier files; a foreign file of the new format is refused', async () => {
    const out = path.join(temp, 'switch');
    await run(input, out);
    await run(input, out, { format: 'csv' });
    expect(readdirSync(out).sort()).toEqual(['.who-said-what.json', ...outputFiles('csv')].sort());
    const marker = JSON.parse(readFileSync(path.join(out, '.who-said-what.json'), 'utf8')) as { files: string[] };
    expect(marker.files).toEqual(outputFiles('csv'));

    writeFileSync(path.join(out, 'speakers.parquet'), 'the user\'s own file');
    await expect(run(input, out, { format: 'parquet' })).rejects.toBeInstanceOf(OutputRefusal);
    expect(readFileSync(path.join(out, 'speakers.parquet'), 'utf8')).toBe('the user\'s own file');
    expect(existsSync(path.join(out, 'quotes.csv'))).toBe(true);
    // A foreign file of another format is not replaced, so it does not stop a run.
    await run(input, out, { format: 'csv' });
    expect(readFileSync(path.join(out, 'speakers.parquet'), 'utf8')).toBe('the user\'s own file');
  });
});
