/**
 * `npm run schema`: writes the JSON Schema files shipped in schema/ (the outputs; schema/rules/: the rule files)
 * and the README's field tables, from the zod schemas (schema/records.ts, schema/rules.ts). A test fails when the committed files differ from what this writes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFileName } from '../output/names.ts';
import { jsonSchemaText, SCHEMA_NAMES } from './json-schema.ts';
import { withFieldTables } from './readme.ts';
import { RULE_FILE_SCHEMAS, ruleJsonSchemaText, ruleSchemaFileName, type RuleFileName } from './rules.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHIPPED_SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');
export const README = path.join(PROJECT_ROOT, 'README.md');
export const RULE_FILES = Object.keys(RULE_FILE_SCHEMAS) as RuleFileName[];

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(SHIPPED_SCHEMA_DIR, { recursive: true });
  for (const name of SCHEMA_NAMES) writeFileSync(path.join(SHIPPED_SCHEMA_DIR, schemaFileName(name)), jsonSchemaText(name));
  mkdirSync(path.join(SHIPPED_SCHEMA_DIR, 'rules'), { recursive: true });
  for (const name of RULE_FILES) writeFileSync(path.join(SHIPPED_SCHEMA_DIR, 'rules', ruleSchemaFileName(name)), ruleJsonSchemaText(name));
  writeFileSync(README, withFieldTables(readFileSync(README, 'utf8')));
  console.log(`wrote ${SCHEMA_NAMES.map((name) => `schema/${schemaFileName(name)}`).join(', ')}, schema/rules/ and the README's field tables`);
}
