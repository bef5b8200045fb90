/**
 * The README's field tables, made from the schema's `.describe()` texts. `npm run schema` writes them between
 * `<!-- schema:NAME -->` and `<!-- /schema:NAME -->`; a test fails when the README and the schema disagree.
 */
import { jsonSchemaOf, SCHEMA_NAMES, type SchemaName } from './json-schema.ts';

interface Node { type?: string | string[]; anyOf?: Node[]; enum?: unknown[]; items?: Node; format?: string; properties?: Record<string, Node>; required?: string[]; description?: string }

function typeName(node: Node): string {
  if (node.anyOf) return node.anyOf.map(typeName).join(' or ');
  if (Array.isArray(node.type)) return node.type.map((type) => typeName({ ...node, type })).join(' or ');
  if (node.type === 'array') return `list of ${typeName(node.items ?? {})}`;
  if (node.type === 'string' && node.format === 'date') return 'date string';
  if (node.type === 'string' && node.format === 'date-time') return 'date-time string';
  if (node.type === 'object' && !node.properties) return 'object';
  return node.type ?? 'any';
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function rows(properties: Record<string, Node>, required: Set<string>, prefix: string): string[] {
  return Object.entries(properties).flatMap(([name, node]) => {
    const field = `${prefix}${name}`;
    const type = `${typeName(node)}${required.has(name) ? '' : ', optional'}`;
    const row = `| \`${field}\` | ${cell(type)} | ${cell(node.description ?? '')} |`;
    // Objects with fields of their own (run.json's counts, options…) list them below, as `counts.files`.
    return node.type === 'object' && node.properties ? [row, ...rows(node.properties, new Set(node.required ?? []), `${field}.`)] : [row];
  });
}

export function fieldTable(name: SchemaName): string {
  const schema = jsonSchemaOf(name) as Node;
  return ['| field | type | meaning |', '| --- | --- | --- |', ...rows(schema.properties ?? {}, new Set(schema.required ?? []), '')].join('\n');
}

const markers = (name: SchemaName): [string, string] => [`<!-- schema:${name} -->`, `<!-- /schema:${name} -->`];

/** The README with every field table between its markers made anew; throws if a marker is missing. */
export function withFieldTables(readme: string): string {
  let text = readme;
  for (const name of SCHEMA_NAMES) {
    const [open, close] = markers(name);
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README: the markers ${open} … ${close} are missing`);
    text = `${text.slice(0, start + open.length)}\n\n${fieldTable(name)}\n\n${text.slice(end)}`;
  }
  return text;
}
