/**
 * Child process of the memory tests (run with --expose-gc): one run over `count` small articles, each with one
 * quote whose speaker resolves to nothing (so speakers.jsonl stays empty and no aggregate grows), or with
 * `speakers` two: one of an article-scope speaker ("the spokeswoman", a speaker per article) and one of a
 * corpus speaker quoted in every article, with the speaker table bounded at `held` entries. Prints the live heap
 * after a full gc at every 1,000 files, as JSON. Mode `discover`: the live heap that the list of `count` files
 * found by discovery holds, per file, as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { discover } from '../../pipeline/input/index.ts';
import { runExtraction } from '../../pipeline/run.ts';

const [dir = '', countText = '5000', mode = 'plain', held = '1000'] = process.argv.slice(2);
const count = Number(countText);
const input = path.join(dir, 'in');
mkdirSync(input, { recursive: true });
for (let k = 0; k < count; k++) {
  // The plain articles' item numbers repeat every 100 articles: a new number is a new word, and the word tables
  // (bounded, tested on their own) would fill from it over the whole run; with the numbers repeating they are full
  // before the first measurement, and the growth measured is what each article and written line leaves behind.
  const text = mode === 'speakers' ? `"Item ${k} is fine," the spokeswoman said.\n\n"Item ${k} is done," said Orla Brennick.\n` : `"Item ${k % 100} is fine," she said.\n`;
  writeFileSync(path.join(input, `a${String(k).padStart(5, '0')}.txt`), text);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
if (mode === 'discover') {
  // Names as long as a news archive's (`desk-07/2024-05-17-some-headline-00042.txt`), in folders of 500.
  const root = path.join(dir, 'archive');
  for (let k = 0; k < count; k++) {
    const folder = path.join(root, `desk-${String(Math.floor(k / 500)).padStart(2, '0')}`);
    if (k % 500 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `2024-05-17-council-votes-on-budget-${String(k).padStart(5, '0')}.txt`), '');
  }
  // The first discoveries also load, compile and optimise what discovery uses: the lists are what later ones add.
  // ArrayBuffers are freed by a task after the collection that found them dead (and on a loaded machine it can
  // lag, as it did in CI once: 127 bytes a file against 60-70 here), so each measurement collects twice around
  // a turn of the event loop; and four lists are held, so what is left over is shared four ways.
  const live = async (): Promise<number> => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const first = await discover(root);
  await discover(root);
  await discover(root);
  const before = await live();
  const lists = [await discover(root), await discover(root), await discover(root), await discover(root)];
  const held = ((await live()) - before) / lists.length;
  const files = first.entries.length;
  process.stdout.write(JSON.stringify({ files, bytesPerFile: held / files, same: lists.every((list) => list.entries.length === files) }));
  process.exit(0);
}
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
