/**
 * wink-nlp's sentence boundaries (wink-nlp 2.4 with wink-eng-lite-web-model 1.8, the 'sbd' pipe alone) without
 * wink: its tokenizer, the sbd transformer, its automaton and the sbd setter, ported step by step, on the model data
 * that decides boundaries (wink-sbd-table.ts, generated from the installed model by scripts/gen-sbd-table.mjs).
 * The functions below keep wink's names and order (wink-nlp/src/tokenizer.js, recursive-tokenizer.js, automaton.js;
 * the model's sbd-transformers.js and sbd-setter.js) so the two can be read side by side.
 *
 * wink's tokenizer asks its word cache whether a piece of text is a known word, and that cache learns every new
 * token it is given, so a token seen earlier (in the same paragraph or any paragraph the instance read before) can
 * change how a later one is cut: "v6t2..." is "v6t2" "..." once "v6t2" is known, else "v6t2" "." "..". A
 * `SentenceSplitter` learns the same way (only the tokens where knowing them can matter), so one splitter that reads
 * what one wink instance would read gives what that instance gives.
 *
 * Not modelled, so `split` returns null and the caller asks wink: whitespace that JavaScript's trim() removes but
 * wink's splitter keeps inside a token (it would drop out of wink's rebuilt sentence text), and the few contractions
 * whose expansion does not spell the word (test/stages/sentence-boundaries.test.ts and scripts/check-splitter.mjs
 * compare the two).
 */
import {
  CATEGORIES, CONTRACTIONS, LOWER_EVENTS, MEMBERS, PRESERVE_PREFIXES, PRESERVE_SUFFIXES, SBD_MACHINE, SHAPES, TOKEN_EVENTS, TREX,
} from './wink-sbd-table.ts';
import { isSpaceAt } from './chars.ts';

export interface SentenceSpan { start: number; end: number }

const cat = CATEGORIES;
const compile = (entries: ReadonlyArray<readonly [string, string, number]>): Array<[RegExp, number]> =>
  entries.map(([source, flags, category]) => [new RegExp(source, flags), category]);
const ltc = compile(TREX.ltc);
const rtc = compile(TREX.rtc);
const rgxAnyWithRP = new RegExp(TREX.helpers.anyWithRP[0], TREX.helpers.anyWithRP[1]);
const rgxAnyWithLP = new RegExp(TREX.helpers.anyWithLP[0], TREX.helpers.anyWithLP[1]);
const rgxLPanyRP = new RegExp(TREX.helpers.LPanyRP[0], TREX.helpers.LPanyRP[1]);
// recursive-tokenizer.js's own expressions (not model data).
const rgxShortFormDot = /^(?:(?:[A-Z])(?:\.))+$/i;
const rgxShortForm = /^(?:(?:[A-Z])(?:\.))+[a-z]?$/i;
const rgxHyphens = /[-–—]/gi;
const rgxPeriod = /[.]/gi;
const rgxNumber = /[0-9]/;
/** Whitespace trim() removes that wink's splitter does not split on: wink would lose it from a sentence's text. */
const UNMODELLED_SPACE = /[\v\f\u1680\u2000\u2001\u2006-\u2008\u2028\u2029\u3000\ufeff]/;
const WORD = ltc[0]?.[0] ?? /$^/;

const members = new Set(MEMBERS);
const contractions = new Map(CONTRACTIONS);
const tokenEvents = new Map(TOKEN_EVENTS);
const lowerEvents = new Map(LOWER_EVENTS);
const prefixes = new Set(PRESERVE_PREFIXES);
const suffixes = new Set(PRESERVE_SUFFIXES);

// Automaton events (sbd-transformers.js): 1080000 + sbdHint, 1080007/8 for abbreviations, or the normal's id
// where the automaton names it; 0 stands for every other token.
const LF = 1; // the lexeme "\n": the automaton skips tokens with this normal
const AMBIGUOUS_QUOTE = 1_080_004;
const SPACED_AMBIGUOUS_QUOTE = 1_080_006;
const EOS = 2_070_000;
const OTHERWISE = 2_070_003;

// A run of one class in a shape, by its length (four at most): constants instead of `repeat`.
const UPPER_RUNS = ['', 'X', 'XX', 'XXX', 'XXXX'];
const LOWER_RUNS = ['', 'x', 'xx', 'xxx', 'xxxx'];
const DIGIT_RUNS = ['', 'd', 'dd', 'ddd', 'dddd'];

/** The model's shape feature (feature.js), with a short path for ASCII that gives the same. */
export function shapeOf(word: string): string {
  let ascii = true;
  for (let k = 0; k < word.length && ascii; k++) ascii = word.charCodeAt(k) < 0x80;
  if (!ascii) {
    return word.normalize('NFD').replace(/[\u0300-\u036f\u2060]/g, '').replace(/[A-Z]{4,}/g, 'XXXX').replace(/[A-Z]/g, 'X')
      .replace(/[a-z]{4,}/g, 'xxxx').replace(/[a-z]/g, 'x').replace(/\d{4,}/g, 'dddd').replace(/\d/g, 'd');
  }
  // Each run of capitals, small letters or digits becomes its class letter, four at most.
  let shape = '';
  let k = 0;
  while (k < word.length) {
    const code = word.charCodeAt(k);
    const mark = code >= 0x41 && code <= 0x5a ? 'X' : code >= 0x61 && code <= 0x7a ? 'x' : code >= 0x30 && code <= 0x39 ? 'd' : '';
    if (mark === '') {
      shape += word[k];
      k++;
      continue;
    }
    let end = k + 1;
    while (end < word.length) {
      const next = word.charCodeAt(end);
      const same = mark === 'X' ? next >= 0x41 && next <= 0x5a : mark === 'x' ? next >= 0x61 && next <= 0x7a : next >= 0x30 && next <= 0x39;
      if (!same) break;
      end++;
    }
    shape += (mark === 'X' ? UPPER_RUNS : mark === 'x' ? LOWER_RUNS : DIGIT_RUNS)[Math.min(4, end - k)] as string;
    k = end;
  }
  return shape;
}

