/**
 * The output folder and the process, as users met them: real folders; the command in-process (`main`) where the
 * process is not the point, real processes (`npm run extract`, the `who-said-what` bin, `node dist/cli.js`) and
 * real signals where it is.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../../pipeline/output/folder.ts';
import { checkOutput } from '../output-check.ts';
import { BUILT_CLI, runMain } from '../cli.ts';
import { killGroup, ROOT, snapshot, start, stopAll, track, type ProcessResult } from './processes.ts';

const CORPUS = path.join(ROOT, 'corpus');
const corpusFiles = readdirSync(CORPUS).filter((name) => name.endsWith('.txt')).sort();
const article = (k: number): string => readFileSync(path.join(CORPUS, corpusFiles[k % corpusFiles.length] ?? ''), 'utf8');
const OUTPUTS = [...OUTPUT_FILES].sort();

const temps: string[] = [];
afterAll(() => {
  stopAll();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(parent = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, 'wsw-out-test-'));
  temps.push(dir);
  return dir;
}

type Result = ProcessResult;

/** The built CLI as a real process. */
const cli = (args: string[], options: { cwd?: string; guardMs?: number } = {}): { child: ChildProcess; done: Promise<Result> } =>
  start(process.execPath, [BUILT_CLI, ...args, '--quiet'], options);
/** `extract …args --quiet` in-process. */
const runCli = (args: string[]): Promise<{ code: number; stderr: string }> => runMain([...args, '--quiet']);

