/**
 * What the mentions stage asks about a word that depends on its text alone, answered once per word: a news archive
 * repeats a small vocabulary. Each answer is a bit of `flags`, so the chunker tests a bit where it would look the
 * word up in a set (or run a regular expression) at every token. What compromise says of a word (its tags) costs
 * much more and is asked for few words: it is worked out when first asked and kept with the word.
 */
import { BoundedCache } from '../engine/bounded-cache.ts';
import { tagsOf } from '../engine/word-tags.ts';
import type { CueForm, Lexicon, NounCue } from '../lexicon.ts';

/** A lower-case organisation noun ("the ministry"). */
export const ORG_NOUN = 1 << 0;
/** A role, role modifier, plural role or lower-case organisation noun. */
export const ROLE_WORD = 1 << 1;
/** A lower-case word that may be a plain noun modifying a role ("port authority chief"). */
export const PLAIN_NOUN = 1 << 2;
/** A person, organisation or plural pronoun. */
export const PRONOUN = 1 << 3;
/** The word may start a cue (a cue form, an "according to" phrase or a cue noun). */
export const MAY_CUE = 1 << 4;
/** In the lexicon's demonyms ("German"). */
export const DEMONYM = 1 << 5;
/** In the lexicon's notNames ("Democratic"). */
export const NOT_NAME = 1 << 6;
/** An organisation keyword ("Party", "Ministry"). */
export const ORG_KEYWORD = 1 << 7;
export const PLACE = 1 << 8;
/** A title ("Mr", "President"). */
export const TITLE = 1 << 9;
/** A name particle as written ("de", "von"). */
export const PARTICLE = 1 << 10;
/** Starts with an upper-case letter. */
export const CAPITALIZED = 1 << 11;
/** Starts with a lower-case letter. */
export const LOWER_INITIAL = 1 << 12;
/** Two to five capitals, each maybe with a full stop ("UN", "U.S."). */
export const ACRONYM = 1 << 13;
/** "the", "a" or "an" (in any case). */
export const ARTICLE = 1 << 14;
/** Ends the name part of a run of capitalised words, read from its end (see `nameTail` in mentions.ts). */
export const TAIL_STOP = 1 << 15;
/** "al-Assad", "bin-Salman": an Arabic name prefix joined to a name. */
export const AL_PREFIX = 1 << 16;
/** A regnal number or generation suffix ("II", "Jr."). */
export const REGNAL = 1 << 17;
/** Its lower form, without "-elect", is a role: a person's role, unless the word is an organisation noun. */
export const PERSON_ROLE = 1 << 18;
/** A role, a role with "-elect" or a plural role (lower-cased as written). */
export const HAS_ROLE = 1 << 19;
/** "of", "for" or "on" in any case. */
export const OF_FOR_ON = 1 << 20;
/** A role modifier ("deputy"). */
export const ROLE_MODIFIER = 1 << 21;
/** Holds a letter or a digit. */
export const LETTER_OR_DIGIT = 1 << 22;
/** May be part of an organisation's or a person's name written in capitals: capitalised, a hyphen first, or a connector. */
export const NAME_RUN = 1 << 23;
/** Its lower form, with or without "-elect", is a role (the roles `roleHeadOf` looks for). */
export const ROLE_ANY = 1 << 24;
/** In the lexicon's orgNouns as written (any case). */
export const ORG_NOUN_SET = 1 << 25;
/** A form of "be". */
export const BE = 1 << 26;
/** An adverb, "not", "also" … that may stand between "be" and a participle ("was widely believed"). */
export const BE_ADVERB = 1 << 27;
/** A determiner. */
export const DETERMINER = 1 << 28;
/** May open a chunk (see `scanMentions`): a role, name or plain noun, a demonym, a word never a name, an article or a pronoun. */
export const MAY_OPEN = 1 << 29;
/** "the", "a" or "an" in ASCII letters of any case (what /^(?:the|a|an)\s+/i removes from the start of a role). */
export const ARTICLE_WORD = 1 << 30;

