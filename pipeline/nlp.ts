/**
 * The NLP models, loaded once per process (per worker) and only when a paragraph needs the splitter (synchronously,
 * both are CommonJS): one wink-nlp instance at a time, as wink needs.
 */
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';
import { renewableModel, winkRenewal } from './nlp-renewal.ts';

type Wink = ReturnType<typeof winkNLP>;
let wink: Wink | null = null;

export function getWink(): Wink {
  if (!wink) {
    const require = createRequire(import.meta.url);
    // Sentence boundaries only: the lite model's other passes are not used here and cost time.
    wink = (require('wink-nlp') as typeof winkNLP)(renewableModel(require('wink-eng-lite-web-model') as typeof model), ['sbd']);
  }
  return wink;
}

/** Sentence spans of `text` (offsets into it), as wink-nlp splits them. */
export function winkSentences(text: string): Array<{ start: number; end: number }> {
  // wink's word cache only grows: a fresh instance now and then bounds it (nlp-renewal.ts).
  if (winkRenewal.due(text.length)) wink = null;
  const doc = getWink().readDoc(text);
  const spans: Array<{ start: number; end: number }> = [];
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
