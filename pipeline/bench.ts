/**
 * `npm run bench -- [--articles N] [--jsonl] [--folder DIR]`: throughput and memory of a whole run (a benchmark, not a test).
 * Without --folder it writes N synthetic articles to a temp folder (the sample corpus with other names, years and
 * figures), runs `runExtraction` on them quietly, and prints articles/s, MB/s and peak RSS: once with worker
 * threads, once all in the main thread.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_BYTES } from './input/index.ts';
import { runExtraction, type RunSummary } from './run.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

const program = new Command()
  .name('bench')
  .description('Benchmark a full extraction run: articles/s, MB/s, peak memory.')
  .option('--articles <n>', 'synthetic articles to generate from the sample corpus', positiveInt, 2000)
  .option('--jsonl', 'write the synthetic articles as one JSON Lines dump instead of a folder of files')
  .option('--folder <dir>', 'benchmark this folder instead of synthetic articles')
  .option('--concurrency <n>', 'files in flight at once', positiveInt, 8)
  .option('--workers <n>', 'worker threads of the first pass', positiveInt, Math.min(os.availableParallelism(), 4))
  .option('--no-second-pass', 'skip the pass without worker threads')
  .parse();
const options = program.opts<{ articles: number; jsonl?: boolean; folder?: string; concurrency: number; workers: number; secondPass: boolean }>();

/** Pairs of names swapped in, so speakers and mentions vary between copies. */
const PEOPLE = [
  ['Dmitry', 'Peskov'], ['Anna', 'Lindqvist'], ['Kofi', 'Mensah'], ['Maria', 'Okafor'], ['Jean', 'Dubois'],
  ['Ravi', 'Natarajan'], ['Elena', 'Sokolova'], ['Tomás', 'Herrera'], ['Yuki', 'Tanaka'], ['Fatima', 'Haddad'],
] as const;

function writeSynthetic(dir: string, count: number): void {
  const sources = readdirSync(CORPUS).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(path.join(CORPUS, name), 'utf8'));
  if (sources.length === 0) throw new Error(`no .txt files in ${CORPUS}`);
  for (let k = 0; k < count; k++) {
    const [first, last] = PEOPLE[k % PEOPLE.length] ?? PEOPLE[0];
    const text = (sources[k % sources.length] ?? '')
      .replace(/\bDmitry Peskov\b/g, `${first} ${last}`)
      .replace(/\bPeskov\b/g, last)
      .replace(/\b(19|20)\d\d\b/g, (year) => String(Number(year) + (k % 7)))
      .replace(/\b\d{1,2}\b/g, (n) => String((Number(n) + k) % 97));
    const body = `${text}\nReported by ${first} ${last}, story ${k}.\n`;
    if (options.jsonl) {
      appendFileSync(path.join(dir, 'dump.jsonl'), `${JSON.stringify({ id: k, text: body })}\n`);
      continue;
    }
    const sub = path.join(dir, String(Math.floor(k / 500)).padStart(2, '0'));
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `${String(k).padStart(5, '0')}-${last.toLowerCase()}.txt`), body);
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

interface Row { pass: string; articles: number; seconds: number; articlesPerSecond: number; mbPerSecond: number; peakRssMb: number }

async function pass(label: string, input: string, workers: number, bytes: number): Promise<Row> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-out-'));
  try {
    const started = performance.now();
    const summary: RunSummary = await runExtraction({ input, out, maxBytes: DEFAULT_MAX_BYTES, concurrency: options.concurrency, workers, articleTimeoutMs: 10_000 });
    const seconds = (performance.now() - started) / 1000;
    return {
      pass: label,
      articles: summary.counts.ok,
      seconds,
      articlesPerSecond: summary.counts.ok / seconds,
      mbPerSecond: bytes / 1e6 / seconds,
      peakRssMb: summary.timings.peak_rss_mb,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const scratch = options.folder ? null : mkdtempSync(path.join(os.tmpdir(), 'bench-in-'));
try {
  const input = options.folder ? path.resolve(options.folder) : (scratch ?? '');
  if (scratch) writeSynthetic(scratch, options.articles);
  const bytes = folderBytes(input);
  console.log(`input: ${input} (${options.folder ? 'folder' : `${options.articles} synthetic articles${options.jsonl ? ' in one JSON Lines dump' : ''}`}, ${(bytes / 1e6).toFixed(2)} MB)`);
  const rows = [await pass(`${options.workers} worker threads`, input, options.workers, bytes)];
  if (options.secondPass) rows.push(await pass('main thread only', input, 0, bytes));

  const table = [
    ['pass', 'articles ok', 'seconds', 'articles/s', 'MB/s', 'peak RSS MB'],
    ...rows.map((r) => [r.pass, String(r.articles), r.seconds.toFixed(2), r.articlesPerSecond.toFixed(1), r.mbPerSecond.toFixed(2), String(r.peakRssMb)]),
  ];
  const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
  for (const [index, row] of table.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(`process max RSS: ${Math.round((process.resourceUsage().maxRSS * 1024) / 1e6)} MB (node ${process.version}, ${os.cpus().length} CPUs)`);
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
