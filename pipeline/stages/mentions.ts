/**
 * Stage 3: tokens, cues and mentions. Each sentence becomes a list of classified items (quotes, mentions,
 * cue words, function words). Pattern rules match these items (pipeline/engine/token-pattern.ts); the one-letter signature is kept for `explain`.
 * Text inside quotation marks is one item: names and cue words quoted from someone are not read as attribution.
 *
 * Written for speed (the stage reads every word of every article): the tokens of a stretch of text are three
 * parallel arrays (starts, ends, the word's entry in the word table, word-features.ts) reused from one stretch to
 * the next, and what the chunker asks about a word is a bit of its entry. mentions-differential.test.ts holds the
 * stage to the plain version it replaced.
 */
import { Buffer } from 'node:buffer';
import type { ArticleContext, Cue, Item, Mention, QuoteSpan, Sentence, Stage } from '../context.ts';
import { compilePatternElements, testPattern, type CompiledPattern } from '../engine/token-pattern.ts';
import type { Lexicon } from '../lexicon.ts';
import {
  ACRONYM, AL_PREFIX, ARTICLE, ARTICLE_WORD, BE, BE_ADVERB, CAPITALIZED, DEMONYM, DETERMINER, HAS_ROLE, LETTER_OR_DIGIT, LOWER_INITIAL,
  MAY_CUE, MAY_OPEN, NAME_RUN, NOT_NAME, OF_FOR_ON, ORG_KEYWORD, ORG_NOUN, ORG_NOUN_SET, PARTICLE, PERSON_ROLE, PLACE, PLAIN_NOUN,
  PRONOUN, REGNAL, ROLE_ANY, ROLE_MODIFIER, ROLE_WORD, TAIL_STOP, TITLE, featuresAt, isAcronym, wordTable,
  isCommonWord, isFunctionWord, isKnownOrganization, isPluralCommonNoun, type WordFeatures,
} from './word-features.ts';
import { isSpaceCode } from '../engine/chars.ts';

export { FEATURE_TABLE_LIMIT } from './word-features.ts';