// Facts from compromise's tags, worked out when first asked: a bit says it is known, the next its value.
const FUNCTION_WORD = 0;
const COMMON_WORD = 2;
const KNOWN_ORGANIZATION = 4;
const PLURAL_COMMON_NOUN = 6;

export interface WordFeatures {
  /** The word as written: the key of the table, and the text of every token of the word. */
  text: string;
  /** Lower case, with ’ as ': computed once, compared often. */
  lower: string;
  /** `toLowerCase()` alone (’ kept): what pattern tests compare. */
  caseLower: string;
  /** The answers above, one bit each. */
  flags: number;
  /** Name word: 0 never, 1 a name particle (depends on the next words), 2 inside a name only, 3 anywhere in a name. */
  name: 0 | 1 | 2 | 3;
  /** The item symbol of the word as a plain token (see `symbolOf`). */
  symbol: string;
  /** compromise's facts asked so far (two bits each, see above). */
  tagFacts: number;
  /** The cue forms that start with the word (`lexicon.cueForms`). */
  cueForms: readonly CueForm[] | undefined;
  /** The cue noun the word is (`lexicon.nounCues`). */
  nounCue: NounCue | undefined;
}

const lowerOf = (word: string): string => word.toLowerCase().replace(/’/g, "'");
const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on', 'to']);
export const isCapitalized = (word: string): boolean => /^\p{Lu}/u.test(word);
export const isAcronym = (word: string): boolean => /^(?:\p{Lu}\.?){2,5}$/u.test(word);

/**
 * The words of one lexicon: a table that keeps the words in use (bounded-cache.ts, at most twice the limit), the
 * one-character ASCII words (punctuation, "a", "I") by character code, and 16,384 recent words (`featuresAt`).
 */
export interface WordTable {
  lexicon: Lexicon;
  words: BoundedCache<string, WordFeatures>;
  ascii: Array<WordFeatures | undefined>;
  recent: Array<WordFeatures | undefined>;
}

const wordTables = new WeakMap<Lexicon, WordTable>();
export const FEATURE_TABLE_LIMIT = 10_000;
/** Slots of the recent-word cache: 2 ** 14, the `>>> 18` of the slot's hash. */
const RECENT_WORDS = 16_384;

export function wordTable(lexicon: Lexicon): WordTable {
  let table = wordTables.get(lexicon);
  if (!table) {
    table = { lexicon, words: new BoundedCache(FEATURE_TABLE_LIMIT), ascii: new Array<WordFeatures | undefined>(128).fill(undefined), recent: new Array<WordFeatures | undefined>(RECENT_WORDS).fill(undefined) };
    wordTables.set(lexicon, table);
  }
  return table;
}

/**
 * The features of the word text[from, to). Before the table, a small direct-mapped cache of recent words keyed by
 * the word's length and its first, second, middle and last characters: a hit (the common words of news) is checked character by
 * character against the span, with no string cut out and no hashing of it; a miss (or another word with the same
 * key) goes to the table and takes the slot.
 */
export function featuresAt(table: WordTable, text: string, from: number, to: number): WordFeatures {
  const length = to - from;
  const first = text.charCodeAt(from);
  if (length === 1 && first < 128) return table.ascii[first] ??= classify(text.charAt(from), table.lexicon);
  const last = text.charCodeAt(to - 1);
  // (Any key would do: a hit is checked. With 16,384 slots (128 KB) and the middle character, a seed-like article's words
  // miss 8 times, against 32 with 4,096 slots and no middle character: a miss costs a string and a map lookup.)
  const second = text.charCodeAt(from + 1);
  const middle = text.charCodeAt(from + (length >> 1));
  const slot = (Math.imul(length, 0x9e3779b1) ^ Math.imul(first, 0x85ebca6b) ^ Math.imul(second, 0x27d4eb2f) ^ Math.imul(last, 0xc2b2ae35) ^ Math.imul(middle, 0x165667b1)) >>> 18;
  const recent = table.recent[slot];
  if (recent !== undefined && recent.text.length === length && sameText(recent.text, text, from, length)) return recent;
  const word = text.slice(from, to);
  let features = table.words.get(word);
  if (!features) {
    features = classify(word, table.lexicon);
    table.words.set(word, features);
  }
  table.recent[slot] = features;
  return features;
}

