/**
 * The bundles a run loads (dist/cli.js with its chunks, dist/worker-main.js) are ASCII, so V8 holds each one's source
 * with one byte a character (scripts/bundle.mjs). One character outside Latin-1 anywhere in a file, a dash in a
 * comment, would make V8 keep the whole file at two bytes a character again: 2.8 MB more in each worker thread.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../cli.ts';

it('every bundle a run loads is ASCII', () => {
  const dist = path.join(ROOT, 'dist');
  const bundles = readdirSync(dist).filter((name) => /^(cli|worker-main)[\w-]*\.js$/.test(name));
  expect(bundles).toContain('worker-main.js');
  expect(bundles.filter((name) => name.startsWith('cli-chunk-')).length).toBeGreaterThan(0);
  for (const name of bundles) {
    const text = readFileSync(path.join(dist, name), 'utf8');
    const at = text.search(/[^\u0000-\u007f]/);
    expect(at, `${name}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`).toBe(-1);
  }
});
