#!/usr/bin/env node
/**
 * Builds the shipped JavaScript: pipeline/*.ts → dist/*.js with tsc (tsconfig.build.json). `npm run build` always
 * builds; `npm ci`/`npm install` build through `prepare`; the CLI's launcher calls `ensureBuilt()`, which builds
 * only when dist/ is missing or a source is newer than it (a clone before install, or an edited source).
 * The build goes to a folder of its own and is swapped in whole, so a failed or concurrent build never leaves
 * half a dist/ for a run to load. The entries a run starts (dist/cli.js, dist/worker-main.js) are bundled into one
 * file each before the swap (scripts/bundle.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
/** Written last by a build: its time is the build's. */
const STAMP = path.join(DIST, '.built');
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle.mjs'];

/** The newest modification time among the build's inputs (every .ts under pipeline/, the tsconfigs, package.json, the bundler). */
function newestSource() {
  let newest = 0;
  for (const entry of readdirSync(path.join(ROOT, 'pipeline'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  for (const file of INPUTS) newest = Math.max(newest, statSync(path.join(ROOT, file)).mtimeMs);
  return newest;
}

/** Whether dist/ is missing or older than a source. */
export function isStale() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return newestSource() > built;
}

export function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('building dist/ needs TypeScript (a devDependency): run npm install');
  }
  const next = `${DIST}.${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', next], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`building dist/ failed (tsc exited ${result.status ?? result.signal})`);
  }
  const bundled = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs'), next], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (bundled.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`bundling dist/ failed (exit ${bundled.status ?? bundled.signal})`);
  }
  writeFileSync(path.join(next, '.built'), '');
  const old = `${DIST}.old.${process.pid}`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(next, DIST);
  rmSync(old, { recursive: true, force: true });
}

/** Builds when needed; says so on stderr, since it takes seconds. */
export function ensureBuilt() {
  if (!isStale()) return;
  process.stderr.write('building dist/ (the sources changed since the last build) ...\n');
  build();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--if-stale')) ensureBuilt();
    else build();
  } catch (error) {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
