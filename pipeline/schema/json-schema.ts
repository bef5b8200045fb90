/** The JSON Schema of each output file, made from its zod schema (zod 4's `z.toJSONSchema`). */
import { z } from 'zod';
import { ALL_SCHEMAS } from './records.ts';

export type SchemaName = keyof typeof ALL_SCHEMAS;
export const SCHEMA_NAMES = Object.keys(ALL_SCHEMAS) as SchemaName[];

/** The JSON Schema of one file's records (for run.json: of the file), with a title and stable key order. */
export function jsonSchemaOf(name: SchemaName): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ALL_SCHEMAS[name], { target: 'draft-2020-12', unrepresentable: 'throw' }) as Record<string, unknown>;
  return { $schema, $id: `${name}.schema.json`, title: name === 'run' ? 'run.json' : `one record of ${name}`, ...rest };
}

/** The text of a schema file as written (shipped in schema/ and beside every output). */
export const jsonSchemaText = (name: SchemaName): string => `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`;
