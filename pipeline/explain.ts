/**
 * `npm run explain -- "<text>"` or `npm run explain -- --file article.txt`: shows how the pipeline reads a text —
 * each sentence's items and signature (what pattern rules match), and each quote with its rule and evidence.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Item } from './context.ts';
import { createPipeline, processText } from './pipeline.ts';
import { quoteRecords } from './records.ts';

const program = new Command()
  .name('explain')
  .description('Show the sentence signatures, mentions, cues and the rule behind every quote of a text.')
  .argument('[text]', 'the text to explain')
  .option('--file <path>', 'read the text from a UTF-8 file')
  .option('--rules <dir>', 'rules folder')
  .parse();
const options = program.opts<{ file?: string; rules?: string }>();
const text = options.file ? readFileSync(options.file, 'utf8') : program.args.join(' ');
if (!text.trim()) {
  program.help();
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

const ctx = processText(createPipeline(options.rules), text);
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
