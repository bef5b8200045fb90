/** Readers of the output files that check every record against its schema, so a consumer never guesses. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { RECORD_SCHEMAS, RunSummary, type ArticleRecord, type QuoteRecord, type RecordFile, type SpeakerRecord } from './records.ts';

export interface RecordTypes { quotes: QuoteRecord; articles: ArticleRecord; speakers: SpeakerRecord }

/** A file that is not what its schema says: names the file, the line and the field. */
export class RecordFileError extends Error {}

const describe = (error: z.ZodError): string =>
  error.issues.slice(0, 3).map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ');

/** Every non-blank line of a JSON Lines file, parsed and checked against `schema`. */
export function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecordFileError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const records: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new RecordFileError(`${file}:${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new RecordFileError(`${file}:${index + 1}: ${describe(parsed.error)}`);
    records.push(parsed.data);
  });
  return records;
}

/** The records of quotes.jsonl, articles.jsonl or speakers.jsonl, each checked against the output schema. */
export function readRecords<F extends RecordFile>(file: string, kind: F): Array<RecordTypes[F]> {
  // RECORD_SCHEMAS[kind] is the schema of RecordTypes[kind]; TypeScript cannot follow the index through the union.
  return readJsonLines(file, RECORD_SCHEMAS[kind] as unknown as z.ZodType<RecordTypes[F]>);
}

export function readRunSummary(file: string): RunSummary {
  const parsed = RunSummary.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new RecordFileError(`${file}: ${describe(parsed.error)}`);
  return parsed.data;
}