// Domain names ("Folha.com.br") are one token: a full stop followed by lower-case letters ends no word.
const TOKEN = /\p{N}+(?:[.,:]\p{N}+)+|(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:\.[\p{Ll}\p{N}]{2,})+|[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*\.?|['’](?:s|t|re|ve|ll|d|m)\b|--|\S/gu;

/**
 * The tokens of the stretch being read: token k runs from `starts[k]` to `ends[k]` and is the word `words[k]`
 * (its text is `words[k].text`). Past the last token `words` holds NO_WORD, so the chunker may look a few tokens
 * ahead without a bounds test: no bit is set on it and its text is empty.
 */
let starts = new Int32Array(256);
let ends = new Int32Array(256);
const words: WordFeatures[] = [];
let count = 0;
/** Tokens the chunker may read past the end (it looks at most four ahead). */
const LOOK_AHEAD = 6;
const NO_WORD: WordFeatures = { text: '', lower: '', caseLower: '', flags: 0, name: 0, symbol: '', tagFacts: 0, cueForms: undefined, nounCue: undefined };

function pushToken(start: number, end: number, word: WordFeatures): void {
  if (count === starts.length) {
    const grownStarts = new Int32Array(count * 2); grownStarts.set(starts); starts = grownStarts;
    const grownEnds = new Int32Array(count * 2); grownEnds.set(ends); ends = grownEnds;
  }
  starts[count] = start;
  ends[count] = end;
  words[count] = word;
  count++;
}

/** The possessive marker at `k`: "'s", or the lone apostrophe of a plural ("the nurses' union"), written right after the word. */
function isPossessiveMarker(k: number): boolean {
  if (k >= count) return false;
  const t = words[k] as WordFeatures;
  // Almost every token is something else: one character says so.
  const first = t.text.charCodeAt(0);
  if (first !== 0x27 && first !== 0x2019) return false;
  if (/^['’]s$/.test(t.text)) return true;
  return /^['’]$/.test(t.text) && k > 0 && ends[k - 1] === starts[k] && /s$/i.test((words[k - 1] as WordFeatures).text) && (k + 1 < count ? starts[k + 1] as number : Infinity) > (ends[k] as number);
}

/** The tokens of `slice` as TOKEN defines them, [start, end) pairs in one flat list: the definition `tokenSpans` follows. */
export function tokenSpansByPattern(slice: string): number[] {
  const spans: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) spans.push(m.index, m.index + m[0].length);
  return spans;
}

const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiLetterOrDigit = (c: number): boolean => isAsciiLetter(c) || (c >= 48 && c <= 57);

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/uy;
const isLetterOrNumberAt = (text: string, at: number): boolean => {
  LETTER_OR_NUMBER.lastIndex = at;
  return LETTER_OR_NUMBER.test(text);
};

/** A word character for `\b` (without the `i` flag, Unicode or not): [A-Za-z0-9_]. */
const isWordChar = (c: number): boolean => isAsciiLetterOrDigit(c) || c === 95;

/** The length of the clitic TOKEN reads at text[p, end) after an apostrophe (s|t|re|ve|ll|d|m, then `\b`), or 0. */
function cliticLength(text: string, p: number, end: number): number {
  if (p >= end) return 0;
  const a = text.charCodeAt(p);
  const b = p + 1 < end ? text.charCodeAt(p + 1) : -1;
  let length = 0;
  if (a === 115 || a === 116 || a === 100 || a === 109) length = 1; // s t d m
  else if ((a === 114 && b === 101) || (a === 118 && b === 101) || (a === 108 && b === 108)) length = 2; // re ve ll
  if (length === 0) return 0;
  const next = p + length < end ? text.charCodeAt(p + length) : -1;
  return next !== -1 && isWordChar(next) ? 0 : length;
}

/**
 * The tokens of text[start, end) (what TOKEN matches in that stretch alone, in order), calling `take(from, to)` for
 * each with positions in `text`. Most of news is plain ASCII words between spaces and punctuation: such a word is
 * read by hand, since no other branch of TOKEN can match there (the number branch needs a digit first, initials and
 * domain names a full stop, a hyphenated word a hyphen after it), and so is one with a full stop after it where no
 * domain name can go on, a clitic after an apostrophe and a mark of ASCII punctuation. Anything else
 * goes to TOKEN, on the stretch cut out (what follows it must not change a match). A differential test keeps the two equal.
 */
export function tokenSpans(text: string, start: number, end: number, take: (from: number, to: number) => void): void {
  let slice: string | undefined;
  let p = start;
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9 || c === 10 || c === 13) { p++; continue; }
    if (isAsciiLetter(c)) {
      let q = p + 1;
      while (q < end && isAsciiLetterOrDigit(text.charCodeAt(q))) q++;
      const next = q < end ? text.charCodeAt(q) : -1;
      // The word ends here when what follows is ASCII but neither a full stop nor a hyphen.
      if (next < 128 && next !== 46 && next !== 45) {
        take(p, q);
        p = q;
        continue;
      }
      // "said.": a word of two letters or more takes the full stop after it, unless a lower-case letter or a digit
      // (or a character outside ASCII) follows, which may make a domain name ("Folha.com.br").
      if (next === 46 && q - p > 1) {
        const after = q + 1 < end ? text.charCodeAt(q + 1) : -1;
        if (after < 128 && !(after >= 97 && after <= 122) && !(after >= 48 && after <= 57)) {
          take(p, q + 1);
          p = q + 1;
          continue;
        }
      }
    } else if (c >= 48 && c <= 57) {
      // A number ("2016", "3pm"): letters and digits up to an ASCII character that cannot go on with it, which is
      // what TOKEN's word branch takes (its number branch needs "." "," or ":" after the digits, and a hyphen or a full
      // stop may go on with the word).
      let q = p + 1;
      while (q < end && isAsciiLetterOrDigit(text.charCodeAt(q))) q++;
      const next = q < end ? text.charCodeAt(q) : -1;
      if (next < 128 && next !== 46 && next !== 45 && next !== 44 && next !== 58) {
        take(p, q);
        p = q;
        continue;
      }
    } else if (c === 39 || c === 0x2019) {
      // An apostrophe: a clitic ("'s", "'t", "'re", "'ve", "'ll", "'d", "'m") before a word boundary, else a token alone.
      const length = cliticLength(text, p + 1, end);
      take(p, p + 1 + length);
      p += 1 + length;
      continue;
    } else if (c > 32 && c < 127 && !(c >= 48 && c <= 57) && c !== 39 && c !== 45) {
      // ASCII punctuation other than an apostrophe or a hyphen (which may open "'s" or "--") is a token alone: only `\S` matches there.
      take(p, p + 1);
      p++;
      continue;
    } else if (c >= 128 && (c < 0xd800 || c > 0xdfff) && !isSpaceCode(c) && !isLetterOrNumberAt(text, p)) {
      // So is a mark outside ASCII ("“", "—", "…") that is neither a letter nor a number (nor half of a pair, which `\S` takes whole).
      take(p, p + 1);
      p++;
      continue;
    }
    slice ??= text.slice(start, end);
    TOKEN.lastIndex = p - start;
    const m = TOKEN.exec(slice);
    if (!m) return;
    take(start + m.index, start + m.index + m[0].length);
    p = start + m.index + m[0].length;
  }
}

/**
 * Words, clitics ('s, n't) and punctuation of text[start, end) into the token arrays; a word keeps its final dot
 * only when it is a known abbreviation.
 */
function tokenize(text: string, start: number, end: number, lexicon: Lexicon): void {
  count = 0;
  tokenText = text;
  // (The table is the lexicon's for the run: looked up again only for another lexicon.)
  if (lexicon !== tokenLexicon) {
    tokenLexicon = lexicon;
    tokenTable = wordTable(lexicon);
  }
  tokenSpans(text, start, end, takeToken);
  tokenText = ''; // (not to keep the article's text past its stage)
  for (let k = 0; k < LOOK_AHEAD; k++) words[count + k] = NO_WORD;
}

// What `takeToken` reads: set by `tokenize` for the stretch it reads (one function for every stretch, no closure each).
let tokenText = '';
let tokenLexicon: Lexicon | undefined;
let tokenTable: ReturnType<typeof wordTable> | undefined;

function takeToken(from: number, to: number): void {
  const text = tokenText;
  const lexicon = tokenLexicon as Lexicon;
  const table = tokenTable as ReturnType<typeof wordTable>;
  if (to - from > 1 && text.charCodeAt(to - 1) === 46) {
    const word = text.slice(from, to);
    if (!/^(?:\p{Lu}\.){2,}$/u.test(word) && !lexicon.abbreviations.has(word)) {
      pushToken(from, to - 1, featuresAt(table, text, from, to - 1));
      pushToken(to - 1, to, featuresAt(table, text, to - 1, to));
      return;
    }
  }
  pushToken(from, to, featuresAt(table, text, from, to));
}

/** Whether token k has any of `bits`. */
const has = (k: number, bits: number): boolean => ((words[k] as WordFeatures).flags & bits) !== 0;
const textAt = (k: number): string => (words[k] as WordFeatures).text;

/** The name part of the capitalised tokens [from, to): the index where its longest tail that is no title, organisation word or place starts. */
function nameTail(from: number, to: number): number {
  let k = to;
  while (k > from) {
    const f = words[k - 1] as WordFeatures;
    if ((f.flags & AL_PREFIX) !== 0 || ((f.flags & PARTICLE) !== 0 && k < to)) { k--; continue; }
    // "Elizabeth II", "Martin Luther King Jr.": a regnal number or generation suffix ends a name.
    if (k === to && (f.flags & REGNAL) !== 0 && k - 2 >= from && has(k - 2, CAPITALIZED)) { k--; continue; }
    // "Chief Executive Tim Cook": a capitalised role word is a title, not part of the name.
    if ((f.flags & TAIL_STOP) !== 0) break;
    k--;
  }
  return k;
}

/** The role a run of words names, by its last role word: "press secretary", "minister". */
function roleHeadOf(from: number, to: number, lexicon: Lexicon): string | undefined {
  for (let i = to - 1; i >= from; i--) {
    const f = words[i] as WordFeatures;
    if ((f.flags & ROLE_ANY) === 0) continue;
    const lower = f.caseLower;
    const head = lexicon.roles.has(lower) ? lower : lower.replace(/[-‐]elect$/, '');
    for (const parts of lexicon.multiWordRoles.get(head) ?? []) {
      if (parts.length > i - from + 1 && i - parts.length + 1 < from) {
        // The phrase would start before the run: compare the words the run has, as a slice of it would.
        const before: string[] = [];
        for (let k = from; k <= i; k++) before.push((words[k] as WordFeatures).caseLower);
        if (before.join(' ') === parts.join(' ')) return parts.join(' ');
        continue;
      }
      let same = true;
      for (let k = 0; k < parts.length && same; k++) same = (words[i - parts.length + 1 + k] as WordFeatures).caseLower === parts[k];
      if (same) return parts.join(' ');
    }
    return head;
  }
  return undefined;
}

function isOrganizationName(name: string, lexicon: Lexicon): boolean {
  const parts = name.split(/\s+/);
  return parts.some((w) => lexicon.orgKeywords.has(w) || isAcronym(w)) || lexicon.places.has(name)
    || lexicon.orgAliases.has(name.toLowerCase()) || parts.every((w) => lexicon.places.has(w));
}

/** `isOrganizationName` of one word. */
const isOrganizationWord = (f: WordFeatures, lexicon: Lexicon): boolean =>
  (f.flags & (ORG_KEYWORD | ACRONYM | PLACE)) !== 0 || lexicon.orgAliases.has(f.caseLower);

/** `isOrganizationName` of the tokens [from, to), written `name`. */
function isOrganizationRun(from: number, to: number, name: string, lexicon: Lexicon): boolean {
  let allPlaces = true;
  for (let k = from; k < to; k++) {
    if (has(k, ORG_KEYWORD | ACRONYM)) return true;
    if (!has(k, PLACE)) allPlaces = false;
  }
  return lexicon.places.has(name) || lexicon.orgAliases.has(name.toLowerCase()) || allPlaces;
}

/**
 * The text from token `from` to token `last` with each run of white space as one space (what `.replace(/\s+/g, ' ')`
 * gives): only white space stands between tokens, so the text is already that when every gap is one space or none.
 */
function spanText(text: string, from: number, last: number): string {
  const span = text.slice(starts[from], ends[last]);
  for (let k = from; k < last; k++) {
    const gap = (starts[k + 1] as number) - (ends[k] as number);
    if (gap > 1 || (gap === 1 && text.charCodeAt(ends[k] as number) !== 32)) return span.replace(/\s+/g, ' ');
  }
  return span;
}

/** The texts of the tokens [from, to) joined by one space. */
function joinTexts(from: number, to: number): string {
  let joined = textAt(from);
  for (let k = from + 1; k < to; k++) joined += ` ${textAt(k)}`;
  return joined;
}

/** A mention from a chunk's base fields (keys in the order the records have always had: start, end, text, possessive, type, name). */
function withBase(start: number, end: number, text: string, possessive: boolean, type: Mention['type'], name?: string): Mention {
  return newMention(start, end, text, possessive, type, name, undefined, undefined, undefined);
}

/**
 * Every mention the stage makes has all the fields (undefined where a mention has none), in one of three orders: the
 * code that reads mentions (here and in the later stages) then meets three hidden classes, where the many sets of
 * keys a mention used to have made every such read a slow one. The orders are the ones the keys have always had
 * (undefined ones left out, as JSON leaves them out): this one, and those of `pronounMention` and `commaRoleMention`.
 */
function newMention(start: number, end: number, text: string, possessive: boolean, type: Mention['type'], name: string | undefined, role: string | undefined, roleHead: string | undefined, roleOrg: string | undefined): Mention {
  return { start, end, text, possessive, type, name, role, roleHead, roleOrg };
}

const pronounMention = (start: number, end: number, text: string, name: string): Mention =>
  ({ start, end, text, type: 'pronoun', name, possessive: false, role: undefined, roleHead: undefined, roleOrg: undefined });

const commaRoleMention = (start: number, end: number, text: string, role: string, roleHead: string): Mention =>
  ({ start, end, text, type: 'role', role, roleHead, possessive: false, name: undefined, roleOrg: undefined });

/** Name word at token k: a name particle is one only before a capitalised word that is a name ("de Vries"). */
function isNameWord(k: number, first: boolean): boolean {
  const { name } = words[k] as WordFeatures;
  if (name === 3) return true;
  if (name === 2) return !first;
  if (name === 0) return false;
  let n = k + 1;
  while (has(n, PARTICLE)) n++;
  return (((words[n] as WordFeatures).flags & (CAPITALIZED | NOT_NAME)) === CAPITALIZED);
}

/**
 * Chunks noun phrases that can name a speaker: "Kremlin spokesman Dmitry Peskov", "a spokesman for the Kremlin",
 * "the US Treasury", "Russia's ambassador to the UN", "he". Appositions ("X, US ambassador to the UN,") are joined.
 * Reads the tokens `tokenize` left.
 */
function scanMentions(text: string, lexicon: Lexicon): Mention[] {
  const mentions: Mention[] = [];
  const n = count;
  let i = 0;
  while (i < n) {
    const token = words[i] as WordFeatures;
    const flags = token.flags;
    // Most tokens open no chunk, as the loop below would find: skipped at once.
    if ((flags & MAY_OPEN) === 0) { i++; continue; }
    // So does a lower-case word that is only a plain noun when the next token is neither a plain noun nor a role word,
    // no name word and no lone apostrophe: none of the chunk's ways on from its first word applies ("relationship between").
    if ((flags & (PLAIN_NOUN | ROLE_WORD | DEMONYM | NOT_NAME | ARTICLE | PRONOUN)) === PLAIN_NOUN && token.name === 0) {
      const next = words[i + 1] as WordFeatures;
      if ((next.flags & (PLAIN_NOUN | ROLE_WORD)) === 0 && next.name === 0 && next.text !== "'" && next.text !== '’') { i++; continue; }
    }
    if ((flags & PRONOUN) !== 0) {
      mentions.push(pronounMention(starts[i] as number, ends[i] as number, token.text, token.lower));
      i++;
      continue;
    }
    // "to investigate Ivo Brandt", "to foil opposition plans": after the infinitive marker a lower-case word is a verb.
    if ((flags & (LOWER_INITIAL | ARTICLE | ROLE_WORD)) === LOWER_INITIAL && i > 0 && (words[i - 1] as WordFeatures).lower === 'to') { i++; continue; }
    // A chunk: determiner? (possessor 's)? (name words | role words | of/for/to the? Name)*
    let j = i;
    let hasDeterminer = false;
    if ((flags & ARTICLE) !== 0) { hasDeterminer = true; j++; }
    const chunkStart = j;
    let possessor: { end: number; text: string } | null = null;
    while (j < n) {
      const t = words[j] as WordFeatures;
      if ((t.flags & ROLE_WORD) !== 0 || isNameWord(j, j === chunkStart)) { j++; continue; }
      // "the German chancellor", "Russian Foreign Minister Sergey Lavrov": a nationality opens the phrase.
      if ((t.flags & DEMONYM) !== 0 && (has(j + 1, ROLE_WORD) || isNameWord(j + 1, false))) { j++; continue; }
      // "the Democratic Party", "the Western Command": an adjective that is never a name opens an organisation's name.
      if ((t.flags & (NOT_NAME | ARTICLE)) === NOT_NAME && has(j + 1, ORG_KEYWORD) && !isFunctionWord(t)) { j++; continue; }
      // "the dockworkers' union": a plural noun as the possessor of an organisation or role.
      if (j === chunkStart && (t.flags & PLAIN_NOUN) !== 0 && (textAt(j + 1) === "'" || textAt(j + 1) === '’') && isPossessiveMarker(j + 1) && has(j + 2, ROLE_WORD)) { j++; continue; }
      if (j > chunkStart && !possessor && isPossessiveMarker(j) && has(j + 1, ROLE_WORD)) {
        possessor = { end: j, text: text.slice(starts[chunkStart], ends[j - 1]) };
        j++;
        continue;
      }
      // "the city council", "port authority chief Karin Vogt": plain nouns that modify a role or organisation noun.
      let ahead = j;
      while (ahead < j + 3 && ((words[ahead] as WordFeatures).flags & (PLAIN_NOUN | ROLE_WORD)) === PLAIN_NOUN) ahead++;
      if (ahead > j && has(ahead, ROLE_WORD)) {
        // Only when the run of role words holds a real role or organisation noun, not modifiers alone.
        let end = ahead;
        let realRole = false;
        while (has(end, ROLE_WORD)) {
          if (!has(end, ROLE_MODIFIER)) realRole = true;
          end++;
        }
        if (realRole) { j = ahead; continue; }
      }
      // "harbour master Ilse Brandt": plain nouns right before a person's name describe that person.
      if ((t.flags & PLAIN_NOUN) !== 0 && ahead <= j + 2) {
        let k = j;
        while (k < j + 2 && has(k, PLAIN_NOUN)) k++;
        if (isNameWord(k, true) && !has(k, PLACE | ORG_KEYWORD | ACRONYM)) { j = k; continue; }
      }
      const connector = t.lower;
      // ("Commission on Human Rights": "on" only after an organisation word.)
      if (j > chunkStart && (connector === 'of' || connector === 'for' || connector === 'to' || (connector === 'on' && has(j - 1, ORG_KEYWORD) && !has(j + 1, NOT_NAME))) && has(j - 1, ROLE_WORD | ORG_KEYWORD)) {
        let k = j + 1;
        if ((words[k] as WordFeatures).lower === 'the') k++;
        if (isNameWord(k, false)) { j = k; continue; }
        // "chairman of the audit committee"
        let m = k;
        while (m < k + 2 && ((words[m] as WordFeatures).flags & (PLAIN_NOUN | ORG_NOUN)) === PLAIN_NOUN) m++;
        if (has(m, ORG_NOUN)) { j = m + 1; continue; }
      }
      break;
    }
    if (j === chunkStart) {
      if (hasDeterminer) {
        let k = j;
        while (k < j + 3 && has(k, PLAIN_NOUN)) k++;
        let nameEnd = k + 1;
        while (isNameWord(nameEnd, nameEnd === k + 1)) nameEnd++;
        // "the tenant, Paula Sousa, said": the name must be closed by a comma too, unlike "The vote, Berg wrote, …".
        if (k > j && textAt(k) === ',' && nameEnd > k + 1 && textAt(nameEnd) === ',' && !has(k + 1, PLACE)) {
          const start = starts[i] as number;
          const end = ends[k - 1] as number;
          mentions.push(commaRoleMention(start, end, text.slice(start, end), joinTexts(j, k), (words[k - 1] as WordFeatures).caseLower));
          i = k;
          continue;
        }
      }
      i++;
      continue;
    }
    let chunkEnd = j;
    // "Cook, 63, said": an age in commas belongs to the name before it.
    if (textAt(j) === ',' && /^\d{1,3}$/.test(textAt(j + 1)) && textAt(j + 2) === ',' && has(j - 1, CAPITALIZED)) chunkEnd = j + 2;
    // "the Royal College of Nursing (RCN)": a bracketed short form belongs to the mention.
    if (textAt(j) === '(' && has(j + 1, ACRONYM) && textAt(j + 2) === ')') chunkEnd = j + 3;
    const size = j - chunkStart;
    const last = j - 1;
    const firstWord = words[chunkStart] as WordFeatures;
    const possessive = isPossessiveMarker(chunkEnd);
    const baseStart = starts[hasDeterminer ? i : chunkStart] as number;
    const baseEnd = ends[chunkEnd - 1] as number;
    const baseText = text.slice(baseStart, baseEnd);
    let tail = nameTail(chunkStart, j) - chunkStart;
    // "Substitute Jamal Okoye scored": a common word opening the sentence is no first name.
    const opensClause = chunkStart === 0 || !has(chunkStart - 1, LETTER_OR_DIGIT);
    // ("Arnel dela Vega": a word before a name particle is a first name.)
    if (tail === 0 && opensClause && !hasDeterminer && size >= 3 && isCommonWord(firstWord) && !has(chunkStart + 1, PARTICLE)) tail = 1;
    // "Specifically, she …", "Over 40 judges": a capitalised adverb or preposition opening the sentence is no name.
    if (size === 1 && opensClause && !hasDeterminer && isFunctionWord(firstWord)) { i = Math.max(chunkEnd, i + 1); continue; }
    const nameFrom = chunkStart + tail;
    let hasPersonRole = false;
    let namedOrganization = false;
    let hasRole = false;
    for (let k = chunkStart; k < j; k++) {
      const f = (words[k] as WordFeatures).flags;
      if ((f & (ORG_NOUN | PERSON_ROLE)) === PERSON_ROLE) hasPersonRole = true;
      if ((f & HAS_ROLE) !== 0) hasRole = true;
      // "National Institute for Space Research", "Party of Working People": an organisation word followed by "of" or
      // "for" heads an organisation name, whatever capitalised words follow.
      // "the government of Burundi": a lower-case organisation noun with the name it governs.
      if (((f & ORG_KEYWORD) !== 0 || (k === chunkStart && hasDeterminer && (f & ORG_NOUN_SET) !== 0)) && k + 2 < j && has(k + 1, OF_FOR_ON) && has(k + 2, CAPITALIZED)) namedOrganization = true;
    }
    if ((has(last, ORG_NOUN) || namedOrganization) && !hasPersonRole && (hasDeterminer || size > 1)) {
      mentions.push(withBase(baseStart, baseEnd, baseText, possessive, 'organization', spanText(text, chunkStart, last)));
      i = Math.max(chunkEnd, i + 1);
      continue;
    }
    if (size === 1 && chunkStart === 0 && !hasDeterminer && isPluralCommonNoun(firstWord)) {
      // "Residents say …": a plural common noun that opens the sentence names a group, not a person.
      const m = withBase(baseStart, baseEnd, baseText, possessive, 'role');
      m.role = firstWord.text;
      m.roleHead = firstWord.caseLower;
      mentions.push(m);
    } else if (nameFrom < j && (!hasDeterminer || possessor !== null) && !(nameFrom === j - 1 && tail === 0 && (isOrganizationWord(firstWord, lexicon) || isKnownOrganization(firstWord)))) {
      const name = joinTexts(nameFrom, j);
      // The words before the name less a leading article (/^(?:the|a|an)\s+/i on them joined).
      const role = tail === 0 ? '' : joinTexts(tail > 1 && (firstWord.flags & ARTICLE_WORD) !== 0 ? chunkStart + 1 : chunkStart, nameFrom);
      const roleHead = roleHeadOf(chunkStart, nameFrom, lexicon);
      let roleOrg = '';
      for (let k = chunkStart; k < nameFrom; k++) {
        if (((words[k] as WordFeatures).flags & (CAPITALIZED | TITLE | NOT_NAME)) === CAPITALIZED) roleOrg = roleOrg === '' ? textAt(k) : `${roleOrg} ${textAt(k)}`;
      }
      const m = withBase(baseStart, baseEnd, baseText, possessive, 'person', name);
      if (role) m.role = role;
      if (roleHead) m.roleHead = roleHead;
      if (roleOrg && roleHead) m.roleOrg = roleOrg;
      mentions.push(m);
    } else if (hasRole) {
      // "the Kremlin spokesman", "a spokesman for the Kremlin", "Russia's ambassador to the UN", "Okoye's father".
      const roleHead = roleHeadOf(chunkStart, j, lexicon);
      let orgWords = '';
      let allDemonyms = true;
      for (let k = chunkStart; k < j; k++) {
        const f = (words[k] as WordFeatures).flags;
        if ((f & (CAPITALIZED | TITLE)) !== CAPITALIZED || ((f & NOT_NAME) !== 0 && (f & DEMONYM) === 0)) continue;
        orgWords = orgWords === '' ? textAt(k) : `${orgWords} ${textAt(k)}`;
        if ((f & DEMONYM) === 0) allDemonyms = false;
      }
      // "Okoye's father" belongs to no organisation; "the German chancellor" names a nationality, not one.
      const personal = possessor !== null && !isOrganizationName(possessor.text, lexicon);
      const roleOrg = personal || allDemonyms ? '' : orgWords.replace(/\s*['’]s$/, '');
      const m = withBase(baseStart, baseEnd, baseText, possessive, 'role');
      m.role = text.slice(starts[chunkStart], ends[last]);
      if (roleHead) m.roleHead = roleHead;
      if (roleOrg) m.roleOrg = roleOrg;
      mentions.push(m);
    } else if (allHave(chunkStart, j, NAME_RUN)) {
      const name = joinTexts(chunkStart, j);
      const organization = hasDeterminer || isOrganizationRun(chunkStart, j, name, lexicon) || anyHas(chunkStart, j, NOT_NAME)
        || (size === 1 && isKnownOrganization(firstWord));
      if (!(size === 1 && (firstWord.flags & NOT_NAME) !== 0)) {
        mentions.push(withBase(baseStart, baseEnd, baseText, possessive, organization ? 'organization' : 'person', name));
      }
    }
    i = Math.max(chunkEnd, i + 1);
  }
  return joinAppositions(mentions, text);
}

function allHave(from: number, to: number, bits: number): boolean {
  for (let k = from; k < to; k++) if (!has(k, bits)) return false;
  return true;
}

function anyHas(from: number, to: number, bits: number): boolean {
  for (let k = from; k < to; k++) if (has(k, bits)) return true;
  return false;
}

/** text[from, to) is a comma with white space around it at most (/^\s*,\s*$/). */
function isCommaBetween(text: string, from: number, to: number): boolean {
  let commas = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 44) commas++;
    else if (!isSpaceCode(c)) return false;
  }
  return commas === 1;
}

/** "the election of Trump, the Kremlin spokesman said": a name after a preposition is no apposition head. */
const governed = (text: string, head: Mention): boolean => /\b(?:of|with|by|to|for|from|against|about|under|over|and|or)\s+$/i.test(text.slice(Math.max(0, head.start - 12), head.start));

/** "ROLE, NAME," and "NAME, ROLE" name one speaker: join them and keep the role. */
function joinAppositions(mentions: Mention[], text: string): Mention[] {
  if (mentions.length < 2) return mentions;
  // Joined in place: the first `kept` entries are the result so far (never ahead of the one being read).
  let kept = 0;
  for (let k = 0; k < mentions.length; k++) {
    const mention = mentions[k] as Mention;
    const previous = kept > 0 ? mentions[kept - 1] : undefined;
    if (previous && isCommaBetween(text, previous.end, mention.start) && !previous.possessive && !governed(text, previous)) {
      // "the mayor, Lena Fischer, said": the name is closed by a comma (or ends the text); "According to his
      // lawyer, Okafor never saw it" is a role, then the content.
      const closed = /^\s*(?:[,)]|$)/.test(text.slice(mention.end, mention.end + 3));
      // The person with the role mention's role (and its head and organisation where it has them).
      if (previous.type === 'role' && mention.type === 'person' && !mention.role && closed) {
        mentions[kept - 1] = newMention(previous.start, mention.end, text.slice(previous.start, mention.end), mention.possessive, mention.type, mention.name,
          previous.role ?? '', previous.roleHead || mention.roleHead, previous.roleOrg || mention.roleOrg);
        continue;
      }
      if (previous.type === 'person' && mention.type === 'role' && !previous.role) {
        mentions[kept - 1] = newMention(previous.start, mention.end, text.slice(previous.start, mention.end), mention.possessive, previous.type, previous.name,
          mention.role ?? '', mention.roleHead || previous.roleHead, mention.roleOrg || previous.roleOrg);
        continue;
      }
    }
    mentions[kept++] = mention;
  }
  mentions.length = kept;
  return mentions;
}

/** A form of "be" before token i, across adverbs and "not": "is expected", "was widely believed", "were not told". */
function afterBe(i: number): boolean {
  let k = i - 1;
  while (k >= 0 && has(k, BE_ADVERB)) k--;
  return k >= 0 && has(k, BE);
}

/** A plural subject right before a base form makes it a verb: "Activists claim", "they report" (not "a UN report"). */
function isPluralSubject(item: Item | undefined, lexicon: Lexicon): boolean {
  const mention = item?.sym === 'M' ? item.mention : undefined;
  if (!mention) return false;
  if (mention.type === 'pronoun') return lexicon.pluralPronouns.has(mention.text.toLowerCase()) || mention.text.toLowerCase() === 'we';
  return mention.type === 'role' && lexicon.pluralRoles.has((mention.roleHead ?? '').toLowerCase());
}

/** Whether the tokens from i on are the lower-case words `phrase`. */
function wordsAt(i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > count) return false;
  for (let k = 0; k < phrase.length; k++) if ((words[i + k] as WordFeatures).lower !== phrase[k]) return false;
  return true;
}

