/**
 * Real processes for the tests that need one (signals, kill -9, ulimit): started in their own process group so a
 * whole tree can be killed, guarded against hangs, and all killed when the test file ends (`stopAll`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ProcessResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

const running = new Set<ChildProcess>();

/** Kills the process group of `child` (tsx and npm start children: signals go to the whole group). */
export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Keeps `child` in the set that `stopAll` kills (for processes a test starts itself). */
export const track = (child: ChildProcess): void => { running.add(child); };

export function stopAll(): void {
  for (const child of running) killGroup(child);
}

/** Starts `command args` in its own process group, killed whole after `guardMs`. */
export function start(command: string, args: string[], options: { cwd?: string; guardMs?: number } = {}): { child: ChildProcess; done: Promise<ProcessResult> } {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const guardMs = options.guardMs ?? 60_000;
  const guard = setTimeout(() => { stderr += `\n[test] hang guard: killed after ${guardMs} ms\n`; killGroup(child); }, guardMs);
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Every file under `dir` (relative path → bytes), dot-folders included. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), readFileSync(full));
  }
  return files;
}
