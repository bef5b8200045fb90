/**
 * `npm run schema`: writes the JSON Schema files shipped in schema/ and the README's field tables, both from the
 * zod schemas in schema/records.ts. A test fails when the committed files differ from what this writes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFileName } from '../output/names.ts';
import { jsonSchemaText, SCHEMA_NAMES } from './json-schema.ts';
import { withFieldTables } from './readme.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHIPPED_SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');
export const README = path.join(PROJECT_ROOT, 'README.md');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(SHIPPED_SCHEMA_DIR, { recursive: true });
  for (const name of SCHEMA_NAMES) writeFileSync(path.join(SHIPPED_SCHEMA_DIR, schemaFileName(name)), jsonSchemaText(name));
  writeFileSync(README, withFieldTables(readFileSync(README, 'utf8')));
  console.log(`wrote ${SCHEMA_NAMES.map((name) => `schema/${schemaFileName(name)}`).join(', ')} and the README's field tables`);
}
