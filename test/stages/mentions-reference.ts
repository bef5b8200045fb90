/**
 * The mentions stage as it was before its speed work (session 5), kept unchanged as the reference the differential
 * test (mentions-differential.test.ts) holds the fast stage to: the same items, mentions and cues, key for key.
 * Original description:
 *
 * Stage 3: tokens, cues and mentions. Each sentence becomes a list of classified items (quotes, mentions,
 * cue words, function words). Pattern rules match these items (pipeline/engine/token-pattern.ts); the one-letter signature is kept for `explain`.
 * Text inside quotation marks is one item: names and cue words quoted from someone are not read as attribution.
 */
import type { ArticleContext, Cue, Item, Mention, QuoteSpan, Sentence, Stage } from '../../pipeline/context.ts';
import { tagsOf } from '../../pipeline/engine/word-tags.ts';
import { BoundedCache } from '../../pipeline/engine/bounded-cache.ts';
import { compilePatternElements, execPattern, type CompiledPattern } from '../../pipeline/engine/token-pattern.ts';
import type { Lexicon } from '../../pipeline/lexicon.ts';

interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower case, with ’ as ': computed once, compared often. */
  lower: string;
  /** What the lexicon says about the word, shared by every token of the same text. */
  features: WordFeatures;
}

/** Everything the chunker and the item classifier ask about a word that depends on its text alone. */
interface WordFeatures {
  lower: string;
  /** `toLowerCase()` alone (’ kept): what pattern tests compare. */
  caseLower: string;
  /** A lower-case organisation noun ("the ministry"). */
  orgNoun: boolean;
  roleWord: boolean;
  /** A lower-case word that may be a plain noun modifying a role ("port authority chief"). */
  plainNoun: boolean;
  /** Name word: 0 never, 1 a name particle (depends on the next words), 2 inside a name only, 3 anywhere in a name. */
  name: 0 | 1 | 2 | 3;
  /** A person, organisation or plural pronoun. */
  pronoun: boolean;
  /** The word may start a cue (a cue form, an "according to" phrase or a cue noun). */
  mayCue: boolean;
  /** The item symbol of the word as a plain token (see `symbolOf`). */
  symbol: string;
}

const lowerOf = (word: string): string => word.toLowerCase().replace(/’/g, "'");

/**
 * Per-lexicon word feature tables: a news archive repeats a small vocabulary, so each word is classified once. The
 * table keeps the words in use (bounded-cache.ts): at most twice the limit.
 */
const featureTables = new WeakMap<Lexicon, BoundedCache<string, WordFeatures>>();
export const FEATURE_TABLE_LIMIT = 10_000;

function featureTable(lexicon: Lexicon): BoundedCache<string, WordFeatures> {
  let table = featureTables.get(lexicon);
  if (!table) { table = new BoundedCache(FEATURE_TABLE_LIMIT); featureTables.set(lexicon, table); }
  return table;
}