/** Whether an ASCII word is in small letters, capitals, or capitalised (its shape and its lower case's are known). */
function plainCase(word: string): boolean {
  let upper = 0;
  for (let k = 1; k < word.length; k++) if (word.charCodeAt(k) < 0x61) upper++;
  return upper === 0 || (upper === word.length - 1 && word.charCodeAt(0) < 0x61);
}
// The shapes plainCase words have (checked at load: the short path above is only right if the model has them all).
if (!['x', 'xx', 'xxx', 'xxxx', 'X', 'Xx', 'Xxx', 'Xxxx', 'XX', 'XXX', 'XXXX'].every((shape) => SHAPES.includes(shape))) {
  throw new Error('wink-eng-lite-web-model lacks a plain word shape: update plainCase');
}

/** The shapes the splitter now reading has met, each with its index in wink's list (see `register`). */
let shapes = new Map<string, number>();
const OOV_MARKER = '$%^oov^%$';
/** Shape indexes from here on have bit 14 set, which wink reads as the isAbbrev bit. */
const SHAPE_OVERFLOW = 0x4000;

/**
 * cache.add computes a new word's features, its shape among them: a shape never met before gets the next index.
 * Every lexeme's shape is already known (gen-sbd-table.mjs checks), so registering the shape of every token added,
 * and of its lower case, is what the cache does.
 */
function register(text: string, lower: string): void {
  if (text === OOV_MARKER) return;
  // A lexeme's own shape is known ("." "," "U.S." …): only its lower case can be new.
  if (!members.has(text)) {
    const shape = shapeOf(text);
    if (!shapes.has(shape)) shapes.set(shape, shapes.size);
  }
  if (lower !== text) {
    const lowerShape = shapeOf(lower);
    if (!shapes.has(lowerShape)) shapes.set(lowerShape, shapes.size);
  }
}

/**
 * Whether wink reads the isAbbrev bit of the word `lower` as set because its shape index overflowed into it (a word
 * outside the lexicon; a lexeme's shape index is far below). Only possible past 16,384 shapes.
 */
function overflowAbbrev(lower: string): boolean {
  if (shapes.size <= SHAPE_OVERFLOW) return false;
  return (((shapes.get(shapeOf(lower)) ?? 0) & SHAPE_OVERFLOW) !== 0);
}

/** The automaton event of a token with this text, as wink's transformer maps it (hint 4 before the spaces check). */
function eventOf(value: string): number {
  const known = tokenEvents.get(value);
  if (known !== undefined) return known;
  // Outside the lexicon (or a lexeme that maps like one): the normal is the lower case.
  const lower = value.toLowerCase();
  const event = lowerEvents.get(lower);
  if (event !== undefined) return event;
  // The model's feature function: isAbbrev = /[a-z].*\.$/i; a two-character abbreviation is "non-EOS".
  const abbrev = (lower.endsWith('.') && /[a-z].*\.$/i.test(lower)) || overflowAbbrev(lower);
  return abbrev ? (lower.length === 2 ? 1_080_008 : 1_080_007) : 0;
}

// The few plain words among LOWER_EVENTS ("btw"), and their lengths: most words need no lower-casing.
const lowerWordEvents = new Map(LOWER_EVENTS.filter(([lower]) => WORD.test(lower)));
const lowerWordLengths = new Set([...lowerWordEvents.keys()].map((lower) => lower.length));

/** eventOf for a plain word (never an abbreviation: no full stop; its lower case is a plain word too). */
function wordEventOf(value: string): number {
  const known = tokenEvents.get(value);
  if (known !== undefined) return known;
  const event = lowerWordLengths.has(value.length) ? lowerWordEvents.get(value.toLowerCase()) : undefined;
  if (event !== undefined) return event;
  const lower = value.toLowerCase();
  return overflowAbbrev(lower) ? (lower.length === 2 ? 1_080_008 : 1_080_007) : 0;
}

// Plain ASCII words whose event is not 0 (or that are contractions): a piece of letters whose hash (below) is none of
// these is an ordinary word, read without being cut out of the text. A hash match only sends it the long way.
const wordHash = (h: number, code: number): number => (h * 31 + code) & 0x3fffffff;
const hashOf = (word: string, lower: boolean): number => {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = wordHash(h, lower ? word.charCodeAt(k) | 0x20 : word.charCodeAt(k));
  return h;
};
const ASCII_WORD = /^[A-Za-z]+$/;
const specialWordHashes = new Set([...tokenEvents.keys(), ...contractions.keys()].filter((word) => ASCII_WORD.test(word)).map((word) => hashOf(word, false)));
const specialLowerHashes = new Set([...lowerWordEvents.keys()].filter((word) => ASCII_WORD.test(word)).map((word) => hashOf(word, true)));
if ([...lowerWordEvents.keys()].some((word) => !ASCII_WORD.test(word))) {
  throw new Error('wink-eng-lite-web-model has a non-ASCII plain word with an event: update specialLowerHashes');
}

