/** Output folders for the report tests, written as the tool writes them (records, marker), with invented names. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArticleRecord, QuoteRecord } from '../../pipeline/records.ts';

/** A quote line as a version with or without speaker_id wrote it. */
export type QuoteLine = Omit<QuoteRecord, 'speaker_id'> & { speaker_id?: string | null };
export type QuoteInput = Partial<Omit<QuoteRecord, 'speaker_id'>> & Pick<QuoteRecord, 'article_id' | 'start' | 'end'> & { speaker_id?: string | null };
export type ArticleInput = Partial<ArticleRecord> & Pick<ArticleRecord, 'article_id'>;

const temps: string[] = [];

export function tempDir(prefix = 'wsw-report-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function quote(input: QuoteInput, text?: string): QuoteLine {
  return {
    id: `${input.article_id}:${input.start}`,
    source_path: `${input.article_id}.txt`,
    kind: 'direct',
    text: text ?? '',
    paragraph: 0,
    sentence: 0,
    utterance: 0,
    speaker: null,
    speaker_type: null,
    speaker_mention: null,
    speaker_mention_start: null,
    speaker_mention_end: null,
    speaker_role: null,
    cue: null,
    cue_start: null,
    cue_end: null,
    cue_class: null,
    rule: null,
    resolution: 'none',
    confidence: 0.5,
    ...input,
  };
}

export function article(input: ArticleInput): ArticleRecord {
  return {
    source_path: `${input.article_id}.txt`,
    title: null,
    title_source: null,
    date: null,
    date_source: null,
    author: null,
    author_source: null,
    url: null,
    language: 'eng',
    status: 'ok',
    reason: null,
    quotes: 0,
    chars: input.text?.length ?? 0,
    format: 'text',
    encoding: 'UTF-8',
    offsets: 'Unicode code points',
    paragraphs: 1,
    sentences: 1,
    line: null,
    ...input,
  };
}

const lines = (records: unknown[]): string => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** An output folder as `npm run extract` leaves it: the four files and the marker listing them. */
export function outputFolder(records: { articles: ArticleRecord[]; quotes: QuoteLine[] }, dir = tempDir()): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'articles.jsonl'), lines(records.articles));
  writeFileSync(path.join(dir, 'quotes.jsonl'), lines(records.quotes));
  writeFileSync(path.join(dir, 'speakers.jsonl'), '');
  writeFileSync(path.join(dir, 'run.json'), `${JSON.stringify({ version: 'test', finished_at: '2026-01-02T03:04:05.000Z', input_root: '/invented', counts: {} })}\n`);
  writeFileSync(path.join(dir, '.who-said-what.json'), `${JSON.stringify({ tool: 'who-said-what', files: ['quotes.jsonl', 'articles.jsonl', 'speakers.jsonl', 'run.json'] })}\n`);
  return dir;
}

/** Where the text `part` starts in `text`, in code points (as the output counts). */
export function at(text: string, part: string): { start: number; end: number } {
  const index = text.indexOf(part);
  if (index < 0) throw new Error(`"${part}" is not in the text`);
  const start = [...text.slice(0, index)].length;
  return { start, end: start + [...part].length };
}
