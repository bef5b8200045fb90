import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { DEFAULT_MAX_BYTES, discoverInputs, loadInput } from '../../pipeline/input/index.ts';
import type { InputEntry, LoadedFile } from '../../pipeline/input/index.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) {
    // Give back any permission a test took away so the tree can be removed.
    try {
      execFileSync('chmod', ['-R', 'u+rwx', dir], { stdio: 'ignore' });
    } catch {
      // best effort
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh directory under the OS temp dir, removed after the test file. */
export function tempDir(prefix = 'input-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export type Spec = string | Uint8Array | { symlink: string } | { dir: true } | { fifo: true };

/** Write a tree of files (bytes or strings, written as UTF-8), symlinks, directories and FIFOs under `root`. */
export function writeTree(root: string, files: Record<string, Spec>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const target = path.join(root, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof spec === 'string' || spec instanceof Uint8Array) writeFileSync(target, spec);
    else if ('symlink' in spec) symlinkSync(spec.symlink, target);
    else if ('dir' in spec) mkdirSync(target, { recursive: true });
    else execFileSync('mkfifo', [target]);
  }
}

/** A temp root holding `files`. */
export function makeRoot(files: Record<string, Spec>): string {
  const root = tempDir();
  writeTree(root, files);
  return root;
}

export function entryFor(root: string, relativePath: string): InputEntry {
  return { path: path.join(root, relativePath), relativePath, root };
}

/** Load one file of a tree written by {@link makeRoot}. */
export function loadOne(root: string, relativePath: string, maxBytes = DEFAULT_MAX_BYTES): Promise<LoadedFile> {
  return loadInput(entryFor(root, relativePath), { maxBytes });
}

/** Write a single file into a fresh root and load it. */
export async function loadBytes(name: string, bytes: string | Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Promise<LoadedFile> {
  return loadOne(makeRoot({ [name]: bytes }), name, maxBytes);
}

/** Discover and load everything under root, keyed by relative path. */
export async function loadAll(root: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Map<string, LoadedFile>> {
  const out = new Map<string, LoadedFile>();
  for (const entry of await discoverInputs(root)) out.set(entry.relativePath, await loadInput(entry, { maxBytes }));
  return out;
}

/** The statuses of a loaded file's problems. */
export const statuses = (loaded: LoadedFile): string[] => loaded.problems.map((p) => p.status);

/** Reject if `promise` takes longer than `ms` (for operations that must not hang). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