// "said," "Smith." "said.”": ASCII letters, then a closing mark the model's wordRP expression takes (ltc[1]), then maybe
// a second mark anyWithRP takes as the right part. Such a piece is cut as processUnk and processWordRP would cut it
// (see `markedWordAt`), unless the piece or the word with its first mark is a lexeme, a contraction or learned.
const WORD_RP_MARKS = '’”"])}…,.!;?/:';
const SECOND_MARKS = '’”"…,.!;?:';
if (TREX.ltc[1]?.[0] !== '^[a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF\\u0300-\\u036f\\u2060]+[\\’\\”\\"\\]\\)\\}\\…\\,\\.\\!\\;\\?\\/\\:]$'
  || TREX.ltc[1]?.[2] !== cat.wordRP) {
  throw new Error('wink-eng-lite-web-model reads a word with a closing mark otherwise: update markedWordAt');
}
const MARKED_WORD = /^(?:[A-Za-z]+(?:[’”"\])}…,.!;?/:][’”"…,.!;?:]?|['’]s)|\d+[’”"…,.!;?:])$/;
/** By character code: 1 a first mark, 2 a second mark, 3 both. */
const markKinds = new Uint8Array(0x2030);
for (const mark of WORD_RP_MARKS) markKinds[mark.charCodeAt(0)] = 1;
for (const mark of SECOND_MARKS) markKinds[mark.charCodeAt(0)] = (markKinds[mark.charCodeAt(0)] as number) | 2;
const markKind = (code: number): number => (code < 0x2030 ? markKinds[code] as number : 0);
const specialMarkedHashes = new Set([...members, ...contractions.keys()].filter((word) => MARKED_WORD.test(word)).map((word) => hashOf(word, false)));

// The sets above, filtered first by a bit per low 16 bits of the hash: most words are told apart by one array read.
const HASH_BITS = 0xffff;
const specialWordBits = new Uint8Array(HASH_BITS + 1);
for (const h of specialWordHashes) specialWordBits[h & HASH_BITS] = 1;
const specialLowerBits = new Uint8Array(HASH_BITS + 1);
for (const h of specialLowerHashes) specialLowerBits[h & HASH_BITS] = 1;
const isSpecialWord = (h: number): boolean => specialWordBits[h & HASH_BITS] === 1 && specialWordHashes.has(h);
const isSpecialLower = (hl: number, length: number): boolean => specialLowerBits[hl & HASH_BITS] === 1 && lowerWordLengths.has(length) && specialLowerHashes.has(hl);

/** plainCase for `text[from, to)`. */
function plainCaseAt(text: string, from: number, to: number): boolean {
  let upper = 0;
  for (let k = from + 1; k < to; k++) if (text.charCodeAt(k) < 0x61) upper++;
  return upper === 0 || (upper === to - from - 1 && text.charCodeAt(from) < 0x61);
}

/**
 * For ASCII letters `text[from, to)` with case-sensitive hash `h` and lower-case hash `hl`: whether the word can be
 * read as an ordinary word (event 0, no contraction, a shape already known) without its string. When this says yes,
 * `addWord` (or `addToken`) would push event 0 and learn nothing.
 */
function ordinaryWord(text: string, from: number, to: number, h: number, hl: number): boolean {
  return !isSpecialWord(h) && !isSpecialLower(hl, to - from) && shapes.size <= SHAPE_OVERFLOW && plainCaseAt(text, from, to);
}

/** `ordinaryWord` for a word of `length` letters whose case is known to be plain (`plain`) or not. */
function ordinaryPlainWord(length: number, h: number, hl: number, plain: boolean): boolean {
  return plain && !isSpecialWord(h) && !isSpecialLower(hl, length) && shapes.size <= SHAPE_OVERFLOW;
}

/**
 * The tokens of one paragraph: the automaton event and the offsets of each, in typed arrays that the splitter reuses
 * from one paragraph to the next (`reset`): only `count` of them are this paragraph's.
 */
class Tokens {
  events: Int32Array = new Int32Array(256);
  starts: Int32Array = new Int32Array(256);
  ends: Int32Array = new Int32Array(256);
  count = 0;
  /** Where the next token starts: tokens of a piece of text between spaces follow each other without gaps. */
  cursor = 0;
  unmodelled = false;

  reset(): void {
    this.count = 0;
    this.cursor = 0;
    this.unmodelled = false;
  }

  /** One more token of `length` characters at the cursor. */
  push(event: number, length: number): void {
    if (this.count === this.events.length) {
      const grow = (old: Int32Array): Int32Array => { const next = new Int32Array(old.length * 2); next.set(old); return next; };
      this.events = grow(this.events);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.events[this.count] = event;
    this.starts[this.count] = this.cursor;
    this.cursor += length;
    this.ends[this.count] = this.cursor;
    this.count++;
  }

  /** A plain word as one token (nothing to learn, see `learn`). */
  addWord(text: string, asciiLetters: boolean): void {
    // An ASCII word in one case, or capitalised, has a shape every lexicon has ("Xxxx", "xx", "XXXX"): nothing new.
    if (!asciiLetters || !plainCase(text)) register(text, text.toLowerCase());
    this.push(wordEventOf(text), text.length);
  }

  /** dd-wrapper.js addToken: the text is one token, whatever the lexicon says. */
  addToken(text: string, precedingSpaces: number): void {
    learn(text);
    register(text, text.toLowerCase());
    let event = eventOf(text);
    if (event === AMBIGUOUS_QUOTE && precedingSpaces > 0) event = SPACED_AMBIGUOUS_QUOTE;
    this.push(event, text.length);
  }

  /** dd-wrapper.js addTokenIfInCache: a lexeme is added (a contraction as its expansion); anything else is not. */
  addTokenIfInCache(text: string, precedingSpaces: number): boolean {
    const expansion = contractions.get(text);
    if (expansion === undefined) {
      if (!isLexeme(text)) return false;
      this.addToken(text, precedingSpaces);
      return true;
    }
    if (expansion === null) {
      this.unmodelled = true;
      this.addToken(text, precedingSpaces);
      return true;
    }
    for (let k = 0; k < expansion.length; k++) {
      const [piece, event] = expansion[k] as (typeof expansion)[number];
      // Only the first piece carries the spaces before the word.
      this.push(event === AMBIGUOUS_QUOTE && k === 0 && precedingSpaces > 0 ? SPACED_AMBIGUOUS_QUOTE : event, piece.length);
    }
    return true;
  }
}

/** The words the splitter now reading has learned (wink's cache: every token it added, and its lower case). */
let learned = new Set<string>();

/**
 * cache.lookup(text) !== null, for the questions the tokenizer asks. Plain words (the first category detector's
 * pattern) are answered "no": for them the answer never changes the tokens (they are one token either way).
 */
function isLexeme(text: string): boolean {
  return members.has(text) || contractions.has(text) || learned.has(text);
}

/**
 * Hashes (`hashOf`, case kept) of the learned words that are ASCII letters and one or two closing marks ("said,"):
 * what `markedWordAt` must send the long way. Swapped with `learned`, like it.
 */
let learnedMarked = new Set<number>();

/** cache.add: a token the cache did not know becomes known, and so does its lower case (plain words need not be). */
function learn(text: string): void {
  if (WORD.test(text) || members.has(text)) return;
  learned.add(text);
  if (MARKED_WORD.test(text)) learnedMarked.add(hashOf(text, false));
  const lower = text.toLowerCase();
  if (lower !== text && !WORD.test(lower)) {
    learned.add(lower);
    if (MARKED_WORD.test(lower)) learnedMarked.add(hashOf(lower, false));
  }
}

// ---- recursive-tokenizer.js ----

type Piece = string | readonly [string, number];

function pushHyphenatedToken(tkn: string, tokens: Piece[]): void {
  if (isLexeme(tkn) || rgxNumber.test(tkn)) {
    tokens.push([tkn, cat.word]);
    return;
  }
  const hyphens = tkn.match(rgxHyphens);
  if (hyphens === null) {
    tokens.push([tkn, cat.word]);
    return;
  }
  const words = tkn.split(rgxHyphens);
  const last = words.length - 1;
  if (prefixes.has(words[0] ?? '') || suffixes.has(words[last] ?? '')) {
    tokens.push([tkn, cat.word]);
    return;
  }
  let k = 0;
  for (const word of words) {
    if (word !== '') tokens.push([word, cat.word]);
    if (k < hyphens.length) tokens.push([hyphens[k] ?? '', cat.punctuation]);
    k += 1;
  }
}

function pushWordToken(tkn: string, tokens: Piece[]): void {
  if (isLexeme(tkn) || rgxShortFormDot.test(tkn)) {
    tokens.push([tkn, cat.word]);
    return;
  }
  const periods = tkn.match(rgxPeriod);
  if (periods === null) {
    pushHyphenatedToken(tkn, tokens);
    return;
  }
  const words = tkn.split(rgxPeriod);
  let k = 0;
  let currBuild = '';
  let nextBuild = '';
  for (const word of words) {
    nextBuild = currBuild + word;
    if (rgxShortForm.test(nextBuild) || (isLexeme(nextBuild) && nextBuild.length > 2) || currBuild === '') {
      currBuild = nextBuild;
    } else {
      pushHyphenatedToken(currBuild, tokens);
      currBuild = word;
      nextBuild = '';
    }
    if (k < periods.length) {
      const period = periods[k] ?? '';
      nextBuild = currBuild + period;
      if (rgxShortForm.test(nextBuild) || (isLexeme(nextBuild) && nextBuild.length > 2)) {
        currBuild = nextBuild;
      } else {
        pushHyphenatedToken(currBuild, tokens);
        tokens.push([period, cat.punctuation]);
        currBuild = '';
        nextBuild = '';
      }
    }
    k += 1;
  }
  if (currBuild !== '') pushHyphenatedToken(currBuild, tokens);
}

function tokenizeTextUnit(text: string, rgxSplit: readonly [RegExp, number]): Piece[] {
  const [rgx, tag] = rgxSplit;
  const matches = text.match(rgx) ?? [];
  const balance = text.split(rgx);
  const tokens: Piece[] = [];
  let k = 0;
  for (const part of balance) {
    const t = part.trim();
    if (t) tokens.push(t);
    if (k < matches.length) {
      const match = matches[k] ?? '';
      if (tag === cat.word) pushWordToken(match, tokens);
      else tokens.push([match, tag]);
    }
    k += 1;
  }
  return tokens;
}

/** recursive-tokenizer.js tokenize(): `ps` (the spaces before the text) goes to its first token only. */
function tokenizeRecursively(regexes: ReadonlyArray<readonly [RegExp, number]>, text: string, precedingSpaces: number, doc: Tokens): void {
  let ps = precedingSpaces;
  const recurse = (unit: string, from: number): void => {
    const rgx = regexes[from];
    if (rgx === undefined) {
      // No expression left: the true "unk", added as it is (not trimmed).
      doc.addToken(unit, ps);
      ps = 0;
      return;
    }
    const trimmed = unit.trim();
    // An expression that finds nothing leaves the text whole (tokenizeTextUnit would give [trimmed], or nothing for
    // ""): on to the next one without its arrays.
    if (trimmed.search(rgx[0]) < 0) {
      if (trimmed !== '') recurse(trimmed, from + 1);
      return;
    }
    for (const token of tokenizeTextUnit(trimmed, rgx)) {
      if (typeof token === 'string') {
        recurse(token, from + 1);
      } else {
        if (!doc.addTokenIfInCache(token[0], ps)) doc.addToken(token[0], ps);
        ps = 0;
      }
    }
  };
  recurse(text, 0);
}

// ---- tokenizer.js ----

function detectTokenCategory(token: string): number {
  for (const [rgx, category] of ltc) if (rgx.test(token)) return category;
  return cat.unk;
}

// "“We", "(Reuters": an opening mark, then two ASCII letters or more. anyWithRP cannot match it (its end needs a mark
// or "'s"), anyWithLP takes the mark and the word, and the word, no contraction, is one token whether or not it is a lexeme.
// The mark's string comes from here, not cut out of the text. (Checked against the model's expressions at load.)
const LEFT_MARKS = new Map([...'‘\'“"[({…-–'].map((mark) => [mark.charCodeAt(0), mark]));
if (TREX.helpers.anyWithLP[0] !== "^(––|--|[\\‘\\'\\“\\\"\\[\\(\\{\\…\\-\\–])(.+?[^\\’\\'\\”\\\"\\]\\)\\}\\…\\,\\.\\!\\;\\?\\-\\–\\:\\u0964\\u0965])$"
  || TREX.helpers.anyWithRP[0] !== "^([^\\‘\\“\\\"\\[\\(\\{\\…\\-\\–].+?)(\\.+|––|--|[\\’\\'\\”\\\"\\…\\,\\.\\!\\;\\?\\-\\–\\:\\u0964\\u0965]$|(?:\\'s))$") {
  throw new Error('wink-eng-lite-web-model reads marks before a word otherwise: update processUnk\'s short path');
}

/** The short path for an opening mark before an ASCII word (see LEFT_MARKS); false when it does not apply. */
function markThenWord(text: string, precedingSpaces: number, doc: Tokens): boolean {
  const mark = LEFT_MARKS.get(text.charCodeAt(0));
  if (mark === undefined || text.length < 3) return false;
  let h = 0;
  let hl = 0;
  for (let k = 1; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a))) return false;
    h = wordHash(h, code);
    hl = wordHash(hl, code | 0x20);
  }
  if (ordinaryWord(text, 1, text.length, h, hl)) {
    doc.addToken(mark, precedingSpaces);
    doc.push(0, text.length - 1);
    return true;
  }
  // Any other ASCII word ("“The", "(McTavish"): anyWithLP's body, a lexeme or a word (ltc[0]), is added as a token
  // either way, which for a word that is no contraction is what addWord does (it learns nothing).
  const body = text.slice(1);
  if (contractions.has(body)) return false;
  doc.addToken(mark, precedingSpaces);
  doc.addWord(body, true);
  return true;
}

function processUnk(text: string, precedingSpaces: number, doc: Tokens): void {
  if (markThenWord(text, precedingSpaces, doc)) return;
  let match = rgxAnyWithRP.exec(text);
  if (match) {
    const [, body = '', right = ''] = match;
    if (!doc.addTokenIfInCache(body, precedingSpaces)) {
      const splitCat = detectTokenCategory(body);
      if (splitCat === cat.unk) {
        tokenizeRecursively(rtc, text, precedingSpaces, doc);
      } else {
        process(body, splitCat, precedingSpaces, doc);
        doc.addToken(right, 0);
      }
    } else {
      doc.addToken(right, 0);
    }
    return;
  }
  match = rgxAnyWithLP.exec(text);
  if (match) {
    const [, left = '', body = ''] = match;
    if (isLexeme(body)) {
      doc.addToken(left, precedingSpaces);
      doc.addTokenIfInCache(body, 0);
    } else {
      const splitCat = detectTokenCategory(body);
      if (splitCat === cat.unk) {
        tokenizeRecursively(rtc, text, precedingSpaces, doc);
      } else {
        doc.addToken(left, precedingSpaces);
        process(body, splitCat, 0, doc);
      }
    }
    return;
  }
  match = rgxLPanyRP.exec(text);
  if (match) {
    const [, left = '', body = '', right = ''] = match;
    if (isLexeme(body)) {
      doc.addToken(left, precedingSpaces);
      doc.addTokenIfInCache(body, 0);
      doc.addToken(right, 0);
    } else {
      const splitCat = detectTokenCategory(body);
      if (splitCat === cat.unk) {
        tokenizeRecursively(rtc, text, precedingSpaces, doc);
      } else {
        doc.addToken(left, precedingSpaces);
        process(body, splitCat, 0, doc);
        doc.addToken(right, 0);
      }
    }
    return;
  }
  tokenizeRecursively(rtc, text, precedingSpaces, doc);
}

function processWordRP(token: string, precedingSpaces: number, doc: Tokens): void {
  // `^[a-z]\.$` arrives here instead of as a short form: it stays one token.
  if (token.length === 2 && token[1] === '.') {
    doc.addToken(token, precedingSpaces);
  } else {
    // "said," "Smith.": an ordinary ASCII word needs no string of its own (addToken would learn nothing from it).
    const end = token.length - 1;
    let h = 0;
    let hl = 0;
    let ascii = true;
    for (let k = 0; k < end && ascii; k++) {
      const code = token.charCodeAt(k);
      ascii = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
      h = wordHash(h, code);
      hl = wordHash(hl, code | 0x20);
    }
    if (ascii && ordinaryWord(token, 0, end, h, hl)) doc.push(0, end);
    else doc.addToken(token.slice(0, -1), precedingSpaces);
    doc.addToken(token.slice(-1), 0);
  }
}

/** processFunctions[category]. */
function process(token: string, category: number, precedingSpaces: number, doc: Tokens): void {
  if (category === cat.unk) processUnk(token, precedingSpaces, doc);
  else if (category === cat.wordRP) processWordRP(token, precedingSpaces, doc);
  else doc.addToken(token, precedingSpaces);
}

const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** An ASCII letter: setting bit 5 maps capitals onto small letters, and nothing else onto them. */
const isAsciiLetter = (code: number): boolean => ((code | 0x20) - 0x61) >>> 0 < 26;

/** The splitter's two kinds of separators (trex.helpers.splitter): spaces (with no-break spaces), and line breaks and tabs. */
const SPACE_RUN = 1;
const BREAK_RUN = 2;
function separatorKind(code: number): number {
  // (Most characters are neither: printable ASCII past the space, and below the no-break space.)
  if (code > 0x20 && code < 0xa0) return 0;
  if (code === 0x20 || code === 0xa0 || (code >= 0x2002 && code <= 0x2005) || code === 0x2009 || code === 0x200a || code === 0x202f || code === 0x205f) return SPACE_RUN;
  return code === 0x0a || code === 0x0d || code === 0x09 ? BREAK_RUN : 0;
}
if (TREX.helpers.splitter[0] !== '([ \\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f]+|[\\n\\r\\t]+)') {
  throw new Error('wink-eng-lite-web-model splits text on other characters: update separatorKind');
}

/** The automaton event of each closing mark that is a lexeme (eventOf, while no shape overflows); -1 for the others. */
const markEvents = new Int32Array(0x2030).fill(-1);
for (const mark of WORD_RP_MARKS + SECOND_MARKS) if (members.has(mark)) markEvents[mark.charCodeAt(0)] = eventOf(mark);

/** Whether a piece with closing marks or "'s" (its hash, case kept) is a lexeme, a contraction or learned: the long way. */
const isSpecialMarked = (hash: number): boolean => specialMarkedHashes.has(hash) || (learnedMarked.size > 0 && learnedMarked.has(hash));

/** addToken(mark, 0) for a closing mark at the cursor. */
function addMark(code: number, doc: Tokens): void {
  const event = markEvents[code] as number;
  // A lexeme is not learned, and its shape is known: only its event is pushed.
  if (event >= 0) doc.push(event, 1);
  else doc.addToken(String.fromCharCode(code), 0);
}

/**
 * The short path for ASCII letters `text[from, wordEnd)` (hashes `h`, `hl`) followed by one or two closing marks up to
 * `to` ("said," "said.”"); false when it does not apply (the piece then goes the long way). The long way: the piece
 * is no lexeme, contraction or learned word (checked by hash, a match goes the long way), so addTokenIfInCache leaves
 * it; the model's first expressions do not match it and ltc[1] (wordRP) does when one mark follows: processWordRP
 * reads the word and adds the mark. With two marks no expression matches (unk), and processUnk's anyWithRP takes the
 * second mark as the right part: the word with its first mark is read as before (unless it is in the cache), then the
 * second mark is added.
 */
function markedWordAt(text: string, from: number, wordEnd: number, to: number, h: number, hl: number, precedingSpaces: number, doc: Tokens): boolean {
  const first = text.charCodeAt(wordEnd);
  if ((markKind(first) & 1) === 0 || shapes.size > SHAPE_OVERFLOW) return false;
  // processWordRP keeps a letter and a full stop as one token.
  if (wordEnd - from === 1 && first === 0x2e) return false;
  const body = wordHash(h, first);
  if (isSpecialMarked(body)) return false;
  let second = -1;
  if (to - wordEnd === 2) {
    second = text.charCodeAt(wordEnd + 1);
    // Two full stops are anyWithRP's `\.+` after the word alone.
    if ((markKind(second) & 2) === 0 || (first === 0x2e && second === 0x2e)) return false;
    const whole = wordHash(body, second);
    if (isSpecialMarked(whole)) return false;
  }
  if (ordinaryWord(text, from, wordEnd, h, hl)) doc.push(0, wordEnd - from);
  else doc.addToken(text.slice(from, wordEnd), precedingSpaces);
  addMark(first, doc);
  if (second >= 0) addMark(second, doc);
  return true;
}

// The model's currency codes, which rtc finds inside a word before its "’s" (checked against the expression at load).
const CURRENCY_CODES = ['USD', 'AUD', 'INR', 'GBP'];
if (!rtc.some(([rgx, category]) => category === cat.currency && CURRENCY_CODES.every((code) => rgx.source.includes(`|${code}`)))
  || rtc.findIndex(([rgx]) => rgx.source === "[\\'\\’]s$") !== rtc.findIndex(([, category]) => category === cat.currency) + 3) {
  throw new Error('wink-eng-lite-web-model cuts a word before ’s otherwise: update possessiveAt');
}

/** Whether ASCII letters `text[from, to)` hold one of the currency codes (case kept). */
function holdsCurrencyCode(text: string, from: number, to: number): boolean {
  for (let k = from; k + 3 <= to; k++) {
    const code = text.charCodeAt(k);
    if ((code === 0x55 || code === 0x41 || code === 0x49 || code === 0x47) && CURRENCY_CODES.some((currency) => text.startsWith(currency, k))) return true;
  }
  return false;
}

/**
 * The short path for ASCII letters `text[from, wordEnd)` (two or more, hashes `h`, `hl`) followed by "'s" or "’s" up to
 * `to` ("Russia's"); false when it does not apply. The long way, for a piece no lexeme, contraction or learned word
 * (checked by hash): no expression of ltc matches it (unk). With "'s", processUnk's anyWithRP takes the word as its
 * body and "'s" as its right part: the word is one token whether it is a lexeme or not, then "'s" is added. With "’s",
 * anyWithRP does not match and the recursive tokenizer's first expression to find anything is `['’]s$` (unless a
 * currency code in the word comes first): the word, cut by the word expression whole, then "’s" as a token.
 * An ordinary word is event 0 either way and learns nothing.
 */
function possessiveAt(text: string, from: number, wordEnd: number, to: number, h: number, hl: number, doc: Tokens): boolean {
  const apostrophe = text.charCodeAt(wordEnd);
  if ((apostrophe !== 0x27 && apostrophe !== 0x2019) || to - wordEnd !== 2 || text.charCodeAt(wordEnd + 1) !== 0x73 || wordEnd - from < 2) return false;
  const whole = wordHash(wordHash(h, apostrophe), 0x73);
  if (isSpecialMarked(whole)) return false;
  if (!ordinaryWord(text, from, wordEnd, h, hl)) return false;
  if (apostrophe === 0x2019 && holdsCurrencyCode(text, from, wordEnd)) return false;
  doc.push(0, wordEnd - from);
  if (apostrophe === 0x27) doc.addToken("'s", 0);
  else if (!doc.addTokenIfInCache('’s', 0)) doc.addToken('’s', 0);
  return true;
}

if (CONTRACTIONS.some(([word]) => /^\d+$/.test(word)) || TREX.ltc[2]?.[2] !== cat.number) {
  throw new Error('wink-eng-lite-web-model reads a number otherwise: update numberThenMark');
}

/**
 * The short path for ASCII digits `text[from, digitsEnd)` and one closing mark ("2014," "12."); false when it does not
 * apply. The long way, for a piece no lexeme or learned word (by hash): no expression of ltc matches it (unk), and
 * processUnk's anyWithRP takes the digits as its body and the mark as its right part; the digits, no contraction,
 * are added as a token (learned), as a lexeme or as a number (ltc[2]), then the mark.
 */
function numberThenMark(text: string, from: number, digitsEnd: number, precedingSpaces: number, doc: Tokens): boolean {
  const mark = text.charCodeAt(digitsEnd);
  if ((markKind(mark) & 2) === 0 || shapes.size > SHAPE_OVERFLOW) return false;
  let h = 0;
  for (let k = from; k <= digitsEnd; k++) h = wordHash(h, text.charCodeAt(k));
  if (isSpecialMarked(h)) return false;
  doc.addToken(text.slice(from, digitsEnd), precedingSpaces);
  addMark(mark, doc);
  return true;
}

/**
 * tokenizer.js tokenize(): `text.split(splitter)` walked by hand. A run of spaces only sets the spaces before the next
 * token (whether there are any: all an ambiguous quote needs); every other piece (a run of line breaks and tabs, or
 * text) is tokenized.
 */
function tokenize(text: string, doc: Tokens): void {
  let precedingSpaces = 0;
  const length = text.length;
  let at = 0;
  while (at < length) {
    const first = text.charCodeAt(at);
    const kind = separatorKind(first);
    let next = at + 1;
    // A piece: a run of one kind of separator, or of text up to the next separator. Plain ASCII words are noted on
    // the way (the common case: one token, whatever the cache knows), with their hashes (see `ordinaryWord`) and
    // whether their case is plain (`plainCase`: the capitals after the first letter are counted).
    let letters = false;
    let h = 0;
    let hl = 0;
    let capitals = 0;
    // Where the letters stopped, when the piece starts with one; where the digits stopped, when it starts with one.
    let wordEnd = -1;
    let digitsEnd = -1;
    if (kind === 0) {
      if (isAsciiLetter(first)) {
        letters = true;
        h = wordHash(0, first);
        hl = wordHash(0, first | 0x20);
        while (next < length) {
          const code = text.charCodeAt(next);
          if (!isAsciiLetter(code)) break;
          h = wordHash(h, code);
          hl = wordHash(hl, code | 0x20);
          if (code < 0x61) capitals++;
          next++;
        }
        if (next < length && separatorKind(text.charCodeAt(next)) === 0) {
          letters = false;
          wordEnd = next;
        }
      } else if (first >= 0x30 && first <= 0x39) {
        while (next < length && isDigitCode(text.charCodeAt(next))) next++;
        if (next < length) digitsEnd = next;
      }
      while (next < length && separatorKind(text.charCodeAt(next)) === 0) next++;
    } else {
      while (next < length && separatorKind(text.charCodeAt(next)) === kind) next++;
    }
    if (kind === SPACE_RUN) {
      precedingSpaces = next - at;
      at = next;
      continue;
    }
    doc.cursor = at;
    if (letters && ordinaryPlainWord(next - at, h, hl, capitals === 0 || (capitals === next - at - 1 && first < 0x61))) {
      doc.push(0, next - at);
    } else if (wordEnd > at && next - wordEnd <= 2
      && (markedWordAt(text, at, wordEnd, next, h, hl, precedingSpaces, doc) || possessiveAt(text, at, wordEnd, next, h, hl, doc))) {
      // (A word with closing marks, or with "'s": read.)
    } else if (digitsEnd > at && next - digitsEnd === 1 && numberThenMark(text, at, digitsEnd, precedingSpaces, doc)) {
      // (A number with a closing mark: read.)
    } else {
      const t = text.slice(at, next);
      if ((letters || WORD.test(t)) && !contractions.has(t)) doc.addWord(t, letters);
      else if (!doc.addTokenIfInCache(t, precedingSpaces)) process(t, detectTokenCategory(t), precedingSpaces, doc);
    }
    // The tokens of a piece spell it: otherwise wink's rebuilt sentence text would differ from the paragraph's.
    if (doc.cursor !== next) doc.unmodelled = true;
    precedingSpaces = 0;
    at = next;
  }
}

// ---- automaton.js recognize(), for the one sbd machine (no substitutions) ----

type Machine = Readonly<Record<string, Readonly<Record<string, number>>>>;
const [, , fsm, terminalStates, markedStates] = SBD_MACHINE as unknown as readonly [
  number, number, Machine, Readonly<Record<string, string>>, Readonly<Record<string, readonly [number, number]>>,
];
const transitions = new Map<number, Map<number, number>>(
  Object.entries(fsm).map(([state, moves]) => [Number(state), new Map(Object.entries(moves).map(([ev, next]) => [Number(ev), next]))]),
);
const terminal = new Map(Object.entries(terminalStates).map(([state, name]) => [Number(state), name]));
const marks = new Map(Object.entries(markedStates).map(([state, mark]) => [Number(state), mark]));
// The same by state number (the machine's states are 0 … its second number): arrays instead of map lookups.
const stateCount = Math.max(...[...transitions.keys(), ...terminal.keys(), ...marks.keys()]) + 1;
const movesOf: Array<Map<number, number> | undefined> = Array.from({ length: stateCount }, (_, state) => transitions.get(state));
const otherwiseOfState = Int32Array.from({ length: stateCount }, (_, state) => transitions.get(state)?.get(OTHERWISE) ?? 0);
/** 0 not terminal, 1 terminal, 2 terminal with the name "0" (no sentence end). */
const terminalKind = Uint8Array.from({ length: stateCount }, (_, state) => (terminal.has(state) ? (terminal.get(state) === '0' ? 2 : 1) : 0));
const markOffset = Int32Array.from({ length: stateCount }, (_, state) => marks.get(state)?.[0] ?? 0);
/** The next state (0 for none; every state the machine reaches is below `stateCount`). */
const nextState = (state: number, event: number): number => movesOf[state]?.get(event) ?? 0;
// No state moves on event 0 ("any other token") or on the end, and the start state has no `otherwise`: every pass of
// `recognize`'s outer loop starts in the start state, where such a token leaves the automaton, and is passed over.
if (transitions.get(0)?.get(OTHERWISE) || [...transitions.values()].some((moves) => moves.has(0) || moves.has(EOS))) {
  throw new Error('wink-eng-lite-web-model moves on a token with no event: update recognize');
}

/** Token indexes in a typed array reused for every paragraph: `count` of them are the current paragraph's. */
class SentenceEnds {
  values = new Int32Array(64);
  count = 0;

  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value;
  }
}