function sameText(word: string, text: string, from: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (word.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

/** The features of the word `word` (no table). */
export function classify(word: string, lexicon: Lexicon): WordFeatures {
  const w = lowerOf(word);
  const caseLower = word.toLowerCase();
  const orgNoun = /^\p{Ll}/u.test(word) && lexicon.orgNouns.has(word);
  const roleWord = lexicon.roles.has(w) || lexicon.roles.has(w.replace(/-elect$/, '')) || lexicon.roleModifiers.has(w)
    || lexicon.pluralRoles.has(w) || orgNoun;
  const plainNoun = /^\p{Ll}[\p{Ll}-]*$/u.test(word) && !lexicon.determiners.has(w) && !lexicon.prepositions.has(w)
    && !lexicon.auxiliaries.has(w) && !lexicon.be.has(w) && !lexicon.conjunctions.has(w) && !lexicon.clauseOpeners.has(w) && !lexicon.subordinators.has(w) && !lexicon.cueForms.has(w) && !/ly$/.test(w)
    && w !== 'that' && w !== 'who' && !lexicon.personPronouns.has(w) && !lexicon.orgPronouns.has(w) && !lexicon.pluralPronouns.has(w)
    && !(w.length > 4 && /ed$/.test(w)); // "quoted", "added": verbs, not nouns
  const capitalized = isCapitalized(word);
  const alPrefix = /^(?:al|el|ad|bin|ibn|bint)-\p{Lu}/u.test(word);
  let name: WordFeatures['name'] = 0;
  if (alPrefix) name = 3;
  // Lower-case name particles: "Kees de Vries", "Ursula von der Leyen".
  else if (lexicon.nameParticles.has(word)) name = 1;
  else if (capitalized && /^[\p{L}]/u.test(word)) name = lexicon.notNames.has(word) && !lexicon.titles.has(word) ? 2 : 3;
  const acronym = isAcronym(word);
  const tailStop = !capitalized || lexicon.titles.has(word) || lexicon.roles.has(caseLower) || lexicon.notNames.has(word) || lexicon.orgKeywords.has(word)
    || lexicon.places.has(word) || acronym || caseLower === 'of';
  const bits: Array<[number, boolean]> = [
    [ORG_NOUN, orgNoun],
    [ROLE_WORD, roleWord],
    [PLAIN_NOUN, plainNoun],
    [PRONOUN, lexicon.personPronouns.has(w) || lexicon.orgPronouns.has(w) || lexicon.pluralPronouns.has(w)],
    [MAY_CUE, lexicon.cueForms.has(w) || lexicon.nounCues.has(w) || lexicon.according.some((phrase) => phrase[0] === w)],
    [DEMONYM, lexicon.demonyms.has(word)],
    [NOT_NAME, lexicon.notNames.has(word)],
    [ORG_KEYWORD, lexicon.orgKeywords.has(word)],
    [PLACE, lexicon.places.has(word)],
    [TITLE, lexicon.titles.has(word)],
    [PARTICLE, lexicon.nameParticles.has(word)],
    [CAPITALIZED, capitalized],
    [LOWER_INITIAL, /^\p{Ll}/u.test(word)],
    [ACRONYM, acronym],
    [ARTICLE, w === 'the' || w === 'a' || w === 'an'],
    [TAIL_STOP, tailStop],
    [AL_PREFIX, alPrefix],
    [REGNAL, /^(?:II|III|IV|VI{0,3}|Jr\.?|Sr\.?)$/u.test(word)],
    [PERSON_ROLE, lexicon.roles.has(w.replace(/-elect$/, ''))],
    [HAS_ROLE, lexicon.roles.has(caseLower) || lexicon.roles.has(caseLower.replace(/-elect$/, '')) || lexicon.pluralRoles.has(caseLower)],
    [OF_FOR_ON, caseLower === 'of' || caseLower === 'for' || caseLower === 'on'],
    [ROLE_MODIFIER, lexicon.roleModifiers.has(w)],
    [LETTER_OR_DIGIT, /[\p{L}\p{N}]/u.test(word)],
    [NAME_RUN, capitalized || /^[-‐]/.test(word) || CONNECTORS.has(word)],
    [ROLE_ANY, lexicon.roles.has(caseLower.replace(/[-‐]elect$/, '')) || lexicon.roles.has(caseLower)],
    [ORG_NOUN_SET, lexicon.orgNouns.has(word)],
    [BE, lexicon.be.has(w)],
    [BE_ADVERB, /^(?:\p{Ll}+ly|not|n't|also|still|long|already)$/u.test(w)],
    [DETERMINER, lexicon.determiners.has(w)],
    [ARTICLE_WORD, /^(?:the|a|an)$/i.test(word)],
  ];
  let flags = 0;
  for (const [bit, on] of bits) if (on) flags |= bit;
  if ((flags & (ROLE_WORD | DEMONYM | NOT_NAME | PLAIN_NOUN | ARTICLE | PRONOUN)) !== 0 || name === 1 || name === 3) flags |= MAY_OPEN;
  return {
    text: word, lower: w, caseLower, flags, name, symbol: symbolOf(word, w, lexicon), tagFacts: 0,
    cueForms: lexicon.cueForms.get(w), nounCue: lexicon.nounCues.get(w),
  };
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

/**
 * A compromise fact of the word: kept with the word once asked. (`ask` is a constant taking the word: a closure over
 * it, made at each call, would cost an object per question, answered from the word or not.)
 */
function tagFact(features: WordFeatures, fact: number, ask: (features: WordFeatures) => boolean): boolean {
  const known = features.tagFacts >> fact;
  if (known & 1) return (known & 2) !== 0;
  const value = ask(features);
  features.tagFacts |= (value ? 3 : 1) << fact;
  return value;
}

// What each fact asks compromise (see `tagFact`), once per word.
const askFunctionWord = (f: WordFeatures): boolean => {
  const tags = tagsOf(f.caseLower);
  return !tags.has('Noun') && (tags.has('Preposition') || tags.has('Adverb') || tags.has('Determiner') || tags.has('Conjunction'));
};
const askCommonWord = (f: WordFeatures): boolean => {
  const tags = tagsOf(f.caseLower);
  return !tags.has('FirstName') && !tags.has('Person') && !tags.has('Place')
    && ['Noun', 'Verb', 'Adjective', 'Adverb'].some((tag) => tags.has(tag));
};
const askKnownOrganization = (f: WordFeatures): boolean => tagsOf(f.text).has('Organization');
const askPluralCommonNoun = (f: WordFeatures): boolean => {
  if ((f.flags & (ORG_KEYWORD | PLACE)) !== 0 || !f.text.endsWith('s')) return false;
  const tags = tagsOf(f.caseLower);
  return tags.has('Plural') && !tags.has('Person');
};

/** A preposition, adverb, determiner or conjunction in compromise's lexicon ("Over", "Nearly", "Some"), never a name. */
export const isFunctionWord = (f: WordFeatures): boolean => tagFact(f, FUNCTION_WORD, askFunctionWord);

/** A common noun, verb or adjective and not a first name ("Substitute", not "Mark"). */
export const isCommonWord = (f: WordFeatures): boolean => tagFact(f, COMMON_WORD, askCommonWord);

/** A one-word company compromise knows ("Google", "Walmart"). */
export const isKnownOrganization = (f: WordFeatures): boolean => tagFact(f, KNOWN_ORGANIZATION, askKnownOrganization);

/** A plural common noun ("Residents"), not a surname ("Hughes"). */
export const isPluralCommonNoun = (f: WordFeatures): boolean => tagFact(f, PLURAL_COMMON_NOUN, askPluralCommonNoun);
