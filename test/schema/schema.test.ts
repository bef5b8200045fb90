/**
 * One schema, one truth: the shipped JSON Schema files and the README's field tables are what the zod schemas
 * make (`npm run schema` rewrites both), and the readers built on the schema reject what it does not allow.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaFileName } from '../../pipeline/output/names.ts';
import { jsonSchemaOf, jsonSchemaText, SCHEMA_NAMES } from '../../pipeline/schema/json-schema.ts';
import { looksNumeric, quoteId, speakerId } from '../../pipeline/schema/ids.ts';
import { readRecords, RecordFileError } from '../../pipeline/schema/read.ts';
import { fieldTable, withFieldTables } from '../../pipeline/schema/readme.ts';
import { ArticleRecord, QuoteRecord } from '../../pipeline/schema/records.ts';
import { README, RULE_FILES, SHIPPED_SCHEMA_DIR } from '../../pipeline/schema/generate.ts';
import { ruleJsonSchemaText, ruleSchemaFileName } from '../../pipeline/schema/rules.ts';
import { quotesOf } from '../helpers.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'wsw-schema-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('generated from the schema', () => {
  it('the shipped schema/*.schema.json files are up to date (npm run schema)', () => {
    expect(readdirSync(SHIPPED_SCHEMA_DIR).sort()).toEqual([...SCHEMA_NAMES.map(schemaFileName), 'rules'].sort());
    for (const name of SCHEMA_NAMES) expect(readFileSync(path.join(SHIPPED_SCHEMA_DIR, schemaFileName(name)), 'utf8'), name).toBe(jsonSchemaText(name));
  });

  it('the shipped schema/rules/*.schema.json files are up to date (npm run schema)', () => {
    const dir = path.join(SHIPPED_SCHEMA_DIR, 'rules');
    expect(readdirSync(dir).sort()).toEqual(RULE_FILES.map(ruleSchemaFileName).sort());
    for (const name of RULE_FILES) expect(readFileSync(path.join(dir, ruleSchemaFileName(name)), 'utf8'), name).toBe(ruleJsonSchemaText(name));
    // The pattern rules' schema holds the recursive pattern language (as $defs), not an empty placeholder.
    expect(JSON.parse(ruleJsonSchemaText('patterns/*.json')) as object).toHaveProperty('$defs');
  });

  it("the README's field tables are the schema's (npm run schema)", () => {
    const readme = readFileSync(README, 'utf8');
    expect(withFieldTables(readme)).toBe(readme);
    // Each table lists every field with its description.
    expect(fieldTable('quotes')).toContain('| `speaker_id` | string or null | the speaker');
    expect(fieldTable('run')).toContain('| `counts.files` | integer | files found |');
  });

  it('every field has a description (the README would show an empty meaning)', () => {
    const undescribed: string[] = [];
    const walk = (node: Record<string, unknown>, where: string): void => {
      const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, child] of Object.entries(properties)) {
        if (typeof child.description !== 'string' || child.description === '') undescribed.push(`${where}.${name}`);
        walk(child, `${where}.${name}`);
      }
    };
    for (const name of SCHEMA_NAMES) walk(jsonSchemaOf(name), name);
    expect(undescribed).toEqual([]);
  });
});

describe('records and readers', () => {
  it('the pipeline makes records the schema accepts, and the schema rejects a record that drifts', () => {
    const quotes = quotesOf('Maria Lindqvist, the mayor of Tarnby, said the bridge would open in May.\n');
    expect(quotes).toHaveLength(1);
    expect(QuoteRecord.parse(quotes[0])).toEqual(quotes[0]);
    expect(QuoteRecord.safeParse({ ...quotes[0], kind: 'paraphrase' }).success).toBe(false);
    expect(QuoteRecord.safeParse({ ...quotes[0], extra: 1 }).success).toBe(false);
    const { speaker_id: _, ...withoutId } = quotes[0] ?? {};
    expect(QuoteRecord.safeParse(withoutId).success).toBe(false);
    expect(ArticleRecord.shape.date.safeParse('yesterday').success).toBe(false);
    expect(ArticleRecord.shape.date.safeParse('2024-02-30').success).toBe(false);
  });

  it('readRecords names the file, the line and the field of a bad record', () => {
    const [quote] = quotesOf('Maria Lindqvist said the bridge would open in May.\n');
    const file = path.join(temp, 'quotes.jsonl');
    writeFileSync(file, `${JSON.stringify(quote)}\n\n${JSON.stringify({ ...quote, start: -1 })}\n`);
    expect(() => readRecords(file, 'quotes')).toThrow(RecordFileError);
    expect(() => readRecords(file, 'quotes')).toThrow(/quotes\.jsonl:3: start: /);
    writeFileSync(file, `${JSON.stringify(quote)}\n`);
    expect(readRecords(file, 'quotes')).toEqual([quote]);
  });
});

describe('ids', () => {
  it('what pandas would read as a number', () => {
    for (const value of ['001', '1', '-3', '1.5', '.5', '1e5', '1E-3', 'nan', 'NaN', 'inf', '-Infinity', '1_000', ' 7 ']) expect(looksNumeric(value), value).toBe(true);
    for (const value of ['001.txt', 'a1', '1a', 'feed#7', '0x10', '1e', 'e5', '', 'True', '2024-03-05', '1.2.3']) expect(looksNumeric(value), value).toBe(false);
  });

  it('quote and speaker ids carry prefixes and depend on what they should', () => {
    expect(quoteId('a', 'direct', 1, 2)).toMatch(/^q_[0-9a-f]{16}$/);
    const canonical = speakerId({ name: 'Maria Lindqvist', type: 'person', articleId: null });
    expect(canonical).toMatch(/^spk_[0-9a-f]{16}$/);
    expect(speakerId({ name: 'Maria Lindqvist', type: 'person', articleId: null })).toBe(canonical);
    expect(speakerId({ name: 'Maria Lindqvist', type: 'organization', articleId: null })).not.toBe(canonical);
    const inA = speakerId({ name: 'company', type: 'organization', articleId: 'a' });
    expect(speakerId({ name: 'company', type: 'organization', articleId: 'b' })).not.toBe(inA);
    expect(speakerId({ name: 'company', type: 'organization', articleId: null })).not.toBe(inA);
  });

  it('are what earlier versions wrote: SHA-1 of the parts joined by NUL, its first 16 hex digits', () => {
    // Ids are kept in users' tables and joined across runs: a faster hash call must give the same digits.
    const sha1 = (...parts: string[]): string => createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
    expect(quoteId('feed#7', 'mixed', 120, 184)).toBe(`q_${sha1('feed#7', 'mixed', '120', '184')}`);
    expect(speakerId({ name: 'Édith Varga-Lund', type: 'person', articleId: null })).toBe(`spk_${sha1('corpus', 'person', 'Édith Varga-Lund')}`);
    expect(speakerId({ name: 'the ministry', type: null, articleId: 'a/b' })).toBe(`spk_${sha1('article', 'a/b', '', 'the ministry')}`);
  });
});