function featuresOf(word: string, lexicon: Lexicon, table: BoundedCache<string, WordFeatures> = featureTable(lexicon)): WordFeatures {
  let features = table.get(word);
  if (features) return features;
  const w = lowerOf(word);
  const orgNoun = /^\p{Ll}/u.test(word) && lexicon.orgNouns.has(word);
  const roleWord = lexicon.roles.has(w) || lexicon.roles.has(w.replace(/-elect$/, '')) || lexicon.roleModifiers.has(w)
    || lexicon.pluralRoles.has(w) || orgNoun;
  const plainNoun = /^\p{Ll}[\p{Ll}-]*$/u.test(word) && !lexicon.determiners.has(w) && !lexicon.prepositions.has(w)
    && !lexicon.auxiliaries.has(w) && !lexicon.be.has(w) && !lexicon.conjunctions.has(w) && !lexicon.clauseOpeners.has(w) && !lexicon.subordinators.has(w) && !lexicon.cueForms.has(w) && !/ly$/.test(w)
    && w !== 'that' && w !== 'who' && !lexicon.personPronouns.has(w) && !lexicon.orgPronouns.has(w) && !lexicon.pluralPronouns.has(w)
    && !(w.length > 4 && /ed$/.test(w)); // "quoted", "added": verbs, not nouns
  let name: WordFeatures['name'] = 0;
  if (/^(?:al|el|ad|bin|ibn|bint)-\p{Lu}/u.test(word)) name = 3;
  // Lower-case name particles: "Kees de Vries", "Ursula von der Leyen".
  else if (lexicon.nameParticles.has(word)) name = 1;
  else if (isCapitalized(word) && /^[\p{L}]/u.test(word)) name = lexicon.notNames.has(word) && !lexicon.titles.has(word) ? 2 : 3;
  features = {
    lower: w, caseLower: word.toLowerCase(), orgNoun, roleWord, plainNoun, name,
    pronoun: lexicon.personPronouns.has(w) || lexicon.orgPronouns.has(w) || lexicon.pluralPronouns.has(w),
    mayCue: lexicon.cueForms.has(w) || lexicon.nounCues.has(w) || lexicon.according.some((phrase) => phrase[0] === w),
    symbol: symbolOf(word, w, lexicon),
  };
  table.set(word, features);
  return features;
}
// Domain names ("Folha.com.br") are one token: a full stop followed by lower-case letters ends no word.
const TOKEN = /\p{N}+(?:[.,:]\p{N}+)+|(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:\.[\p{Ll}\p{N}]{2,})+|[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*\.?|['’](?:s|t|re|ve|ll|d|m)\b|--|\S/gu;

/** The possessive marker at `k`: "'s", or the lone apostrophe of a plural ("the nurses' union"), written right after the word. */
function isPossessiveMarker(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t) return false;
  // Almost every token is something else: one character says so.
  const first = t.text.charCodeAt(0);
  if (first !== 0x27 && first !== 0x2019) return false;
  if (/^['’]s$/.test(t.text)) return true;
  const before = tokens[k - 1];
  return /^['’]$/.test(t.text) && before !== undefined && before.end === t.start && /s$/i.test(before.text) && (tokens[k + 1]?.start ?? Infinity) > t.end;
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

/**
 * The tokens of `slice` (what TOKEN matches, in order), calling `take(start, end)` for each. Most of news is plain
 * ASCII words between spaces and punctuation: such a word is read by hand, since no other branch of TOKEN can
 * match there (the number branch needs a digit first, initials and domain names a full stop, a hyphenated word a
 * hyphen after it). Anything else goes to TOKEN. A differential test keeps the two equal.
 */
export function tokenSpans(slice: string, take: (start: number, end: number) => void): void {
  const n = slice.length;
  let p = 0;
  while (p < n) {
    const c = slice.charCodeAt(p);
    if (c === 32 || c === 9 || c === 10 || c === 13) { p++; continue; }
    if (isAsciiLetter(c)) {
      let q = p + 1;
      while (q < n && isAsciiLetterOrDigit(slice.charCodeAt(q))) q++;
      const next = q < n ? slice.charCodeAt(q) : -1;
      // The word ends here when what follows is ASCII but neither a full stop nor a hyphen.
      if (next < 128 && next !== 46 && next !== 45) {
        take(p, q);
        p = q;
        continue;
      }
    }
    TOKEN.lastIndex = p;
    const m = TOKEN.exec(slice);
    if (!m) return;
    take(m.index, m.index + m[0].length);
    p = m.index + m[0].length;
  }
}

/** Words, clitics ('s, n't) and punctuation of a stretch of text; a word keeps its final dot only when it is a known abbreviation. */
export function tokenize(text: string, start: number, end: number, lexicon: Lexicon): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(start, end);
  const table = featureTable(lexicon);
  tokenSpans(slice, (from, to) => {
    const word = slice.slice(from, to);
    const at = start + from;
    if (word.length > 1 && word.endsWith('.') && !/^(?:\p{Lu}\.){2,}$/u.test(word) && !lexicon.abbreviations.has(word)) {
      const bare = word.slice(0, -1);
      const features = featuresOf(bare, lexicon, table);
      tokens.push({ start: at, end: at + word.length - 1, text: bare, lower: features.lower, features });
      tokens.push({ start: at + word.length - 1, end: at + word.length, text: '.', lower: '.', features: featuresOf('.', lexicon, table) });
      return;
    }
    const features = featuresOf(word, lexicon, table);
    tokens.push({ start: at, end: at + word.length, text: word, lower: features.lower, features });
  });
  return tokens;
}

const isCapitalized = (word: string): boolean => /^\p{Lu}/u.test(word);
const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on', 'to']);
const isAcronym = (word: string): boolean => /^(?:\p{Lu}\.?){2,5}$/u.test(word);

/** A plural common noun ("Residents"), not a surname ("Hughes"). */
function isPluralCommonNoun(word: string, lexicon: Lexicon): boolean {
  if (lexicon.orgKeywords.has(word) || lexicon.places.has(word) || !/s$/.test(word)) return false;
  const tags = tagsOf(word.toLowerCase());
  return tags.has('Plural') && !tags.has('Person');
}

/** A preposition, adverb, determiner or conjunction in compromise's lexicon ("Over", "Nearly", "Some"), never a name. */
function isFunctionWord(word: string): boolean {
  const tags = tagsOf(word.toLowerCase());
  return !tags.has('Noun') && (tags.has('Preposition') || tags.has('Adverb') || tags.has('Determiner') || tags.has('Conjunction'));
}

/** A one-word company compromise knows ("Google", "Walmart"). */
const isKnownOrganization = (word: string): boolean => tagsOf(word).has('Organization');

/** A common noun, verb or adjective and not a first name ("Substitute", not "Mark"). */
function isCommonWord(word: string): boolean {
  const tags = tagsOf(word.toLowerCase());
  return !tags.has('FirstName') && !tags.has('Person') && !tags.has('Place')
    && ['Noun', 'Verb', 'Adjective', 'Adverb'].some((tag) => tags.has(tag));
}

/** The name part of a run of capitalised words: the longest tail that is no title, organisation word or place. */
function nameTail(words: string[], lexicon: Lexicon): number {
  let from = words.length;
  while (from > 0) {
    const word = words[from - 1] ?? '';
    if (/^(?:al|el|ad|bin|ibn|bint)-\p{Lu}/u.test(word) || (lexicon.nameParticles.has(word) && from < words.length)) { from--; continue; }
    // "Elizabeth II", "Martin Luther King Jr.": a regnal number or generation suffix ends a name.
    if (from === words.length && /^(?:II|III|IV|VI{0,3}|Jr\.?|Sr\.?)$/u.test(word) && isCapitalized(words[from - 2] ?? '')) { from--; continue; }
    // "Chief Executive Tim Cook": a capitalised role word is a title, not part of the name.
    if (!isCapitalized(word) || lexicon.titles.has(word) || lexicon.roles.has(word.toLowerCase()) || lexicon.notNames.has(word) || lexicon.orgKeywords.has(word)
      || lexicon.places.has(word) || isAcronym(word) || word.toLowerCase() === 'of') break;
    from--;
  }
  return from;
}

function roleHeadOf(words: string[], lexicon: Lexicon): string | undefined {
  for (let i = words.length - 1; i >= 0; i--) {
    const word = (words[i] ?? '').toLowerCase().replace(/[-‐]elect$/, '');
    if (!lexicon.roles.has(word) && !lexicon.roles.has((words[i] ?? '').toLowerCase())) continue;
    const head = lexicon.roles.has((words[i] ?? '').toLowerCase()) ? (words[i] ?? '').toLowerCase() : word;
    for (const parts of lexicon.multiWordRoles.get(head) ?? []) {
      const before = words.slice(Math.max(0, i - parts.length + 1), i + 1).map((w) => w.toLowerCase());
      if (before.join(' ') === parts.join(' ')) return parts.join(' ');
    }
    return head;
  }
  return undefined;
}

function isOrganizationName(name: string, lexicon: Lexicon): boolean {
  const words = name.split(/\s+/);
  return words.some((w) => lexicon.orgKeywords.has(w) || isAcronym(w)) || lexicon.places.has(name)
    || lexicon.orgAliases.has(name.toLowerCase()) || words.every((w) => lexicon.places.has(w));
}

const isArticle = (word: string): boolean => word === 'the' || word === 'a' || word === 'an';

/** A mention from a chunk's base fields (keys in the order the records have always had: start, end, text, possessive, type, name). */
function withBase(base: { start: number; end: number; text: string; possessive: boolean }, type: Mention['type'], name?: string): Mention {
  const mention: Mention = { start: base.start, end: base.end, text: base.text, possessive: base.possessive, type };
  if (name !== undefined) mention.name = name;
  return mention;
}

/**
 * Chunks noun phrases that can name a speaker: "Kremlin spokesman Dmitry Peskov", "a spokesman for the Kremlin",
 * "the US Treasury", "Russia's ambassador to the UN", "he". Appositions ("X, US ambassador to the UN,") are joined.
 */
export function scanMentions(tokens: Token[], text: string, lexicon: Lexicon): Mention[] {
  const mentions: Mention[] = [];
  // Word features come from the per-word table; only the name particles depend on the words after them.
  const lower = (t: Token | undefined): string => (t ? t.lower : '');
  const isOrgNoun = (t: Token | undefined): boolean => t !== undefined && t.features.orgNoun;
  const isRoleWord = (t: Token | undefined): boolean => t !== undefined && t.features.roleWord;
  const isPlainNoun = (t: Token | undefined): boolean => t !== undefined && t.features.plainNoun;
  const isNameWord = (t: Token | undefined, first: boolean): boolean => {
    if (!t) return false;
    const { name } = t.features;
    if (name === 3) return true;
    if (name === 2) return !first;
    if (name === 0) return false;
    let n = tokens.indexOf(t) + 1;
    while (lexicon.nameParticles.has(tokens[n]?.text ?? '')) n++;
    return isCapitalized(tokens[n]?.text ?? '') && !lexicon.notNames.has(tokens[n]?.text ?? '');
  };
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token) break;
    const word = token.lower;
    if (token.features.pronoun) {
      mentions.push({ start: token.start, end: token.end, text: token.text, type: 'pronoun', name: word, possessive: false });
      i++;
      continue;
    }
    // "to investigate Ivo Brandt", "to foil opposition plans": after the infinitive marker a lower-case word is a verb.
    if (i > 0 && lower(tokens[i - 1]) === 'to' && /^\p{Ll}/u.test(token.text) && !isArticle(word) && !isRoleWord(token)) { i++; continue; }
    // A chunk: determiner? (possessor 's)? (name words | role words | of/for/to the? Name)*
    let j = i;
    let hasDeterminer = false;
    if (isArticle(word)) { hasDeterminer = true; j++; }
    const chunkStart = j;
    let possessor: { end: number; text: string } | null = null;
    while (j < tokens.length) {
      const t = tokens[j];
      if (isNameWord(t, j === chunkStart) || isRoleWord(t)) { j++; continue; }
      // "the German chancellor", "Russian Foreign Minister Sergey Lavrov": a nationality opens the phrase.
      if (t && lexicon.demonyms.has(t.text) && (isRoleWord(tokens[j + 1]) || isNameWord(tokens[j + 1], false))) { j++; continue; }
      // "the Democratic Party", "the Western Command": an adjective that is never a name opens an organisation's name.
      if (t && lexicon.notNames.has(t.text) && lexicon.orgKeywords.has(tokens[j + 1]?.text ?? '') && !isArticle(t.lower) && !isFunctionWord(t.text)) { j++; continue; }
      // "the dockworkers' union": a plural noun as the possessor of an organisation or role.
      if (j === chunkStart && isPlainNoun(t) && /^['’]$/.test(tokens[j + 1]?.text ?? '') && isPossessiveMarker(tokens, j + 1) && isRoleWord(tokens[j + 2])) { j++; continue; }
      if (isPossessiveMarker(tokens, j) && j > chunkStart && isRoleWord(tokens[j + 1]) && !possessor) {
        possessor = { end: j, text: text.slice(tokens[chunkStart]?.start ?? 0, tokens[j - 1]?.end ?? 0) };
        j++;
        continue;
      }
      // "the city council", "port authority chief Karin Vogt": plain nouns that modify a role or organisation noun.
      let ahead = j;
      while (ahead < j + 3 && isPlainNoun(tokens[ahead]) && !isRoleWord(tokens[ahead])) ahead++;
      if (ahead > j && isRoleWord(tokens[ahead])) {
        // Only when the run of role words holds a real role or organisation noun, not modifiers alone.
        let end = ahead;
        let realRole = false;
        while (isRoleWord(tokens[end])) {
          if (!lexicon.roleModifiers.has(lower(tokens[end]))) realRole = true;
          end++;
        }
        if (realRole) { j = ahead; continue; }
      }
      // "harbour master Ilse Brandt": plain nouns right before a person's name describe that person.
      if (isPlainNoun(t) && ahead <= j + 2) {
        let k = j;
        while (k < j + 2 && isPlainNoun(tokens[k])) k++;
        const name = tokens[k];
        if (name && isNameWord(name, true) && !lexicon.places.has(name.text) && !lexicon.orgKeywords.has(name.text) && !isAcronym(name.text)) { j = k; continue; }
      }
      const connector = lower(t);
      // ("Commission on Human Rights": "on" only after an organisation word.)
      if ((connector === 'of' || connector === 'for' || connector === 'to' || (connector === 'on' && lexicon.orgKeywords.has(tokens[j - 1]?.text ?? '') && !lexicon.notNames.has(tokens[j + 1]?.text ?? ''))) && j > chunkStart && (isRoleWord(tokens[j - 1]) || lexicon.orgKeywords.has(tokens[j - 1]?.text ?? ''))) {
        let k = j + 1;
        if (lower(tokens[k]) === 'the') k++;
        if (isNameWord(tokens[k], false)) { j = k; continue; }
        // "chairman of the audit committee"
        let n = k;
        while (n < k + 2 && isPlainNoun(tokens[n]) && !isOrgNoun(tokens[n])) n++;
        if (isOrgNoun(tokens[n])) { j = n + 1; continue; }
      }
      break;
    }
    if (j === chunkStart && hasDeterminer) {
      let k = j;
      while (k < j + 3 && isPlainNoun(tokens[k])) k++;
      let nameEnd = k + 1;
      while (isNameWord(tokens[nameEnd], nameEnd === k + 1)) nameEnd++;
      // "the tenant, Paula Sousa, said": the name must be closed by a comma too, unlike "The vote, Berg wrote, …".
      if (k > j && tokens[k]?.text === ',' && nameEnd > k + 1 && tokens[nameEnd]?.text === ',' && !lexicon.places.has(tokens[k + 1]?.text ?? '')) {
        const last = tokens[k - 1];
        const startToken = tokens[i];
        if (last && startToken) {
          const role = tokens.slice(j, k).map((t) => t.text).join(' ');
          mentions.push({ start: startToken.start, end: last.end, text: text.slice(startToken.start, last.end), type: 'role', role, roleHead: last.text.toLowerCase(), possessive: false });
          i = k;
          continue;
        }
      }
    }
    if (j === chunkStart) { i++; continue; }
    let chunkEnd = j;
    // "Cook, 63, said": an age in commas belongs to the name before it.
    if (tokens[j]?.text === ',' && /^\d{1,3}$/.test(tokens[j + 1]?.text ?? '') && tokens[j + 2]?.text === ',' && isCapitalized(tokens[j - 1]?.text ?? '')) chunkEnd = j + 2;
    // "the Royal College of Nursing (RCN)": a bracketed short form belongs to the mention.
    if (tokens[j]?.text === '(' && isAcronym(tokens[j + 1]?.text ?? '') && tokens[j + 2]?.text === ')') chunkEnd = j + 3;
    const chunk = tokens.slice(chunkStart, j);
    const words = chunk.map((t) => t.text);
    const first = chunk[0];
    const last = chunk[chunk.length - 1];
    if (!first || !last) { i++; continue; }
    const possessive = isPossessiveMarker(tokens, chunkEnd);
    const startToken = hasDeterminer ? tokens[i] : first;
    const endToken = tokens[chunkEnd - 1] ?? last;
    const base = { start: startToken?.start ?? first.start, end: endToken.end, text: text.slice(startToken?.start ?? first.start, endToken.end), possessive };
    let tail = nameTail(words, lexicon);
    // "Substitute Jamal Okoye scored": a common word opening the sentence is no first name.
    const opensClause = chunkStart === 0 || !/[\p{L}\p{N}]/u.test(tokens[chunkStart - 1]?.text ?? '');
    // ("Arnel dela Vega": a word before a name particle is a first name.)
    if (tail === 0 && opensClause && !hasDeterminer && words.length >= 3 && isCommonWord(words[0] ?? '') && !lexicon.nameParticles.has(words[1] ?? '')) tail = 1;
    // "Specifically, she …", "Over 40 judges": a capitalised adverb or preposition opening the sentence is no name.
    if (words.length === 1 && opensClause && !hasDeterminer && isFunctionWord(words[0] ?? '')) { i = Math.max(chunkEnd, i + 1); continue; }
    const nameWords = words.slice(tail);
    const before = words.slice(0, tail);
    const hasPersonRole = chunk.some((t) => !isOrgNoun(t) && lexicon.roles.has(lower(t).replace(/-elect$/, '')));
    // "National Institute for Space Research", "Party of Working People": an organisation word followed by "of" or
    // "for" heads an organisation name, whatever capitalised words follow.
    // "the government of Burundi": a lower-case organisation noun with the name it governs.
    const namedOrganization = words.some((w, k) => (lexicon.orgKeywords.has(w) || (k === 0 && hasDeterminer && lexicon.orgNouns.has(w))) && ['of', 'for', 'on'].includes((words[k + 1] ?? '').toLowerCase())
      && /^\p{Lu}/u.test(words[k + 2] ?? ''));
    if ((isOrgNoun(last) || namedOrganization) && !hasPersonRole && (hasDeterminer || chunk.length > 1)) {
      mentions.push(withBase(base, 'organization', text.slice(first.start, last.end).replace(/\s+/g, ' ')));
      i = Math.max(chunkEnd, i + 1);
      continue;
    }
    const hasRole = words.some((w) => lexicon.roles.has(w.toLowerCase()) || lexicon.roles.has(w.toLowerCase().replace(/-elect$/, '')) || lexicon.pluralRoles.has(w.toLowerCase()));
    if (words.length === 1 && chunkStart === 0 && !hasDeterminer && isPluralCommonNoun(words[0] ?? '', lexicon)) {
      // "Residents say …": a plural common noun that opens the sentence names a group, not a person.
      const m = withBase(base, 'role');
      m.role = words[0] ?? '';
      m.roleHead = (words[0] ?? '').toLowerCase();
      mentions.push(m);
    } else if (nameWords.length > 0 && (!hasDeterminer || possessor !== null) && !(nameWords.length === 1 && before.length === 0 && (isOrganizationName(nameWords[0] ?? '', lexicon) || isKnownOrganization(nameWords[0] ?? '')))) {
      const name = nameWords.join(' ');
      const role = before.join(' ').replace(/^(?:the|a|an)\s+/i, '');
      const roleHead = roleHeadOf(before, lexicon);
      const roleOrg = before.filter((w) => isCapitalized(w) && !lexicon.titles.has(w) && !lexicon.notNames.has(w)).join(' ') || undefined;
      const m = withBase(base, 'person', name);
      if (role) m.role = role;
      if (roleHead) m.roleHead = roleHead;
      if (roleOrg && roleHead) m.roleOrg = roleOrg;
      mentions.push(m);
    } else if (hasRole) {
      // "the Kremlin spokesman", "a spokesman for the Kremlin", "Russia's ambassador to the UN", "Okoye's father".
      const roleHead = roleHeadOf(words, lexicon);
      const orgWords = words.filter((w) => isCapitalized(w) && !lexicon.titles.has(w) && (!lexicon.notNames.has(w) || lexicon.demonyms.has(w)));
      // "Okoye's father" belongs to no organisation; "the German chancellor" names a nationality, not one.
      const personal = possessor !== null && !isOrganizationName(possessor.text, lexicon);
      const roleOrg = personal || orgWords.every((w) => lexicon.demonyms.has(w)) ? '' : orgWords.join(' ').replace(/\s*['’]s$/, '');
      const m = withBase(base, 'role');
      m.role = text.slice(first.start, last.end);
      if (roleHead) m.roleHead = roleHead;
      if (roleOrg) m.roleOrg = roleOrg;
      mentions.push(m);
    } else if (words.every((w) => isCapitalized(w) || /^[-‐]/.test(w) || CONNECTORS.has(w))) {
      const name = words.join(' ');
      const organization = hasDeterminer || isOrganizationName(name, lexicon) || words.some((w) => lexicon.notNames.has(w))
        || (words.length === 1 && isKnownOrganization(name));
      if (!(words.length === 1 && lexicon.notNames.has(name))) {
        mentions.push(withBase(base, organization ? 'organization' : 'person', name));
      }
    }
    i = Math.max(chunkEnd, i + 1);
  }
  return joinAppositions(mentions, text);
}

/** "ROLE, NAME," and "NAME, ROLE" name one speaker: join them and keep the role. */
function joinAppositions(mentions: Mention[], text: string): Mention[] {
  const out: Mention[] = [];
  for (const mention of mentions) {
    const previous = out[out.length - 1];
    const between = previous ? text.slice(previous.end, mention.start) : '';
    // "the election of Trump, the Kremlin spokesman said": a name after a preposition is no apposition head.
    const governed = (head: Mention): boolean => /\b(?:of|with|by|to|for|from|against|about|under|over|and|or)\s+$/i.test(text.slice(Math.max(0, head.start - 12), head.start));
    if (previous && /^\s*,\s*$/.test(between) && !previous.possessive && !governed(previous)) {
      // "the mayor, Lena Fischer, said": the name is closed by a comma (or ends the text); "According to his
      // lawyer, Okafor never saw it" is a role, then the content.
      const closed = /^\s*(?:[,)]|$)/.test(text.slice(mention.end, mention.end + 3));
      if (previous.type === 'role' && mention.type === 'person' && !mention.role && closed) {
        out[out.length - 1] = { ...mention, start: previous.start, text: text.slice(previous.start, mention.end), role: previous.role ?? '', ...(previous.roleHead ? { roleHead: previous.roleHead } : {}), ...(previous.roleOrg ? { roleOrg: previous.roleOrg } : {}) };
        continue;
      }
      if (previous.type === 'person' && mention.type === 'role' && !previous.role) {
        out[out.length - 1] = { ...previous, end: mention.end, text: text.slice(previous.start, mention.end), role: mention.role ?? '', ...(mention.roleHead ? { roleHead: mention.roleHead } : {}), ...(mention.roleOrg ? { roleOrg: mention.roleOrg } : {}), possessive: mention.possessive };
        continue;
      }
    }
    out.push(mention);
  }
  return out;
}

/** The symbol of a plain token. */
function symbolOf(text: string, w: string, lexicon: Lexicon): string {
  if (w === ',' || w === '--' || w === '—' || w === '–') return ',';
  if (w === ':' || w === ';') return w;
  if (w === '.' || w === '!' || w === '?') return '.';
  if (w === 'that') return 'T';
  if (w === 'who') return 'W';
  if (lexicon.conjunctions.has(w)) return '&';
  if (lexicon.be.has(w)) return 'b';
  // "in May": the capitalised month, not the modal verb.
  if (lexicon.auxiliaries.has(w) && text !== 'May' || /^\p{Ll}+ly$/u.test(text) || w === "'t" || w === "n't") return 'h';
  if (lexicon.prepositions.has(w)) return 'p';
  if (lexicon.determiners.has(w)) return 'd';
  if (/^\p{N}/u.test(w)) return 'n';
  return 'w';
}

/** A form of "be" before token i, across adverbs and "not": "is expected", "was widely believed", "were not told". */
function afterBe(tokens: Token[], i: number, lexicon: Lexicon): boolean {
  let k = i - 1;
  while (k >= 0 && /^(?:\p{Ll}+ly|not|n't|also|still|long|already)$/u.test(tokens[k]?.lower ?? '')) k--;
  return lexicon.be.has(tokens[k]?.lower ?? '');
}

/** A plural subject right before a base form makes it a verb: "Activists claim", "they report" (not "a UN report"). */
function isPluralSubject(item: Item | undefined, lexicon: Lexicon): boolean {
  const mention = item?.sym === 'M' ? item.mention : undefined;
  if (!mention) return false;
  if (mention.type === 'pronoun') return lexicon.pluralPronouns.has(mention.text.toLowerCase()) || mention.text.toLowerCase() === 'we';
  return mention.type === 'role' && lexicon.pluralRoles.has((mention.roleHead ?? '').toLowerCase());
}

/** Cue at token i: the longest cue form whose words match, or "according to", or a cue noun. */
function cueAt(tokens: Token[], i: number, text: string, lexicon: Lexicon, afterMention: boolean): { cue: Cue; length: number } | null {
  // Most words start no cue: the word table says so without a look at the cue lexicon.
  if (!tokens[i]?.features.mayCue) return null;
  const word = tokens[i]?.lower ?? '';
  const make = (length: number, extra: Omit<Cue, 'start' | 'end' | 'text'>): { cue: Cue; length: number } => {
    const start = tokens[i]?.start ?? 0;
    const end = tokens[i + length - 1]?.end ?? start;
    return { cue: { start, end, text: text.slice(start, end), ...extra }, length };
  };
  // After a determiner a verb form is a noun or an adjective: "the alleged attacker", "an estimated 300", "his thought".
  const afterDeterminer = lexicon.determiners.has(tokens[i - 1]?.lower ?? '');
  for (const form of afterDeterminer ? [] : lexicon.cueForms.get(word) ?? []) {
    if (form.words.every((w, k) => tokens[i + k]?.lower === w)) {
      if (form.notCue) return null;
      if (form.afterSubject && !afterMention) continue;
      // After "be" a past form is passive or adjectival ("is expected to", "was widely believed"): nobody's words,
      // unless a passive rule finds its agent ("was identified as X by police").
      const passive = !form.participle && afterBe(tokens, i, lexicon);
      return make(form.words.length, { lemma: form.lemma, cueClass: form.cueClass, complement: form.complement, complements: form.complements, participle: form.participle, noun: false, according: false, ...(passive ? { passive } : {}) });
    }
  }
  for (const phrase of lexicon.according) {
    if (phrase[0] === word && phrase.every((w, k) => tokens[i + k]?.lower === w)) {
      return make(phrase.length, { lemma: phrase.join(' '), cueClass: 'speech', complement: 'clause', participle: false, noun: false, according: true });
    }
  }
  const noun = lexicon.nounCues.get(word);
  if (noun) return make(1, { lemma: noun.lemma, cueClass: noun.cueClass, complement: 'that', participle: false, noun: true, according: false });
  return null;
}

/** Items of one sentence: quote spans whole, mentions and cues, then the remaining tokens. */
export function sentenceItems(ctx: ArticleContext, sentence: Sentence, quotes: QuoteSpan[], lexicon: Lexicon): { items: Item[]; mentions: Mention[]; cues: Cue[] } {
  const { text } = ctx;
  const items: Item[] = [];
  const mentions: Mention[] = [];
  const cues: Cue[] = [];
  const inSentence = quotes.filter((q) => q.open >= sentence.start && q.open < sentence.end);

  let cursor = sentence.start;
  const regions: Array<{ start: number; end: number; quote?: QuoteSpan }> = [];
  for (const quote of inSentence) {
    if (quote.open > cursor) regions.push({ start: cursor, end: quote.open });
    const closeEnd = quote.unclosed ? quote.close : Math.min(quote.close + 1, ctx.text.length);
    regions.push({ start: quote.open, end: closeEnd, quote });
    cursor = closeEnd;
  }
  if (cursor < sentence.end) regions.push({ start: cursor, end: sentence.end });
  for (const region of regions) {
    if (region.quote) {
      items.push({ sym: 'Q', start: region.start, end: region.end, text: text.slice(region.start, region.end), lower: undefined, quote: region.quote });
      continue;
    }
    const tokens = tokenize(text, region.start, region.end, lexicon);
    const found = scanMentions(tokens, text, lexicon);
    let m = 0;
    for (let i = 0; i < tokens.length;) {
      const token = tokens[i];
      if (!token) break;
      while (m < found.length && (found[m]?.end ?? 0) <= token.start) m++;
      const mention = found[m];
      // (cueAt needs the word to be a possible cue first: most are not, and need no look at the item before.)
      let cue = token.features.mayCue ? cueAt(tokens, i, text, lexicon, isPluralSubject(items[items.length - 1], lexicon)) : null;
      // After a possessive source a speech word is a noun: "the Kremlin's remarks that …".
      const asNoun = cue && !cue.cue.noun && items[items.length - 1]?.sym === 'm' ? lexicon.nounCues.get(token.text.toLowerCase()) : undefined;
      if (cue && asNoun) {
        cue = { cue: { ...cue.cue, noun: true, participle: false, complement: 'that', lemma: asNoun.lemma, cueClass: asNoun.cueClass }, length: 1 };
        cue.cue.end = token.end;
        cue.cue.text = token.text;
      }
      // A cue word wins over a one-word "mention" such as "Remarks" at the start of a sentence.
      if (mention && mention.start <= token.start && !(cue && mention.start === token.start && mention.end === token.end)) {
        items.push({ sym: mention.possessive ? 'm' : 'M', start: mention.start, end: mention.end, text: mention.text, lower: mention.text.toLowerCase(), mention });
        mentions.push(mention);
        while (i < tokens.length && (tokens[i]?.start ?? 0) < mention.end) i++;
        if (mention.possessive && isPossessiveMarker(tokens, i)) i++;
        continue;
      }
      if (cue?.cue.passive) {
        items.push({ sym: 'w', start: cue.cue.start, end: cue.cue.end, text: cue.cue.text, lower: cue.cue.text.toLowerCase(), cue: cue.cue });
        i += cue.length;
        continue;
      }
      if (cue) {
        // A speech noun counts only after a possessive source ("the Kremlin's remarks"); elsewhere it is a plain word.
        if (cue.cue.noun && items[items.length - 1]?.sym !== 'm') {
          items.push({ sym: 'w', start: token.start, end: token.end, text: token.text, lower: token.features.caseLower });
          i++;
          continue;
        }
        const sym = cue.cue.according ? 'A' : cue.cue.noun ? 'N' : cue.cue.participle ? 'G' : 'C';
        items.push({ sym, start: cue.cue.start, end: cue.cue.end, text: cue.cue.text, lower: cue.cue.text.toLowerCase(), cue: cue.cue });
        cues.push(cue.cue);
        i += cue.length;
        continue;
      }
      items.push({ sym: token.features.symbol, start: token.start, end: token.end, text: token.text, lower: token.features.caseLower });
      i++;
    }
  }
  return { items, mentions, cues };
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
const matches = (pattern: CompiledPattern, items: Item[]): boolean => execPattern(pattern, items, 0) !== null;
/** QUOTE_ONLY matches one quotation, with a full stop at most: a look at the first item spares most sentences the matcher. */
const mayBeQuoteOnly = (items: Item[]): boolean => items.length <= 2 && items[0]?.sym === 'Q';

export function referenceMentionsStage(lexicon: Lexicon): Stage {
  return {
    name: 'mentions',
    run(ctx: ArticleContext): void {
      let quoteIndex = 0;
      const merged: Sentence[] = [];
      for (const sentence of ctx.sentences) {
        while (quoteIndex < ctx.quoteSpans.length && (ctx.quoteSpans[quoteIndex]?.open ?? 0) < sentence.start) quoteIndex++;
        let quoteEnd = quoteIndex;
        while (quoteEnd < ctx.quoteSpans.length && (ctx.quoteSpans[quoteEnd]?.open ?? 0) < sentence.end) quoteEnd++;
        const { items, mentions, cues } = sentenceItems(ctx, sentence, ctx.quoteSpans.slice(quoteIndex, quoteEnd), lexicon);
        sentence.items = items;
        sentence.signature = items.map((item) => item.sym).join('');
        ctx.mentions.push(...mentions);
        ctx.cues.push(...cues);
        const previous = merged[merged.length - 1];
        if (previous && previous.paragraph === sentence.paragraph && mayBeQuoteOnly(previous.items) && matches(QUOTE_ONLY, previous.items) && matches(ATTRIBUTION_START, sentence.items)) {
          previous.end = sentence.end;
          previous.items.push(...sentence.items);
          previous.signature += sentence.signature;
          continue;
        }
        merged.push(sentence);
      }
      merged.forEach((sentence, index) => { sentence.index = index; });
      ctx.sentences = merged;
    },
  };
}