/**
 * Every cue has all the fields (undefined where it has none), in the order its keys have always had (JSON leaves the
 * undefined ones out): the later stages read cues of one hidden class.
 */
function newCue(start: number, end: number, text: string, lemma: string, cueClass: Cue['cueClass'], complement: Cue['complement'], complements: Cue['complements'], participle: boolean, noun: boolean, according: boolean): Cue {
  return { start, end, text, lemma, cueClass, complement, complements, participle, noun, according, passive: undefined };
}

/**
 * Cue at token i (a word that may start one): the longest cue form whose words match, or "according to", or a cue
 * noun. `before` is the item before the word (a cue form that needs a subject asks whether it is one).
 */
function cueAt(i: number, text: string, lexicon: Lexicon, before: Item | undefined): { cue: Cue; length: number } | null {
  const features = words[i] as WordFeatures;
  const word = features.lower;
  const start = starts[i] as number;
  // After a determiner a verb form is a noun or an adjective: "the alleged attacker", "an estimated 300", "his thought".
  const afterDeterminer = i > 0 && has(i - 1, DETERMINER);
  const forms = afterDeterminer ? undefined : features.cueForms;
  if (forms) {
    for (const form of forms) {
      if (wordsAt(i, form.words)) {
        if (form.notCue) return null;
        if (form.afterSubject && !isPluralSubject(before, lexicon)) continue;
        const length = form.words.length;
        const end = ends[i + length - 1] as number;
        // (Keys in the order cues have always had.)
        const cue = newCue(start, end, text.slice(start, end), form.lemma, form.cueClass, form.complement, form.complements, form.participle, false, false);
        // After "be" a past form is passive or adjectival ("is expected to", "was widely believed"): nobody's words,
        // unless a passive rule finds its agent ("was identified as X by police").
        if (!form.participle && afterBe(i)) cue.passive = true;
        return { cue, length };
      }
    }
  }
  for (const phrase of lexicon.according) {
    if (phrase[0] === word && wordsAt(i, phrase)) {
      const end = ends[i + phrase.length - 1] as number;
      return { cue: newCue(start, end, text.slice(start, end), phrase.join(' '), 'speech', 'clause', undefined, false, false, true), length: phrase.length };
    }
  }
  const noun = features.nounCue;
  if (noun) {
    const end = ends[i] as number;
    return { cue: newCue(start, end, text.slice(start, end), noun.lemma, noun.cueClass, 'that', undefined, false, true, false), length: 1 };
  }
  return null;
}

