/**
 * The whole flow for one article, top to bottom. Each stage is a small function over the article context.
 *   read → segment → mentions → detect → attribute → resolve   (then the writer, in run.ts)
 */
import type { ArticleContext, Stage } from './context.ts';
import type { RawArticle } from './input/types.ts';
import { loadRuleSet, type RuleSet } from './engine/rule-set.ts';
import type { Lexicon, LexiconOptions } from './lexicon.ts';
import { attributeStage } from './stages/attribute.ts';
import { detectStage } from './stages/detect.ts';
import { mentionsStage } from './stages/mentions.ts';
import { readStage } from './stages/read.ts';
import { resolveStage } from './stages/resolve.ts';
import { segmentStage } from './stages/segment.ts';

export interface Pipeline {
  lexicon: Lexicon;
  rules: RuleSet;
  stages: Stage[];
}

/** The pipeline for a rules folder (default: the project's rules/), or for a rule set already loaded. */
export function createPipeline(rules: string | RuleSet | undefined = undefined, options: LexiconOptions = {}): Pipeline {
  const ruleSet = typeof rules === 'object' ? rules : loadRuleSet(rules, options);
  const { lexicon } = ruleSet;
  return {
    lexicon,
    rules: ruleSet,
    stages: [
      readStage(lexicon),
      segmentStage(lexicon),
      mentionsStage(lexicon),
      detectStage(lexicon, ruleSet.reported),
      attributeStage(lexicon, ruleSet.direct, ruleSet.sieves),
      resolveStage(lexicon),
    ],
  };
}

export function newContext(article: RawArticle): ArticleContext {
  return {
    articleId: article.articleId,
    sourcePath: article.sourcePath,
    text: article.text,
    format: article.format,
    encoding: article.encoding,
    title: article.title ?? null,
    date: article.date ?? null,
    url: article.url ?? null,
    // JSONL records state title and date as fields of their own.
    titleSource: article.titleSource ?? (article.title !== undefined && article.format === 'jsonl' ? 'jsonl' : null),
    dateSource: article.dateSource ?? (article.date !== undefined && article.format === 'jsonl' ? 'jsonl' : null),
    author: article.author ?? null,
    authorSource: article.authorSource ?? null,
    language: article.language ?? 'und',
    paragraphs: [],
    sentences: [],
    quoteSpans: [],
    mentions: [],
    cues: [],
    quotes: [],
    diagnostics: [],
  };
}

export function processArticle(pipeline: Pipeline, article: RawArticle): ArticleContext {
  const ctx = newContext(article);
  for (const stage of pipeline.stages) stage.run(ctx);
  return ctx;
}

/** Convenience for tests and notebooks: run the pipeline on a string. */
export function processText(pipeline: Pipeline, text: string, articleId = 'text'): ArticleContext {
  return processArticle(pipeline, { articleId, sourcePath: `${articleId}.txt`, text, format: 'text', encoding: 'UTF-8' });
}
