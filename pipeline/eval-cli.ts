/** `npm run eval -- --gold gold.jsonl [--pred output/quotes.jsonl] [--json] [--misses]` */
import { Command } from 'commander';
import type { z } from 'zod';
import { evaluate, formatEvaluation, GoldDocument, PredictedQuote } from './evaluate.ts';
import { readJsonLines, RecordFileError } from './schema/read.ts';

const program = new Command()
  .name('eval')
  .description('Score quote records against gold annotations: quote P/R/F1, speaker and kind accuracy, recall by kind, end-to-end F1.')
  .option('--gold <file>', 'gold annotations (JSONL, one article per line)', 'test/fixtures/seeds.jsonl')
  .option('--pred <file>', 'predicted quote records', 'output/quotes.jsonl')
  .option('--json', 'print the result as JSON')
  .option('--misses', 'list every gold quote that was missed or got the wrong speaker')
  .parse();
const options = program.opts<{ gold: string; pred: string; json?: boolean; misses?: boolean }>();

function read<T>(file: string, schema: z.ZodType<T>): T[] {
  try {
    return readJsonLines(file, schema);
  } catch (error) {
    if (!(error instanceof RecordFileError)) throw error;
    console.error(`eval: ${error.message}`);
    process.exit(2);
  }
}

const result = evaluate(read(options.gold, GoldDocument), read(options.pred, PredictedQuote));
console.log(options.json ? JSON.stringify(result, null, 2) : formatEvaluation(result, Boolean(options.misses)));