/**
 * Every item has all the fields (undefined where it has none), in the order its keys have always had (JSON leaves
 * the undefined ones out): the pattern matcher and the later stages read items of one hidden class, not four.
 */
function newItem(sym: string, start: number, end: number, text: string, lower: string | undefined, mention: Mention | undefined, cue: Cue | undefined, quote: QuoteSpan | undefined): Item {
  return { sym, start, end, text, lower, mention, cue, quote };
}

/** Items of one sentence: quote spans whole, mentions and cues, then the remaining tokens. */
export function sentenceItems(ctx: ArticleContext, sentence: Sentence, quotes: QuoteSpan[], lexicon: Lexicon): { items: Item[]; mentions: Mention[]; cues: Cue[] } {
  const items: Item[] = [];
  const mentions: Mention[] = [];
  const cues: Cue[] = [];
  fillSentenceItems(ctx, sentence, quotes, 0, quotes.length, lexicon, items, mentions, cues);
  return { items, mentions, cues };
}

/** `sentenceItems` for quotes[from, to), appended to the lists given (the stage gives the article's own). */
function fillSentenceItems(ctx: ArticleContext, sentence: Sentence, quotes: readonly QuoteSpan[], from: number, to: number, lexicon: Lexicon, items: Item[], mentions: Mention[], cues: Cue[]): void {
  const { text } = ctx;
  let cursor = sentence.start;
  for (let q = from; q < to; q++) {
    const quote = quotes[q] as QuoteSpan;
    if (quote.open < sentence.start || quote.open >= sentence.end) continue;
    if (quote.open > cursor) regionItems(text, cursor, quote.open, lexicon, items, mentions, cues);
    const closeEnd = quote.unclosed ? quote.close : Math.min(quote.close + 1, text.length);
    items.push(newItem('Q', quote.open, closeEnd, text.slice(quote.open, closeEnd), undefined, undefined, undefined, quote));
    cursor = closeEnd;
  }
  if (cursor < sentence.end) regionItems(text, cursor, sentence.end, lexicon, items, mentions, cues);
}

