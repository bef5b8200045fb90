/**
 * compromise, loaded on first use and synchronously from its one-file CommonJS build: its ES module entry is some
 * hundreds of files (≈ twice the load time), and an article that never asks it (or a run that never needs it)
 * should not pay for it at start-up.
 */
import { createRequire } from 'node:module';
import type nlpType from 'compromise';

export type Nlp = typeof nlpType;

let loaded: Nlp | undefined;

export function compromise(): Nlp {
  loaded ??= createRequire(import.meta.url)('compromise') as Nlp;
  return loaded;
}