function writeArticles(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let k = 0; k < count; k++) {
    const text = article(k).replace(/2016/g, String(2000 + (k % 23)));
    writeFileSync(path.join(dir, `article-${String(k).padStart(4, '0')}.txt`), `${text}\nStory ${k} was filed on day ${k % 28}.\n`);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The run's temporary folder in `out`, once it holds written lines. */
const partialWithLines = (out: string): boolean => readdirSync(out).some((name) => {
  const file = path.join(out, name, 'articles.jsonl');
  return name.startsWith('.partial-') && existsSync(file) && statSync(file).size > 0;
});

/** Pids of running processes whose command line contains `marker` (zombies excluded). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) continue;
      if (/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${name}/stat`, 'utf8'))) continue;
      pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Child processes of `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((name) => {
    try {
      return Number(/^\d+ \(.*\) \S (\d+)/s.exec(readFileSync(`/proc/${name}/stat`, 'utf8'))?.[1]) === pid;
    } catch {
      return false;
    }
  }).map(Number);
}

const leftovers = (out: string): string[] => readdirSync(out).filter((name) => name.startsWith('.partial-') || name.startsWith('.who-said-what.lock'));

/** An output folder holding a previous good run (of a two-article folder, in-process to save a start-up), and its snapshot. */
async function previousOutput(dir: string): Promise<{ out: string; before: Map<string, Buffer> }> {
  const { runExtraction } = await import('../../pipeline/run.ts');
  const out = path.join(dir, 'out');
  writeArticles(path.join(dir, 'previous'), 2);
  const first = await runExtraction({ input: path.join(dir, 'previous'), out, maxBytes: 1_000_000, concurrency: 2, workers: 0, articleTimeoutMs: 10_000 });
  expect(first.written).toBe(true);
  const before = snapshot(out);
  expect([...before.keys()].sort()).toEqual(['.who-said-what.json', ...OUTPUTS]);
  expect((await checkOutput(out)).articles).toHaveLength(2);
  return { out, before };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const canSeeProcesses = process.platform === 'linux' && existsSync('/proc/self/cmdline');

describe.concurrent('the output folder', () => {
  it('refuses an output folder that is the input folder or inside it (also through a symlink): exit 2, nothing touched', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'news');
    writeArticles(input, 2);
    // The user's own data under an output name: a JSONL file of articles.
    writeFileSync(path.join(input, 'articles.jsonl'), '{"id":"x1","text":"\\"We won,\\" coach Ana Lima said."}\n');
    symlinkSync(input, path.join(dir, 'link'));
    const before = snapshot(input);

    const same = await runCli([input, '--out', input]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/^extract: the output folder .* is the input folder/);
    const inside = await runCli([input, '--out', path.join(input, 'results')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/is inside the input folder/);
    const viaLink = await runCli([input, '--out', path.join(dir, 'link', 'results'), '--force']);
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toMatch(/is inside the input folder/);

    expect(snapshot(input)).toEqual(before);
    expect(existsSync(path.join(input, 'results'))).toBe(false);
  });

  it('never replaces output names it did not write: exit 2 and a message; --force replaces them and the marker lets later runs through', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'in');
    writeArticles(input, 1);
    const out = path.join(dir, 'results');
    mkdirSync(out);
    writeFileSync(path.join(out, 'quotes.jsonl'), 'my own notes\n');
    writeFileSync(path.join(out, 'notes.txt'), 'keep me\n');

    const refused = await runCli([input, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the output folder ${out} holds quotes.jsonl, which this tool did not write`);
    expect(refused.stderr).toContain('--force');
    expect(readdirSync(out).sort()).toEqual(['notes.txt', 'quotes.jsonl']);
    expect(readFileSync(path.join(out, 'quotes.jsonl'), 'utf8')).toBe('my own notes\n');

    const forced = await runCli([input, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(out, 'quotes.jsonl'), 'utf8')).not.toContain('my own notes');
    const marker = JSON.parse(readFileSync(path.join(out, '.who-said-what.json'), 'utf8')) as { tool: string; files: string[] };
    expect(marker).toMatchObject({ tool: 'who-said-what' });
    expect([...marker.files].sort()).toEqual(OUTPUTS);
    await checkOutput(out);

    const again = await runCli([input, '--out', out]);
    expect(again.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.who-said-what.json', ...OUTPUTS, 'notes.txt'].sort());
    expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('keep me\n');
  });

  it('a run that reads nothing keeps the previous output; --strict exits 3; --allow-empty replaces it', async () => {
    const dir = tempDir();
    const { out, before } = await previousOutput(dir);
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const broken = path.join(dir, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'image.txt'), PNG);
    writeFileSync(path.join(broken, 'blank.txt'), '  \n');

    const fromEmpty = await runCli([empty, '--out', out]);
    expect(fromEmpty.code).toBe(0);
    expect(fromEmpty.stderr).toMatch(/warning: no article files were found in .*; the previous output in .* is kept\. Pass --allow-empty/);
    expect(snapshot(out)).toEqual(before);

    const allFailed = await runCli([broken, '--out', out, '--strict']);
    expect(allFailed.code).toBe(3);
    expect(allFailed.stderr).toMatch(/no article could be read \(2 failed, 0 skipped\); the previous output .* is kept/);
    expect(allFailed.stderr).toContain('--strict: no article was read');
    expect(snapshot(out)).toEqual(before);

    // Some failed, some read: the output is written, and --strict says so with exit 3.
    const mixed = path.join(dir, 'mixed');
    writeArticles(mixed, 1);
    writeFileSync(path.join(mixed, 'image.txt'), PNG);
    const partlyFailed = await runCli([mixed, '--out', out, '--strict']);
    expect(partlyFailed.code).toBe(3);
    expect(partlyFailed.stderr).toContain('--strict: 1 of 2 articles failed');
    expect((await checkOutput(out)).articles.map((a) => a.status).sort()).toEqual(['binary', 'ok']);
    expect(readFileSync(path.join(out, 'articles.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);

    const allowed = await runCli([empty, '--out', out, '--allow-empty']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/now holds an empty result/);
    expect(readFileSync(path.join(out, 'articles.jsonl'), 'utf8')).toBe('');
    expect(JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))).toMatchObject({ counts: { files: 0, articles: 0 } });
    await checkOutput(out);
  });

  it('a second run on a locked output folder stops with exit 2 naming the holder; SIGTERM then stops the first: exit 143, the previous output intact', async () => {
    const dir = tempDir();
    const { out, before } = await previousOutput(dir);
    const input = path.join(dir, 'big');
    writeArticles(input, 1_500);

    const first = cli([input, '--out', out, '--workers', '0']);
    await waitFor('the first run to write lines', () => partialWithLines(out));
    const second = await runCli([input, '--out', out]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is in use by another run (process ${first.child.pid},`);
    // The second run left the first run's temporary folder alone.
    expect(readdirSync(out)).toContain(`.partial-${first.child.pid}`);

    process.kill(first.child.pid ?? 0, 'SIGTERM');
    const stopped = await first.done;
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toMatch(/^extract: stopped by SIGTERM; the previous output in .* is left as it was\n$/);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('takes over the lock of a process that is gone and removes its partial folder; refuses a live holder; leaves a live pid\'s partial folder alone', async () => {
    const dir = tempDir();
    const { out } = await previousOutput(dir);
    const input = path.join(dir, 'in');
    writeArticles(input, 1);
    const dead = spawnSync('true').pid;
    const live = spawn('sleep', ['60'], { detached: true });
    track(live);
    const lock = path.join(out, '.who-said-what.lock');
    const owner = (pid: number | undefined): void => {
      mkdirSync(lock, { recursive: true });
      writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ pid, hostname: os.hostname(), started_at: '2025-01-01T00:00:00.000Z' }));
    };
    mkdirSync(path.join(out, `.partial-${dead}`));
    writeFileSync(path.join(out, `.partial-${dead}`, 'quotes.jsonl'), '{"torn":');
    mkdirSync(path.join(out, `.partial-${live.pid}`));

    owner(live.pid);
    const refused = await runCli([input, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`(process ${live.pid}, since 2025-01-01T00:00:00.000Z)`);
    expect(refused.stderr).toContain(lock);

    owner(dead);
    const taken = await runCli([input, '--out', out]);
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.partial-' + String(live.pid), '.who-said-what.json', ...OUTPUTS].sort());
    killGroup(live);
  });
});