/** The items of text[start, end), outside quotation marks. */
function regionItems(text: string, start: number, end: number, lexicon: Lexicon, items: Item[], mentions: Mention[], cues: Cue[]): void {
  tokenize(text, start, end, lexicon);
  const found = scanMentions(text, lexicon);
  const n = count;
  let m = 0;
  for (let i = 0; i < n;) {
    const token = words[i] as WordFeatures;
    const tokenStart = starts[i] as number;
    const tokenEnd = ends[i] as number;
    while (m < found.length && (found[m] as Mention).end <= tokenStart) m++;
    const mention = found[m];
    // (cueAt needs the word to be a possible cue first: most are not, and need no look at the item before.)
    let cue = (token.flags & MAY_CUE) !== 0 ? cueAt(i, text, lexicon, items[items.length - 1]) : null;
    // After a possessive source a speech word is a noun: "the Kremlin's remarks that …".
    const asNoun = cue && !cue.cue.noun && items[items.length - 1]?.sym === 'm' ? lexicon.nounCues.get(token.caseLower) : undefined;
    if (cue && asNoun) {
      const { start, complements, according, passive } = cue.cue;
      const asNounCue = newCue(start, tokenEnd, token.text, asNoun.lemma, asNoun.cueClass, 'that', complements, false, true, according);
      asNounCue.passive = passive;
      cue = { cue: asNounCue, length: 1 };
    }
    // A cue word wins over a one-word "mention" such as "Remarks" at the start of a sentence.
    if (mention && mention.start <= tokenStart && !(cue && mention.start === tokenStart && mention.end === tokenEnd)) {
      // (A one-token mention is the token's text: its lower case is in the word table.)
      const lower = mention.start === tokenStart && mention.end === tokenEnd ? token.caseLower : mention.text.toLowerCase();
      items.push(newItem(mention.possessive ? 'm' : 'M', mention.start, mention.end, mention.text, lower, mention, undefined, undefined));
      mentions.push(mention);
      while (i < n && (starts[i] as number) < mention.end) i++;
      if (mention.possessive && isPossessiveMarker(i)) i++;
      continue;
    }
    if (cue?.cue.passive) {
      items.push(newItem('w', cue.cue.start, cue.cue.end, cue.cue.text, cue.cue.text.toLowerCase(), undefined, cue.cue, undefined));
      i += cue.length;
      continue;
    }
    if (cue) {
      // A speech noun counts only after a possessive source ("the Kremlin's remarks"); elsewhere it is a plain word.
      if (cue.cue.noun && items[items.length - 1]?.sym !== 'm') {
        items.push(newItem('w', tokenStart, tokenEnd, token.text, token.caseLower, undefined, undefined, undefined));
        i++;
        continue;
      }
      const sym = cue.cue.according ? 'A' : cue.cue.noun ? 'N' : cue.cue.participle ? 'G' : 'C';
      items.push(newItem(sym, cue.cue.start, cue.cue.end, cue.cue.text, cue.cue.text.toLowerCase(), undefined, cue.cue, undefined));
      cues.push(cue.cue);
      i += cue.length;
      continue;
    }
    items.push(newItem(token.symbol, tokenStart, tokenEnd, token.text, token.caseLower, undefined, undefined, undefined));
    i++;
  }
}

