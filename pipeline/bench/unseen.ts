/**
 * What an article the run has not seen the like of costs: seed-like articles repeat their names and sentences, so
 * after the first few hundred compromise's answers come from the caches (`tagsOf`, `clauseReading`). Real news
 * keeps bringing new names and new clauses. This run warms one pipeline on seed-like articles (code compiled,
 * compromise loaded, the caches full of other words), then times the stages on each real article once: CPU and
 * wall time per article, in this one thread, reading and writing left out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPipeline, processArticle, type Pipeline } from '../pipeline.ts';

export interface UnseenResult { articles: number; bytes: number; wallMs: number; cpuMs: number }

function runAll(pipeline: Pipeline, files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    processArticle(pipeline, { articleId: path.basename(file, '.txt'), sourcePath: file, text, format: 'text', encoding: 'UTF-8' });
  }
  return bytes;
}

export function unseenArticles(warmFiles: readonly string[], files: readonly string[]): UnseenResult {
  const pipeline = createPipeline();
  runAll(pipeline, warmFiles);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const bytes = runAll(pipeline, files);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { articles: files.length, bytes, wallMs, cpuMs: (used.user + used.system) / 1000 };
}
