#!/usr/bin/env node
/**
 * Writes pipeline/engine/wink-sbd-table.ts: the part of wink-eng-lite-web-model that decides sentence boundaries,
 * read out of the installed model so that pipeline/engine/sentence-boundaries.ts can split sentences exactly as
 * wink-nlp does without loading the model (its 87,593-word lexicon) at run time:
 *
 * - the tokenizer's regular expressions (trex), token categories and hyphen prefixes/suffixes to keep;
 * - the lexemes whose membership in the lexicon can change how a text is cut into tokens (all but the plain words
 *   the tokenizer's first "word" pattern accepts whole anyway), and every contraction with the tokens it expands to;
 * - the event each token gives the sentence automaton (the sbd transformer's output: the lexicon's sbdHint, the
 *   isAbbrev feature, the few lexemes the automaton names), stored only where a rule cannot compute it;
 * - the automaton itself (eng-sbd-model.json).
 *
 * `node scripts/gen-sbd-table.mjs` writes the file; `--print` writes it to stdout (the table test compares that
 * with the file in the repository, so a new model version cannot drift silently).
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const OUT = path.join(ROOT, 'pipeline/engine/wink-sbd-table.ts');

/** The table as TypeScript source. */
export function generate() {
  const model = require('wink-eng-lite-web-model');
  const cacheOf = require('wink-nlp/src/cache.js');
  const core = model.core();
  const cache = cacheOf(core, model.featureFn);
  const [machineJson] = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-sbd-model.json');
  const machine = JSON.parse(machineJson);
  const intrinsic = cache.intrinsicSize();

  // The sbd transformer (wink-eng-lite-web-model/dist/sbd-transformers.js) for a token whose normal is `n` and raw
  // lexeme `r` (an out-of-vocabulary raw lexeme has no sbdHint: it is not among the features extracted for OOVs).
  // Hint 4 (an ambiguous quote) stays 4 here: it becomes 6 at run time when spaces precede the token.
  const named = new Set([1, 2, 46, 47, 87301, 87302]); // "\n" (skipped by the automaton) and the lexemes it names
  for (const state of Object.values(machine[2])) {
    for (const key of Object.keys(state)) {
      const k = Number(key);
      if (k < 1_080_000 && !named.has(k)) throw new Error(`the sbd automaton names lexeme ${k}: not modelled`);
    }
  }
  const event = (n, r) => {
    if (n === 1) return 1; // the automaton skips a "\n" before it looks at hints
    const hint = cache.property(n, 'sbdHint') || (r === null ? 0 : cache.property(r, 'sbdHint'));
    if (hint) return 1_080_000 + hint;
    if (cache.property(n, 'isAbbrev')) return 1_080_000 + (cache.value(n).length === 2 ? 8 : 7);
    return named.has(n) ? n : 0;
  };
  // What a word outside the lexicon gives: its normal is its lower case, a new lexeme whose isAbbrev the model's
  // feature function computes, and no sbdHint.
  const abbrevRule = (lower) => (/[a-z].*\.$/i.test(lower) ? 1_080_000 + (lower.length === 2 ? 8 : 7) : 0);
  if (model.featureFn(core.packing.config).isAbbrev.toString() !== 'function(word){return/[a-z].*\\.$/i.test(word)?1:0}') {
    throw new Error('the model computes isAbbrev differently: update abbrevRule here and in sentence-boundaries.ts');
  }

  // Events of out-of-vocabulary tokens whose lower case is a lexeme (normal: that lexeme, spelling-mapped).
  const lowerEvents = new Map();
  for (let id = 0; id < intrinsic; id++) {
    const value = cache.value(id);
    if (value !== value.toLowerCase()) continue;
    const e = event(cache.mappedSpelling(id), null);
    if (e !== abbrevRule(value)) lowerEvents.set(value, e);
  }
  const oovEvent = (value) => {
    const lower = value.toLowerCase();
    return lowerEvents.get(lower) ?? abbrevRule(lower);
  };

  // wink packs a new word's shape index into 14 bits just below its isAbbrev bit: once a cache has met 16,384
  // shapes, a word whose shape index has bit 14 set reads as an abbreviation. The splitter counts shapes as the cache
  // does, which needs the model's shape function and its list of shapes (holding every lexeme's own).
  const features = model.featureFn(core.packing.config);
  const SHAPE_SOURCE = 'function(word){return word.normalize("NFD").replace(rgxDiacriticalWordJoiner,"").replace(/[A-Z]{4,}/g,"XXXX").replace(/[A-Z]/g,"X").replace(/[a-z]{4,}/g,"xxxx").replace(/[a-z]/g,"x").replace(/\\d{4,}/g,"dddd").replace(/\\d/g,"d")}';
  const { layout } = core.packing;
  if (features.shape.toString() !== SHAPE_SOURCE || JSON.stringify(layout.shape) !== '[1,65532,2,0,1,0]' || JSON.stringify(layout.isAbbrev) !== '[1,65536,16,1,1,0]') {
    throw new Error('the model computes or packs shapes differently: update shapeOf in sentence-boundaries.ts');
  }
  const shapes = core.features.shape.list;
  const shapeSet = new Set(shapes);
  // Every lexeme's shape is in the list (id 0 is the model's out-of-vocabulary marker, never added), so a shape is new
  // only with a new word: registering the shape of every token added is what the cache does.
  for (let id = 1; id < intrinsic; id++) if (!shapeSet.has(features.shape(cache.value(id)))) throw new Error(`no shape for lexeme ${id}`);

  const wordRx = new RegExp(core.trex.ltc[0][0], core.trex.ltc[0][1]);
  const members = [];
  const contractions = new Map();
  const tokenEvents = new Map();
  for (let id = 0; id < intrinsic; id++) {
    const value = cache.value(id);
    const found = cache.lookup(value);
    if (found === null || (found.length === 1 && found[0] !== id)) throw new Error(`lexeme ${id} does not look up to itself`);
    // As one token (the tokenizer adds some strings without looking them up: then a contraction stays whole).
    const e = event(cache.normal(id), id);
    if (e !== oovEvent(value)) tokenEvents.set(value, e);
    if (found.length > 1) {
      const pieces = [];
      for (let k = 0; k < found.length; k += 4) pieces.push([cache.value(found[k]), event(core.xpansions[found[k + 1]], found[k])]);
      // wink rebuilds a sentence's text from its tokens: where the pieces do not spell the word, it is not modelled.
      contractions.set(value, pieces.map(([piece]) => piece).join('') === value ? pieces : null);
    } else if (!wordRx.test(value)) {
      members.push(value);
    }
  }

  const trex = core.trex;
  const lines = [
    '// Generated by scripts/gen-sbd-table.mjs from the installed wink-eng-lite-web-model: do not edit.',
    '/* eslint-disable */',
    `export const MODEL_VERSION = ${JSON.stringify(require('wink-eng-lite-web-model/package.json').version)};`,
    `export const WINK_VERSION = ${JSON.stringify(require('wink-nlp/package.json').version)};`,
    '/** The tokenizer\'s regular expressions: [source, flags] and, for the category detectors, the category. */',
    `export const TREX = ${JSON.stringify({ ltc: trex.ltc, rtc: trex.rtc, helpers: { splitter: trex.helpers.splitter, anyWithRP: trex.helpers.anyWithRP, anyWithLP: trex.helpers.anyWithLP, LPanyRP: trex.helpers.LPanyRP } })} as const;`,
    `export const CATEGORIES = ${JSON.stringify(core.tcat.hash)} as const;`,
    `export const PRESERVE_PREFIXES: readonly string[] = ${JSON.stringify(Object.keys(core.preserve.prefix))};`,
    `export const PRESERVE_SUFFIXES: readonly string[] = ${JSON.stringify(Object.keys(core.preserve.suffix))};`,
    '/** Lexemes other than plain words and contractions: the tokenizer keeps them whole. */',
    `export const MEMBERS: readonly string[] = ${JSON.stringify(members)};`,
    '/** Contractions and the tokens they expand to, each with its automaton event; null: the pieces do not spell the word. */',
    `export const CONTRACTIONS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, number]> | null]> = ${JSON.stringify([...contractions])};`,
    '/** Automaton events of lexemes, where the rule for words outside the lexicon would give another. */',
    `export const TOKEN_EVENTS: ReadonlyArray<readonly [string, number]> = ${JSON.stringify([...tokenEvents])};`,
    '/** Events of words outside the lexicon whose lower case is a lexeme, where the isAbbrev rule would give another. */',
    `export const LOWER_EVENTS: ReadonlyArray<readonly [string, number]> = ${JSON.stringify([...lowerEvents])};`,
    '/** The shapes the model knows, in order (a new shape gets the next index). */',
    `export const SHAPES: readonly string[] = ${JSON.stringify(shapes)};`,
    '/** The sentence automaton: [version, last state, transitions, terminal states, marks, custom properties]. */',
    `export const SBD_MACHINE = ${machineJson} as const;`,
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = generate();
  if (process.argv.includes('--print')) process.stdout.write(source);
  else writeFileSync(OUT, source);
}
