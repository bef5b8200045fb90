/**
 * The columns of a record file, read off its JSON Schema (so from the zod schema): name, value type and whether
 * it may be null. The CSV header and the Parquet schema are made from these.
 */
import { z } from 'zod';
import { RECORD_SCHEMAS, type RecordFile } from './records.ts';

/** `date`: a calendar date written `YYYY-MM-DD` (a Parquet DATE; text in CSV). */
export type ColumnType = 'string' | 'date' | 'integer' | 'number' | 'boolean' | 'string-list';
export interface Column { name: string; type: ColumnType; nullable: boolean; description: string }

interface JsonSchemaNode { type?: string | string[]; anyOf?: JsonSchemaNode[]; items?: JsonSchemaNode; format?: string; description?: string }

function typesOf(node: JsonSchemaNode): JsonSchemaNode[] {
  if (node.anyOf) return node.anyOf.flatMap(typesOf);
  if (Array.isArray(node.type)) return node.type.map((type) => ({ ...node, type }));
  return [node];
}

export function columnsOf(file: RecordFile): Column[] {
  const json = z.toJSONSchema(RECORD_SCHEMAS[file]) as { properties: Record<string, JsonSchemaNode>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties).map(([name, node]) => {
    const variants = typesOf(node);
    const nullable = !required.has(name) || variants.some((v) => v.type === 'null');
    const value = variants.filter((v) => v.type !== 'null');
    const [first] = value;
    let type: ColumnType;
    if (value.length !== 1 || !first) throw new Error(`schema: column ${file}.${name} has no single value type`);
    if (first.type === 'array' && first.items?.type === 'string') type = 'string-list';
    else if (first.type === 'string' && first.format === 'date') type = 'date';
    else if (first.type === 'string' || first.type === 'integer' || first.type === 'number' || first.type === 'boolean') type = first.type;
    else throw new Error(`schema: column ${file}.${name} has a type no table format holds (${JSON.stringify(first.type)})`);
    return { name, type, nullable, description: node.description ?? '' };
  });
}
