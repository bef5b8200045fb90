/**
 * `npm run explain -- "<text>"` or `npm run explain -- --file article.txt`: shows how the pipeline reads a text —
 * each sentence's items (the tokens and chunks pattern rules match), the rules that matched it with their
 * captures, each candidate a filter dropped and why, and each quote with its rule and evidence.
 */
import path from 'node:path';
import { Command } from 'commander';
import type { Item, Sentence } from './context.ts';
import { ITEM_CLASSES } from './engine/token-pattern.ts';
import { matchSentence } from './patterns.ts';
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

const CLASS_NAME = new Map<string, string>(Object.entries(ITEM_CLASSES).map(([name, sym]) => [sym, name]));
const legend = (): string => [...CLASS_NAME].map(([sym, name]) => (sym === name ? sym : `${sym} ${name}`)).join(' · ');

/** Each rule that matched the sentence, with the text of each capture. */
function describeMatches(sentence: Sentence): string[] {
  const lines: string[] = [];
  for (const rule of [...pipeline.rules.reported, ...pipeline.rules.direct]) {
    for (const match of matchSentence(rule, sentence)) {
      const captures = Object.entries(match.groups).map(([name, range]) => {
        const items = sentence.items.slice(range.from, range.to);
        const text = items.map((item) => item.text).join(' ');
        return `${name}=${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)}`;
      });
      lines.push(`  matched ${rule.id}: ${captures.join(' ')}`);
    }
  }
  return lines;
}

const found = await articles();
if (!options.file && !found[0]?.text.trim()) program.help();
for (const article of found) {
  if (found.length > 1 || options.file) console.log(`== ${article.articleId} (${article.format}, ${article.encoding})`);
  explain(article);
}

function explain(article: RawArticle): void {
  const ctx = processArticle(pipeline, article);
  console.log(`items: ${legend()}`);
  for (const sentence of ctx.sentences) {
    console.log(`sentence ${sentence.index} (paragraph ${sentence.paragraph})  signature ${sentence.signature}`);
    console.log(`  ${sentence.items.map(describeItem).join(' ')}`);
    for (const line of describeMatches(sentence)) console.log(line);
    for (const dropped of ctx.diagnostics) {
      if (!dropped.filter || dropped.start === undefined || dropped.start < sentence.start || dropped.start >= sentence.end) continue;
      const text = ctx.text.slice(dropped.start, dropped.end);
      console.log(`  dropped ${dropped.rule ?? ''} candidate ${JSON.stringify(text.length > 50 ? `${text.slice(0, 47)}…` : text)}: ${dropped.filter}: ${dropped.message}`);
    }
  }
  console.log('');
  for (const quote of quoteRecords(ctx)) {
    console.log(`${quote.kind.padEnd(8)} ${JSON.stringify(quote.text)}`);
    console.log(`         speaker ${quote.speaker ?? 'none'} (${quote.speaker_type ?? '-'}; ${quote.resolution}) ← mention ${JSON.stringify(quote.speaker_mention)} · cue ${JSON.stringify(quote.cue)} · rule ${quote.rule ?? 'none'} · confidence ${quote.confidence}`);
  }
  if (ctx.quotes.length === 0) console.log('no quotes found');
}