/** `"Are you serious?" Maria Lind said.`: a sentence splitter ends the sentence at `?"`; the attribution that follows belongs to it. */
const QUOTE_ONLY = compilePatternElements([{ at: 'start' }, { is: 'quote' }, { is: '.', op: '?' }, { at: 'end' }]);
const ATTRIBUTION_START = compilePatternElements([
  { at: 'start' },
  { is: ',', op: '?' },
  { either: [
    [{ is: 'mention' }, { seq: [{ is: ['prep', 'det', 'word'], min: 1, max: 4 }, { is: ',' }], op: '?' }, { is: 'adverb', op: '*' }, { is: 'cue' }],
    [{ is: 'adverb', op: '*' }, { is: 'cue' }, { is: 'mention' }],
  ] },
]);
const matches = (pattern: CompiledPattern, items: Item[]): boolean => testPattern(pattern, items, 0);
/** QUOTE_ONLY matches one quotation, with a full stop at most: a look at the first item spares most sentences the matcher. */
const mayBeQuoteOnly = (items: Item[]): boolean => items.length <= 2 && items[0]?.sym === 'Q';

/** Scratch bytes for `signatureOf`: a sentence's symbols are written here and read out as one string. */
let signatureBytes = Buffer.alloc(256);

/**
 * The items' symbols in a row (what `explain` shows). Symbols are one Latin-1 character each: written as bytes and
 * read out once, instead of a string made per item by `+=`. Any other symbol takes the plain way.
 */
