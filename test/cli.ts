/**
 * The `extract` command for tests: in-process through `main(argv, io)` (most tests), or the path of the built CLI
 * for the few that need a real process (signals, kill -9, ulimit, a hang guard). The slow project's global set-up
 * builds dist/ when it is stale (test/build-setup.ts).
 */
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../pipeline/cli/main.ts';

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

/** Runs `extract …args` in this process (cwd: the project folder, like `npm run extract`), collecting what it prints. */
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
  return { code, stdout: stdout.text, stderr: stderr.text };
}
