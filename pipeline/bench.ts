/**
 * `npm run bench -- [--articles N] [--jsonl] [--folder DIR] [--runs R]`: throughput and memory of whole runs (a
 * benchmark, not a test). Without --folder it writes N synthetic articles to a temp folder (the sample corpus with
 * other names, years and figures). Each run is a process of its own (bench/child.ts: the CLI's main, start-up
 * included), R times in turn: with worker threads, all in the main thread, and the naive compromise script
 * (bench/naive.ts) on the first --baseline-articles of the same articles. It prints articles/s, MB/s and peak RSS
 * as the median of the runs with their range, and the ratio to the naive script, taken run by run. Then the cost of
 * real news the run has not seen (bench/unseen.ts): the Wikinews development articles, after a warm-up on
 * synthetic ones (--unseen).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { articleFiles } from './bench/naive.ts';
import { autoWorkers } from './pool.ts';
import type { UnseenResult } from './bench/unseen.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(HERE, '..', 'corpus');
/** Real news for the unseen-article run: the development set's texts (test/fixtures/wikinews, licence there). */
const REAL_NEWS = path.resolve(HERE, '..', 'test', 'fixtures', 'wikinews', 'texts');
/** Synthetic articles the unseen-article run warms up on first. */
const WARM_ARTICLES = 1000;
/** The child's entry beside this file: child.js from dist/, child.ts from the sources (under tsx). */
const CHILD = path.join(HERE, 'bench', import.meta.url.endsWith('.ts') ? 'child.ts' : 'child.js');

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
  .option('--workers <n>', 'worker threads of the first pass, beside the main thread (default: as --workers auto picks for a large run)', positiveInt, Math.max(1, autoWorkers()))
  .option('--no-second-pass', 'skip the pass without worker threads')
  .option('--runs <n>', 'runs of each pass (the figures are their median and range)', positiveInt, 3)
  .option('--baseline-articles <n>', 'articles the naive compromise script runs on (the first of the same set; 0: none)', (value) => (value === '0' ? 0 : positiveInt(value)), 300)
  .option('--unseen <dir>', `real articles timed once each after a warm-up on ${WARM_ARTICLES} synthetic ones, in one thread`, REAL_NEWS)
  .option('--no-unseen', 'skip the unseen-article run')
  .parse();
const options = program.opts<{ articles: number; jsonl?: boolean; folder?: string; concurrency: number; workers: number; secondPass: boolean; runs: number; baselineArticles: number; unseen: string | false }>();

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

interface Run { seconds: number; articles: number; bytes: number; peakRssMb: number }
interface Pass { label: string; runs: Run[] }

/** One run in a child process; wall time from outside, start-up included. */
function timed(args: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...process.execArgv, CHILD, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`bench run failed (${result.status ?? result.signal}): ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

function extractRun(input: string, workers: number): Run {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-out-'));
  try {
    const { seconds, stdout } = timed(['extract', input, '--out', out, '--quiet', '--workers', String(workers), '--concurrency', String(options.concurrency)]);
    const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { peakRssMb: number };
    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as { counts: { ok: number } };
    return { seconds, articles: run.counts.ok, bytes: inputBytes, peakRssMb: report.peakRssMb };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function naiveRun(input: string, limit: number): Run {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bench-naive-'));
  try {
    const { seconds, stdout } = timed(['naive', input, String(limit), path.join(out, 'quotes.jsonl')]);
    const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { peakRssMb: number; naive: { articles: number; bytes: number } };
    return { seconds, articles: report.naive.articles, bytes: report.naive.bytes, peakRssMb: report.peakRssMb };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function unseenRun(warmFolder: string, folder: string): UnseenResult {
  const { stdout } = timed(['unseen', warmFolder, String(WARM_ARTICLES), folder]);
  const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { unseen: UnseenResult | null };
  if (!report.unseen || report.unseen.articles === 0) throw new Error(`no .txt articles in ${folder}`);
  return report.unseen;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const spread = (values: number[], digits: number): string => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
const perSecond = (run: Run): number => run.articles / run.seconds;

let inputBytes = 0;
const scratch = options.folder ? null : mkdtempSync(path.join(os.tmpdir(), 'bench-in-'));
try {
  const input = options.folder ? path.resolve(options.folder) : (scratch ?? '');
  if (scratch) writeSynthetic(scratch, options.articles);
  inputBytes = folderBytes(input);
  const baseline = options.jsonl ? 0 : Math.min(options.baselineArticles, articleFiles(input).length);
  console.log(`input: ${input} (${options.folder ? 'folder' : `${options.articles} synthetic articles${options.jsonl ? ' in one JSON Lines dump' : ''}`}, ${(inputBytes / 1e6).toFixed(2)} MB); ${options.runs} runs of each pass, in turn, each a process of its own`);
  const passes: Pass[] = [{ label: `${options.workers} worker thread${options.workers === 1 ? '' : 's'} + main thread`, runs: [] }];
  if (options.secondPass) passes.push({ label: 'main thread only', runs: [] });
  const naive: Pass = { label: `naive compromise script, first ${baseline} articles`, runs: [] };
  for (let k = 0; k < options.runs; k++) {
    for (const pass of passes) pass.runs.push(extractRun(input, pass.label === 'main thread only' ? 0 : options.workers));
    if (baseline > 0) naive.runs.push(naiveRun(input, baseline));
  }

  const table = [
    ['pass', 'articles', 'seconds', 'articles/s', 'MB/s', 'peak RSS MB', ...(baseline > 0 ? ['× naive'] : [])],
    ...[...passes, ...(baseline > 0 ? [naive] : [])].map((pass) => [
      pass.label,
      String(pass.runs[0]?.articles ?? 0),
      spread(pass.runs.map((r) => r.seconds), 2),
      spread(pass.runs.map(perSecond), 1),
      spread(pass.runs.map((r) => r.bytes / 1e6 / r.seconds), 2),
      spread(pass.runs.map((r) => r.peakRssMb), 0),
      // Throughput over the naive script's, run k against run k (they ran one after the other).
      ...(baseline > 0 ? [pass === naive ? '1' : spread(pass.runs.map((r, k) => perSecond(r) / perSecond(naive.runs[k] ?? r)), 1)] : []),
    ]),
  ];
  const widths = table[0]?.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length))) ?? [];
  for (const [index, row] of table.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(`median (min–max) of ${options.runs} runs; wall time of the whole process, start-up included; peak RSS: the kernel's, threads included (node ${process.version}, ${os.availableParallelism()} CPUs)`);
  // Real news brings new words and clauses where seed-like articles repeat theirs: its cost per article, once each.
  if (options.unseen !== false && !options.jsonl && articleFiles(input).length > 0) {
    const runs = Array.from({ length: options.runs }, () => unseenRun(input, path.resolve(options.unseen as string)));
    const first = runs[0] as UnseenResult;
    const wall = runs.map((r) => r.wallMs / r.articles);
    console.log(`\nunseen real news: ${first.articles} articles of ${options.unseen} (${(first.bytes / first.articles / 1000).toFixed(1)} KB each), once each, one thread, after ${WARM_ARTICLES} of the synthetic articles`);
    console.log(`  ${spread(wall, 1)} ms wall per article (≈ ${(1000 / median(wall)).toFixed(0)} articles/s per thread), ${spread(runs.map((r) => r.cpuMs / r.articles), 1)} ms CPU; the stages alone, reading and writing left out`);
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