/** Sentence ends (token indexes) the automaton detects, as the setter reads them (match[0] after marking). */
function recognize(events: Int32Array, length: number, ends: SentenceEnds): void {
  ends.count = 0;
  let first = 0;
  let state = 0;
  let lastOtherwiseIndex = 0;
  let lastOtherwiseState = 0;
  for (let i = 0; i <= length; i += 1) {
    // Each pass of the outer loop starts in the start state with no `otherwise` held: tokens with no event stay there.
    while (i < length && events[i] === 0) i++;
    for (let j = i; j <= length; j += 1) {
      const t = j === length ? EOS : events[j] as number;
      if (t === LF && j < length) continue;
      let ns = t === 0 ? 0 : nextState(state, t);
      if (!state && ns) first = j;
      const kind = terminalKind[ns] as number;
      if (kind !== 0) {
        if (kind === 1) ends.push(first + (markOffset[ns] as number));
        i = j;
        j = length + 100;
        ns = 0;
        lastOtherwiseState = 0;
      } else if (ns === 0) {
        if (lastOtherwiseState) {
          if (terminalKind[lastOtherwiseState] !== 2) ends.push(first + (markOffset[lastOtherwiseState] as number));
          i = lastOtherwiseIndex;
          j = length + 100;
          lastOtherwiseState = 0;
        } else {
          j = length + 100;
        }
      }
      state = ns;
      const otherwise = otherwiseOfState[state] as number;
      if (otherwise) {
        lastOtherwiseIndex = j;
        lastOtherwiseState = otherwise;
      }
    }
  }
}


