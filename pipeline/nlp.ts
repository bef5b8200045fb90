/**
 * Sentence boundaries as wink-nlp draws them. Our port of wink's splitter (engine/sentence-boundaries.ts) answers
 * for nearly every paragraph; wink itself, loaded once per process (per worker) and only when a paragraph needs it
 * (synchronously, both are CommonJS), answers for the rare ones the port does not model. One wink instance at a time,
 * as wink needs.
 */
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import { SentenceSplitter, SpanList, type SentenceSpan } from './engine/sentence-boundaries.ts';
import { renewableModel, winkRenewal } from './nlp-renewal.ts';

type Wink = ReturnType<typeof winkNLP>;
let wink: Wink | null = null;
let splitter = new SentenceSplitter();

/** Paragraphs split in this process, and how many of them went to wink. */
export const splitterStats = { paragraphs: 0, fallbacks: 0 };

export function getWink(): Wink {
  if (!wink) {
    const require = createRequire(import.meta.url);
    // Sentence boundaries only: the lite model's other passes are not used here and cost time.
    wink = (require('wink-nlp') as typeof winkNLP)(renewableModel(require('wink-eng-lite-web-model') as typeof model), ['sbd']);
  }
  return wink;
}

/** Sentence spans of `text` (offsets into it) from a wink instance (the process's own unless given). */
export function winkSpans(text: string, instance: Wink = getWink()): SentenceSpan[] {
  const doc = instance.readDoc(text);
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  for (const sentence of doc.sentences().out()) {
    // wink returns the sentence text; find it from the cursor to recover offsets.
    const trimmed = sentence.trim();
    if (!trimmed) continue;
    const at = text.indexOf(trimmed, cursor);
    if (at < 0) continue;
    spans.push({ start: at, end: at + trimmed.length });
    cursor = at + trimmed.length;
  }
  return spans;
}

/** Sentence spans of `text` (offsets into it), as wink-nlp splits them, by wink itself. */
export function winkSentences(text: string): SentenceSpan[] {
  // wink's word cache only grows: a fresh instance now and then bounds it (nlp-renewal.ts).
  if (winkRenewal.due(text.length)) wink = null;
  return winkSpans(text);
}

/** Sentence spans of `text` (offsets into it), as wink-nlp splits them: by the port, by wink where it cannot say. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const out = new SpanList();
  sentenceSpansInto(text, out);
  const spans: SentenceSpan[] = [];
  for (let k = 0; k < out.length; k++) spans.push({ start: out.starts[k] as number, end: out.ends[k] as number });
  return spans;
}

/** As `sentenceSpans`, into `out` (cleared first): the segment stage's way, with no object per sentence. */
export function sentenceSpansInto(text: string, out: SpanList): void {
  // The port learns words as wink's cache does, so both start afresh together (nlp-renewal.ts).
  if (winkRenewal.due(text.length)) {
    wink = null;
    splitter = new SentenceSplitter();
  }
  splitterStats.paragraphs++;
  if (splitter.splitInto(text, out)) return;
  splitterStats.fallbacks++;
  for (const span of winkSpans(text)) out.push(span.start, span.end);
}
