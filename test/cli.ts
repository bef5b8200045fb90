/**
 * The `extract` command for tests: in-process through `main(argv, io)` (most tests), or the path of the built CLI
 * for the few that need a real process (signals, kill -9, ulimit, a hang guard). The slow project's global set-up
 * builds dist/ when it is stale (test/build-setup.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../pipeline/cli/main.ts';
import { checkOutput } from './output-check.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The built CLI, what `npm run extract` and the bin run: `node BUILT_CLI …args`. */
export const BUILT_CLI = path.join(ROOT, 'dist', 'cli.js');

export interface MainResult { code: number; stdout: string; stderr: string }

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs `extract …args` in this process (cwd: the project folder, like `npm run extract`), collecting what it prints.
 * After a finished run, every record of the output folder is checked against the schema (test/output-check.ts).
 */
export async function runMain(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string | Buffer; signal?: AbortSignal } = {}): Promise<MainResult> {
  const stdout = new Collect();
  const stderr = new Collect();
  const code = await main(args, {
    stdout,
    stderr,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    ...(options.stdin !== undefined ? { stdin: Readable.from([Buffer.from(options.stdin)]) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (code === 0 || code === 3) {
    const out = outOf(args, options.env?.INIT_CWD ?? options.cwd ?? ROOT, options.cwd ?? ROOT);
    if (existsSync(path.join(out, 'run.json'))) await checkOutput(out);
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The output folder the arguments name (`--out`, `-o`, `--out=`; else `output` in the working folder), as the command resolves it. */
function outOf(args: string[], base: string, cwd: string): string {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] ?? '';
    if ((arg === '--out' || arg === '-o') && args[k + 1] !== undefined) return path.resolve(base, args[k + 1] as string);
    if (arg.startsWith('--out=')) return path.resolve(base, arg.slice('--out='.length));
  }
  return path.resolve(cwd, 'output');
}
