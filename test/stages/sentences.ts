import { processText } from '../../pipeline/pipeline.ts';
import { pipeline } from '../helpers.ts';

export { pipeline };

export function processTextSentences(text: string): string[] {
  const ctx = processText(pipeline, text);
  return ctx.sentences.map((s) => text.slice(s.start, s.end));
}