describe.runIf(canSeeProcesses).concurrent('signals reach the whole run', () => {
  it('SIGTERM to `npm run extract` (what a scheduler sends) stops the extraction too: nothing survives, the previous output is byte-identical', async () => {
    const dir = tempDir();
    const { out, before } = await previousOutput(dir);
    const input = path.join(dir, 'npm-sigterm-input');
    writeArticles(input, 1_500);

    const npm = start('npm', ['run', 'extract', '--', input, '--out', out, '--workers', '0', '--quiet']);
    await waitFor('the run to write lines', () => partialWithLines(out));
    expect(processesWith(input).length).toBeGreaterThanOrEqual(2); // npm, its shell, node
    process.kill(npm.child.pid ?? 0, 'SIGTERM');
    await npm.done;
    await waitFor('every process of the run to end', () => processesWith(input).length === 0, 15_000);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('SIGINT to the who-said-what bin (a single process) with worker threads: exit 130, the previous output intact, nothing left', async () => {
    const dir = tempDir();
    const { out, before } = await previousOutput(dir);
    const input = path.join(dir, 'bin-sigint-input');
    writeArticles(input, 1_500);
    // As a global install links it: a symlink on the PATH to the package's bin file.
    mkdirSync(path.join(dir, 'bin'));
    symlinkSync(path.join(ROOT, 'bin', 'who-said-what.mjs'), path.join(dir, 'bin', 'who-said-what'));

    const run = start(path.join(dir, 'bin', 'who-said-what'), [input, '--out', out, '--workers', '2', '--quiet'], { cwd: dir });
    await waitFor('the run to write lines', () => partialWithLines(out));
    // No second node runs the CLI (tsx's esbuild service may be a child): the signal goes to the run itself.
    expect(childrenOf(run.child.pid ?? 0).filter((pid) => processesWith(input).includes(pid))).toEqual([]);
    expect(processesWith(input)).toEqual([run.child.pid]);
    process.kill(run.child.pid ?? 0, 'SIGINT');
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/stopped by SIGINT; the previous output in .* is left as it was/);
    expect(processesWith(input)).toEqual([]);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

describe.concurrent('paths are relative to where the user stands', () => {
  it('`npm run extract -- in --out out --rules myrules` from a subfolder of the project', async () => {
    // A subfolder of the project that git ignores (npm looks for package.json upwards from here).
    mkdirSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true });
    const sub = tempDir(path.join(ROOT, 'node_modules', '.cache'));
    writeArticles(path.join(sub, 'in'), 1);
    cpSync(path.join(ROOT, 'rules'), path.join(sub, 'myrules'), { recursive: true });

    const result = await start('npm', ['run', 'extract', '--', 'in', '--out', 'out', '--rules', 'myrules', '--quiet'], { cwd: sub }).done;
    expect(result.code).toBe(0);
    const run = JSON.parse(readFileSync(path.join(sub, 'out', 'run.json'), 'utf8')) as { input_root: string; output: string; options: { rules: string } };
    expect(run.input_root).toBe(path.join(sub, 'in'));
    expect(run.output).toBe(path.join(sub, 'out'));
    expect(run.options.rules).toBe(path.join(sub, 'myrules'));
    await checkOutput(path.join(sub, 'out'));
    expect(existsSync(path.join(ROOT, 'out'))).toBe(false);
  });

  it('the who-said-what bin from another folder', async () => {
    const dir = tempDir();
    writeArticles(path.join(dir, 'work', 'in'), 1);
    const result = await start(process.execPath, [path.join(ROOT, 'bin', 'who-said-what.mjs'), 'in', '--out', 'out', '--quiet'], { cwd: path.join(dir, 'work') }).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(dir, 'work', 'out')).sort()).toEqual(['.who-said-what.json', ...OUTPUTS]);
    expect((await checkOutput(path.join(dir, 'work', 'out'))).quotes.length).toBeGreaterThan(0);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['who-said-what']).toBe('bin/who-said-what.mjs');
  });
});

