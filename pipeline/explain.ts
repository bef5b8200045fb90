/**
 * `npm run explain -- "<text>"` or `npm run explain -- --file article.txt`: shows how the pipeline reads a text —
 * each sentence's items and signature (what pattern rules match), and each quote with its rule and evidence.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { Item } from './context.ts';
import { DEFAULT_MAX_BYTES, loadInput, type RawArticle } from './input/index.ts';
import { createPipeline, processArticle } from './pipeline.ts';
import { quoteRecords } from './records.ts';

const program = new Command()
  .name('explain')
  .description('Show the sentence signatures, mentions, cues and the rule behind every quote of a text.')
  .argument('[text]', 'the text to explain')
  .option('--file <path>', 'read an article file (.txt, .md, .html, .htm, .jsonl), decoded as extract would')
  .option('--rules <dir>', 'rules folder')
  .parse();
const options = program.opts<{ file?: string; rules?: string }>();
const pipeline = createPipeline(options.rules);

async function articles(): Promise<RawArticle[]> {
  if (!options.file) return [{ articleId: 'text', sourcePath: 'text', text: program.args.join(' '), format: 'text', encoding: 'UTF-8' }];
  const file = path.resolve(options.file);
  const loaded = await loadInput({ path: file, relativePath: path.basename(file) }, { maxBytes: DEFAULT_MAX_BYTES });
  for (const problem of loaded.problems) console.log(`${problem.articleId}: ${problem.status}: ${problem.reason}`);
  return loaded.articles;
}

const describeItem = (item: Item): string => {
  if (item.mention) {
    const m = item.mention;
    const details = [m.type, m.name && m.name !== m.text ? `name=${m.name}` : '', m.role ? `role=${m.role}` : ''].filter(Boolean).join(' ');
    return `${item.sym}[${item.text} · ${details}]`;
  }
  if (item.cue) return `${item.sym}[${item.text} · ${item.cue.lemma}/${item.cue.complement}]`;
  if (item.sym === 'Q') return `Q[${item.text.length > 40 ? `${item.text.slice(0, 37)}…` : item.text}]`;
  return item.sym === 'w' || item.sym === 'p' || item.sym === 'd' || item.sym === 'h' || item.sym === 'b' ? `${item.sym}:${item.text}` : item.sym;
};

const found = await articles();
if (!options.file && !found[0]?.text.trim()) program.help();
for (const article of found) {
  if (found.length > 1 || options.file) console.log(`== ${article.articleId} (${article.format}, ${article.encoding})`);
  explain(article);
}

function explain(article: RawArticle): void {
  const ctx = processArticle(pipeline, article);
  for (const sentence of ctx.sentences) {
    console.log(`sentence ${sentence.index} (paragraph ${sentence.paragraph})  signature ${sentence.signature}`);
    console.log(`  ${sentence.items.map(describeItem).join(' ')}`);
  }
  console.log('');
  for (const quote of quoteRecords(ctx)) {
    console.log(`${quote.kind.padEnd(8)} ${JSON.stringify(quote.text)}`);
    console.log(`         speaker ${quote.speaker ?? 'none'} (${quote.speaker_type ?? '-'}; ${quote.resolution}) ← mention ${JSON.stringify(quote.speaker_mention)} · cue ${JSON.stringify(quote.cue)} · rule ${quote.rule ?? 'none'} · confidence ${quote.confidence}`);
  }
  if (ctx.quotes.length === 0) console.log('no quotes found');
}