function signatureOf(items: readonly Item[]): string {
  if (items.length > signatureBytes.length) signatureBytes = Buffer.alloc(Math.max(items.length, 2 * signatureBytes.length));
  for (let k = 0; k < items.length; k++) {
    const { sym } = items[k] as Item;
    const code = sym.charCodeAt(0);
    if (sym.length !== 1 || code > 0xff) {
      let signature = '';
      for (const item of items) signature += item.sym;
      return signature;
    }
    signatureBytes[k] = code;
  }
  const signature = signatureBytes.toString('latin1', 0, items.length);
  // A very long sentence's buffer is let go: what stays is small.
  if (signatureBytes.length > 1 << 16) signatureBytes = Buffer.alloc(256);
  return signature;
}

export function mentionsStage(lexicon: Lexicon): Stage {
  return {
    name: 'mentions',
    run(ctx: ArticleContext): void {
      let quoteIndex = 0;
      const merged: Sentence[] = [];
      for (const sentence of ctx.sentences) {
        while (quoteIndex < ctx.quoteSpans.length && (ctx.quoteSpans[quoteIndex]?.open ?? 0) < sentence.start) quoteIndex++;
        let quoteEnd = quoteIndex;
        while (quoteEnd < ctx.quoteSpans.length && (ctx.quoteSpans[quoteEnd]?.open ?? 0) < sentence.end) quoteEnd++;
        // The sentence's mentions and cues go straight into the article's lists, in the same order.
        const items: Item[] = [];
        fillSentenceItems(ctx, sentence, ctx.quoteSpans, quoteIndex, quoteEnd, lexicon, items, ctx.mentions, ctx.cues);
        sentence.items = items;
        sentence.signature = signatureOf(items);
        const previous = merged[merged.length - 1];
        if (previous && previous.paragraph === sentence.paragraph && mayBeQuoteOnly(previous.items) && matches(QUOTE_ONLY, previous.items) && matches(ATTRIBUTION_START, sentence.items)) {
          previous.end = sentence.end;
          previous.items.push(...sentence.items);
          previous.signature += sentence.signature;
          continue;
        }
        merged.push(sentence);
      }
      for (let index = 0; index < merged.length; index++) (merged[index] as Sentence).index = index;
      ctx.sentences = merged;
    },
  };
}