/**
 * Sentence spans as offset pairs: `starts[k]`, `ends[k]` for k below `length`. The segment stage keeps one and refills
 * it for every paragraph (`SentenceSplitter.splitInto`) instead of making an object per sentence.
 */
export class SpanList {
  starts: number[] = [];
  ends: number[] = [];
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(start: number, end: number): void {
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }
}

// One paragraph's tokens and automaton ends at a time: the splitter reads paragraph by paragraph, never two at once.
let scratchTokens = new Tokens();
let scratchEnds = new SentenceEnds();
/** Buffers grown past this many entries (a very long paragraph) are let go once it is read: what stays is small. */
const KEEP_ENTRIES = 1 << 16;

/** Splits paragraphs into sentences as one wink instance would that had read the same paragraphs in the same order. */
export class SentenceSplitter {
  private readonly known = new Set<string>();
  private readonly knownMarked = new Set<number>();
  private readonly shapes = new Map(SHAPES.map((shape, index) => [shape, index]));

  /** How many shapes it has met (wink's list of shapes grows alike). */
  get shapeCount(): number {
    return this.shapes.size;
  }

  /** How many words it has learned (wink's cache grows alike). */
  get learnedWords(): number {
    return this.known.size;
  }

  /**
   * Sentence spans of `text` (offsets into it), as `winkSentences(text)` gives them; null where this port does not
   * model wink (see the module comment): the caller then asks wink. The tokens are learned either way.
   */
  split(text: string): SentenceSpan[] | null {
    const out = new SpanList();
    if (!this.splitInto(text, out)) return null;
    const spans: SentenceSpan[] = [];
    for (let k = 0; k < out.length; k++) spans.push({ start: out.starts[k] as number, end: out.ends[k] as number });
    return spans;
  }

