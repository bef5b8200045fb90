import { createPipeline, processText } from '../pipeline/pipeline.ts';
import { quoteRecords, type QuoteRecord } from '../pipeline/records.ts';

export const pipeline = createPipeline();

export function quotesOf(text: string): QuoteRecord[] {
  return quoteRecords(processText(pipeline, text));
}

const EDGE = /^[\s"'“”‘’«»„,.;:!?]+|[\s"'“”‘’«»„,.;:!?]+$/gu;
export const bare = (text: string): string => text.replace(EDGE, '');

/** The quote whose text, without edge punctuation, is `expected`. */
export function quoteWithText(records: QuoteRecord[], expected: string): QuoteRecord | undefined {
  return records.find((record) => bare(record.text) === bare(expected));
}

export const summary = (records: QuoteRecord[]): Array<[string, string, string | null]> =>
  records.map((r) => [r.kind, bare(r.text), r.speaker]);
