/** The names of the output files: the record files in the chosen format, their JSON Schemas, and run.json. */
import type { OutputFormat, RecordFile } from '../schema/records.ts';

export const RECORD_FILES: readonly RecordFile[] = ['quotes', 'articles', 'speakers'];

/** `quotes.jsonl`, `quotes.csv`, `quotes.parquet`. */
export const recordFileName = (file: RecordFile, format: OutputFormat): string => `${file}.${format}`;

/** The JSON Schema written beside the outputs for a file (`quotes.schema.json`, `run.schema.json`). */
export const schemaFileName = <F extends RecordFile | 'run'>(file: F): `${F}.schema.json` => `${file}.schema.json`;

/** Every file a run in `format` writes; run.json last (it is put in place last, see folder.ts). */
export const outputFiles = (format: OutputFormat): string[] => [
  ...RECORD_FILES.map((file) => recordFileName(file, format)),
  ...[...RECORD_FILES, 'run' as const].map(schemaFileName),
  'run.json',
];