describe('memory', () => {
  it('the list of files found takes its paths and little more (measured ~60 bytes a file here, was ~220: an object a file)', async () => {
    const dir = tempDir();
    const result = await start(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'test', 'robustness', 'heap-child.ts'), dir, '8000', 'discover']).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { files, bytesPerFile, same } = JSON.parse(result.stdout) as { files: number; bytesPerFile: number; same: boolean };
    expect(files).toBe(8_000);
    expect(same).toBe(true);
    // The relative path (`desk-07/…-00042.txt`, 52 bytes) and a 4-byte offset; entry objects with two paths took ~220.
    // (CI once read 127 where this machine reads 55-70: the bound leaves room for a noisy heap, not for an object a file.)
    expect(bytesPerFile).toBeLessThan(150);
  });

  it('the live heap stays flat from 1,000 to 5,000 articles (nothing retained per written line)', async () => {
    const dir = tempDir();
    const result = await start(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'test', 'robustness', 'heap-child.ts'), dir, '5000']).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { heap, quotes, speakers } = JSON.parse(result.stdout) as { heap: Record<string, number>; quotes: number; speakers: number };
    expect(quotes).toBe(5_000);
    expect(speakers).toBe(0);
    // The per-line Promise.race leak kept about 550 bytes per article here (2.2 MB over these 4,000). One sample
    // moves by some ±400 KB from collection to collection, so the trend is read from all of them: the slope of a
    // least-squares line through the five samples (its noise is about 80 bytes per article).
    const points = Object.entries(heap).map(([articles, bytes]) => [Number(articles), bytes] as const).filter(([articles]) => articles >= 1000);
    expect(points).toHaveLength(5);
    const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
    const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
    const slope = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
    expect(slope).toBeLessThan(250);
  });

  it('stays flat with a speaker per article and one in every article: the speaker table spills to disk', async () => {
    const dir = tempDir();
    const result = await start(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'test', 'robustness', 'heap-child.ts'), dir, '5000', 'speakers', '1000']).done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { heap, quotes, speakers } = JSON.parse(result.stdout) as { heap: Record<string, number>; quotes: number; speakers: number };
    expect(quotes).toBe(10_000);
    expect(speakers).toBe(5_001);
    const lines = readFileSync(path.join(dir, 'out', 'speakers.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { name: string; quotes: number; articles: string[] });
    expect(lines[0]).toMatchObject({ name: 'Orla Brennick', quotes: 5_000 });
    expect(lines[0]?.articles).toHaveLength(5_000);
    expect(lines.slice(1).every((line) => line.name === 'spokeswoman' && line.articles.length === 1)).toBe(true);
    expect(readdirSync(path.join(dir, 'out')).filter((name) => name.startsWith('.partial'))).toEqual([]);
    // Held in memory to the end, these speakers cost some 3 MB over the last 4,000 articles (765 bytes each).
    const growth = (heap['5000'] ?? Infinity) - (heap['1000'] ?? 0);
    expect(growth).toBeLessThan(600_000);
  });
});

describe('output folders written before the marker existed', () => {
  it('are recognised by a run.json naming that folder; a run.json naming another folder is not enough', async () => {
    const { OutputFolder, OutputRefusal } = await import('../../pipeline/output/folder.ts');
    const dir = tempDir();
    const out = path.join(dir, 'old-output');
    mkdirSync(out);
    const legacyRun = (output: string): string => JSON.stringify({ version: '0.1.0', input_root: path.join(dir, 'in'), output, counts: { files: 1 } });
    writeFileSync(path.join(out, 'quotes.jsonl'), '');
    writeFileSync(path.join(out, 'run.json'), legacyRun(out));
    const folder = await OutputFolder.open(out, { inputRoot: path.join(dir, 'in') });
    expect(folder.hasPrevious).toBe(true);
    await folder.discard();
    expect(readdirSync(out).sort()).toEqual(['quotes.jsonl', 'run.json']);

    writeFileSync(path.join(out, 'run.json'), legacyRun(path.join(dir, 'elsewhere')));
    await expect(OutputFolder.open(out)).rejects.toBeInstanceOf(OutputRefusal);
    expect(readdirSync(out).sort()).toEqual(['quotes.jsonl', 'run.json']);
  });
});
