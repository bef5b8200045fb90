/**
 * Checks an output folder against the output schema: every record of every file (JSON Lines, CSV or Parquet, read
 * back with csv-parse and hyparquet), run.json, and how the files fit together (each quote's speaker_id is one line
 * of speakers, each quote's article is a row of articles, counts agree with run.json). Any test that produces
 * output can call it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { expect } from 'vitest';
import { writtenColumns } from '../pipeline/output/formats.ts';
import { recordFileName, schemaFileName } from '../pipeline/output/names.ts';
import type { Column } from '../pipeline/schema/columns.ts';
import { jsonSchemaText } from '../pipeline/schema/json-schema.ts';
import { readRecords, readRunSummary, type RecordTypes } from '../pipeline/schema/read.ts';
import { RECORD_SCHEMAS, type RecordFile, type RunSummary } from '../pipeline/schema/records.ts';

export interface CheckedOutput {
  run: RunSummary;
  quotes: RecordTypes['quotes'][];
  articles: RecordTypes['articles'][];
  speakers: RecordTypes['speakers'][];
}

/** A CSV field back to its value: empty is null, numbers are numbers, lists are JSON. */
function fromCsv(column: Column, field: string): unknown {
  if (field === '' && column.nullable) return null;
  switch (column.type) {
    case 'integer': case 'number': return Number(field);
    case 'boolean': return field === 'true';
    case 'string-list': return JSON.parse(field) as unknown;
    case 'string': case 'date': return field;
  }
}

async function readTable(dir: string, file: RecordFile, run: RunSummary): Promise<unknown[]> {
  const format = run.format;
  const name = path.join(dir, recordFileName(file, format));
  const columns = writtenColumns(file, run.options.article_text);
  if (format === 'csv') {
    const rows = parse(readFileSync(name, 'utf8'), { bom: false, relax_column_count: false }) as string[][];
    // The header is there even when there are no rows.
    expect(rows[0], `${name}: header`).toEqual(columns.map((c) => c.name));
    return rows.slice(1).map((row) => Object.fromEntries(columns.map((c, i) => [c.name, fromCsv(c, row[i] ?? '')])));
  }
  const file_ = await asyncBufferFromFile(name);
  const rows = await parquetReadObjects({ file: file_ });
  // A Parquet DATE reads back as a Date at midnight UTC; the record holds its YYYY-MM-DD.
  const value = (c: Column, v: unknown): unknown => (c.type === 'date' && v instanceof Date ? v.toISOString().slice(0, 10) : v ?? null);
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.name, value(c, row[c.name])])));
}

async function readAll<F extends RecordFile>(dir: string, file: F, run: RunSummary): Promise<Array<RecordTypes[F]>> {
  if (run.format === 'jsonl') return readRecords(path.join(dir, recordFileName(file, 'jsonl')), file);
  const rows = await readTable(dir, file, run);
  return rows.map((row, index) => {
    const parsed = RECORD_SCHEMAS[file].safeParse(row);
    if (!parsed.success) throw new Error(`${recordFileName(file, run.format)} row ${index + 1}: ${parsed.error.message}`);
    return parsed.data as RecordTypes[F];
  });
}

/** Validates the output in `dir` and returns its records; fails the calling test on any mismatch. */
export async function checkOutput(dir: string): Promise<CheckedOutput> {
  const run = readRunSummary(path.join(dir, 'run.json'));
  const [quotes, articles, speakers] = [await readAll(dir, 'quotes', run), await readAll(dir, 'articles', run), await readAll(dir, 'speakers', run)];
  // The JSON Schemas beside the output are this version's.
  for (const name of ['quotes', 'articles', 'speakers', 'run'] as const) {
    const schemaFile = path.join(dir, schemaFileName(name));
    expect(existsSync(schemaFile), schemaFile).toBe(true);
    expect(readFileSync(schemaFile, 'utf8'), schemaFile).toBe(jsonSchemaText(name));
  }
  expect(run.$schema).toBe(schemaFileName('run'));
  expect({ articles: articles.length, quotes: quotes.length, speakers: speakers.length })
    .toEqual({ articles: run.counts.articles, quotes: run.counts.quotes, speakers: run.counts.speakers });
  const speakerIds = speakers.map((s) => s.speaker_id);
  expect(new Set(speakerIds).size, 'one speakers line per speaker_id').toBe(speakerIds.length);
  const articleIds = new Set(articles.map((a) => a.article_id));
  expect(articleIds.size, 'one articles row per article_id').toBe(articles.length);
  const bySpeaker = new Map(speakers.map((s) => [s.speaker_id, s]));
  for (const quote of quotes) {
    expect(articleIds.has(quote.article_id), `quote ${quote.id}: article ${quote.article_id}`).toBe(true);
    expect(quote.speaker_id === null, `quote ${quote.id}: speaker_id null exactly when speaker is`).toBe(quote.speaker === null);
    if (quote.speaker_id === null) continue;
    const speaker = bySpeaker.get(quote.speaker_id);
    expect(speaker, `quote ${quote.id}: speaker ${quote.speaker_id} in speakers`).toBeDefined();
    expect(speaker?.name).toBe(quote.speaker);
    expect(speaker?.articles).toContain(quote.article_id);
  }
  expect(speakers.reduce((sum, s) => sum + s.quotes, 0)).toBe(quotes.filter((q) => q.speaker_id !== null).length);
  return { run, quotes, articles, speakers };
}