  /** As `split`, into `out` (cleared first); false where `split` gives null (`out` is then left empty). */
  splitInto(text: string, out: SpanList): boolean {
    learned = this.known;
    learnedMarked = this.knownMarked;
    shapes = this.shapes;
    out.clear();
    const doc = scratchTokens;
    doc.reset();
    tokenize(text, doc);
    const modelled = !doc.unmodelled && !UNMODELLED_SPACE.test(text);
    if (modelled) spans(text, doc, out);
    if (doc.events.length > KEEP_ENTRIES) scratchTokens = new Tokens();
    if (scratchEnds.values.length > KEEP_ENTRIES) scratchEnds = new SentenceEnds();
    return modelled;
  }

  /** The tokens of `text` with their automaton events (0: any other token), learned like `split`'s: for checks. */
  tokens(text: string): Array<{ value: string; event: number }> {
    learned = this.known;
    learnedMarked = this.knownMarked;
    shapes = this.shapes;
    const doc = new Tokens();
    tokenize(text, doc);
    const tokens: Array<{ value: string; event: number }> = [];
    for (let k = 0; k < doc.count; k++) tokens.push({ value: text.slice(doc.starts[k], doc.ends[k]), event: doc.events[k] as number });
    return tokens;
  }
}

function spans(text: string, doc: Tokens, out: SpanList): void {
  const numOfTokens = doc.count;
  // sbd-setter.js: each detected end closes a sentence; what follows the last is one more. So the token ranges are
  // [0, px0], [px0 + 1, px1] … up to the last end, then [last + 1, numOfTokens - 1] if tokens are left ([0, n - 1]
  // when there is no end at all).
  const px = scratchEnds;
  recognize(doc.events, numOfTokens, px);
  if (px.count === 0) {
    sentenceOfRange(text, doc, out, 0, numOfTokens - 1, 0);
    return;
  }
  let cursor = 0;
  let from = 0;
  for (let i = 0; i < px.count; i++) {
    const end = px.values[i] as number;
    cursor = sentenceOfRange(text, doc, out, from, end, cursor);
    from = end + 1;
  }
  const lastEnd = px.values[px.count - 1] as number;
  if (lastEnd < numOfTokens - 1) sentenceOfRange(text, doc, out, lastEnd + 1, numOfTokens - 1, cursor);
}

/**
 * The sentence of tokens [a, b] into `out`, found from `cursor`; returns the cursor after it. nlp.ts winkSentences:
 * wink rebuilds each sentence's text from its tokens (here: exactly the paragraph's text from its first token to its
 * last), trims it and finds it from the end of the last one.
 */
function sentenceOfRange(text: string, doc: Tokens, out: SpanList, a: number, b: number, cursor: number): number {
  const last = Math.min(b, doc.count - 1);
  if (a > last) return cursor;
  let start = doc.starts[a] as number;
  let end = doc.ends[last] as number;
  while (start < end && isSpaceAt(text, start)) start++;
  while (end > start && isSpaceAt(text, end - 1)) end--;
  if (start >= end) return cursor;
  let at = start;
  let gapIsSpace = start >= cursor;
  for (let k = cursor; gapIsSpace && k < start; k++) gapIsSpace = isSpaceAt(text, k);
  if (!gapIsSpace) at = text.indexOf(text.slice(start, end), cursor);
  if (at < 0) return cursor;
  out.push(at, at + (end - start));
  return at + (end - start);
}
