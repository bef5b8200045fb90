/**
 * The record files in the format the user chose (`--format`): JSON Lines (one JSON object a line), CSV (RFC 4180,
 * csv-stringify, with a header also when there are no rows) or Parquet (hyparquet-writer, typed nullable columns; `date` is a DATE).
 * The columns of CSV and Parquet come from the output schema (schema/columns.ts); a run with no rows still gives
 * a file with its columns, so a data frame read from it has them.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import type { ParquetWriter } from 'hyparquet-writer';
import { columnsOf, type Column } from '../schema/columns.ts';
import type { OutputFormat, RecordFile } from '../schema/records.ts';
import { LineWriter } from './lines.ts';

export interface RecordWriter {
  write(record: object, signal?: AbortSignal): Promise<void>;
  /** JSON Lines only: lines already made from records (a worker thread's EncodedQuotes). */
  writeLines?(lines: string | Uint8Array, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
  destroy(): void;
}

/** The columns of a record file as written (articles' `text` only with --article-text). */
export const writtenColumns = (file: RecordFile, withText: boolean): Column[] =>
  columnsOf(file).filter((column) => withText || !(file === 'articles' && column.name === 'text'));

export function createRecordWriter(format: OutputFormat, path: string, file: RecordFile, withText: boolean): RecordWriter {
  if (format === 'jsonl') return new LineWriter(path);
  const columns = writtenColumns(file, withText);
  return format === 'csv' ? new CsvWriter(path, columns) : new ParquetRecordWriter(path, columns);
}

const valueOf = (record: object, name: string): unknown => (record as Record<string, unknown>)[name];

/** CSV: nulls are empty fields; lists are JSON arrays (`["a","b"]`), which `json.loads` reads back. */
class CsvWriter implements RecordWriter {
  private readonly stringifier: Stringifier;
  private readonly file: WriteStream;
  private failure: Error | null = null;

  constructor(path: string, private readonly columns: Column[]) {
    this.stringifier = stringify({
      header: true,
      columns: columns.map((c) => c.name),
      eof: true,
      record_delimiter: 'windows',
      cast: { boolean: (value) => (value ? 'true' : 'false'), object: (value) => JSON.stringify(value) },
    });
    this.file = createWriteStream(path);
    for (const stream of [this.stringifier, this.file]) stream.on('error', (error: Error) => { this.failure ??= error; });
    this.stringifier.pipe(this.file);
  }

  async write(record: object, signal?: AbortSignal): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.stringifier.write(this.columns.map((c) => valueOf(record, c.name) ?? null))) return;
    await once(this.stringifier, 'drain', signal ? { signal } : {});
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stringifier.end();
    await finished(this.file);
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stringifier.destroy();
    this.file.destroy();
  }
}

const ROW_GROUP = 20_000;
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

function parquetElement(column: Column): SchemaElement[] {
  const repetition_type = column.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (column.type) {
    case 'string': return [{ name: column.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }];
    case 'date': return [{ name: column.name, type: 'INT32', converted_type: 'DATE', repetition_type }];
    case 'integer': return [{ name: column.name, type: 'INT32', repetition_type }];
    case 'number': return [{ name: column.name, type: 'DOUBLE', repetition_type }];
    case 'boolean': return [{ name: column.name, type: 'BOOLEAN', repetition_type }];
    case 'string-list': return [
      { name: column.name, repetition_type, converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    ];
  }
}

/** A record's value as the Parquet column takes it: a DATE from its `YYYY-MM-DD` text, null for absent. */
function parquetValue(column: Column, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (column.type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  return value;
}

/**
 * Parquet: rows are gathered into row groups of 20,000 and written as each fills. The library (with the Parquet
 * reader it brings, some 10 MB resident) is loaded only by a run that writes Parquet.
 */
class ParquetRecordWriter implements RecordWriter {
  private writer: ParquetWriter | null = null;
  private rows: object[] = [];

  constructor(private readonly path: string, private readonly columns: Column[]) {}

  async write(record: object): Promise<void> {
    this.rows.push(record);
    if (this.rows.length >= ROW_GROUP) await this.flush();
  }

  private async open(): Promise<ParquetWriter> {
    if (this.writer) return this.writer;
    const { fileWriter, ParquetWriter } = await import('hyparquet-writer');
    const schema: SchemaElement[] = [{ name: 'root', num_children: this.columns.length }, ...this.columns.flatMap(parquetElement)];
    this.writer = new ParquetWriter({ writer: fileWriter(this.path), schema, createdBy: 'who-said-what' });
    return this.writer;
  }

  private async flush(): Promise<void> {
    const writer = await this.open();
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    const columnData = this.columns.map((c) => ({ name: c.name, data: rows.map((row) => parquetValue(c, valueOf(row, c.name))) }));
    // One row group per call; the library writes it synchronously.
    void writer.write({ columnData, rowGroupSize: rows.length });
  }

  async close(): Promise<void> {
    await this.flush();
    (await this.open()).finish();
  }

  destroy(): void {
    this.rows = [];
  }
}
