/** `npm run eval -- --gold gold.jsonl [--pred output/quotes.jsonl] [--json] [--misses]` */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { evaluate, formatEvaluation, GoldDocument, PredictedQuote } from './evaluate.ts';

const program = new Command()
  .name('eval')
  .description('Score quote records against gold annotations: quote P/R/F1, speaker and kind accuracy, recall by kind, end-to-end F1.')
  .option('--gold <file>', 'gold annotations (JSONL, one article per line)', 'test/fixtures/seeds.jsonl')
  .option('--pred <file>', 'predicted quote records', 'output/quotes.jsonl')
  .option('--json', 'print the result as JSON')
  .option('--misses', 'list every gold quote that was missed or got the wrong speaker')
  .parse();
const options = program.opts<{ gold: string; pred: string; json?: boolean; misses?: boolean }>();

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`eval: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  return text.split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      console.error(`eval: ${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid record'}`);
      process.exit(2);
    }
    return [parsed.data];
  });
}

const result = evaluate(readJsonl(options.gold, GoldDocument), readJsonl(options.pred, PredictedQuote));
console.log(options.json ? JSON.stringify(result, null, 2) : formatEvaluation(result, Boolean(options.misses)));
