/**
 * Child process of the memory tests (run with --expose-gc): one run over `count` small articles, each with one
 * quote whose speaker resolves to nothing (so speakers.jsonl stays empty and no aggregate grows), or with
 * `speakers` two: one of an article-scope speaker ("the spokeswoman", a speaker per article) and one of a
 * corpus speaker quoted in every article, with the speaker table bounded at `held` entries. Prints the live heap
 * after a full gc at every 1,000 files, as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runExtraction } from '../../pipeline/run.ts';

const [dir = '', countText = '5000', mode = 'plain', held = '1000'] = process.argv.slice(2);
const count = Number(countText);
const input = path.join(dir, 'in');
mkdirSync(input, { recursive: true });
for (let k = 0; k < count; k++) {
  const text = mode === 'speakers' ? `"Item ${k} is fine," the spokeswoman said.\n\n"Item ${k} is done," said Orla Brennick.\n` : `"Item ${k} is fine," she said.\n`;
  writeFileSync(path.join(input, `a${String(k).padStart(5, '0')}.txt`), text);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const heap: Record<number, number> = {};
const summary = await runExtraction({
  input, out: path.join(dir, 'out'), maxBytes: 1_000_000, concurrency: 8, workers: 0, articleTimeoutMs: 10_000, speakersHeld: Number(held),
  onProgress: (done) => {
    if (done % 1000 !== 0) return;
    gc();
    heap[done] = process.memoryUsage().heapUsed;
  },
});
process.stdout.write(JSON.stringify({ heap, quotes: summary.counts.quotes, speakers: summary.counts.speakers }));
