/**
 * The language an article is written in, detected with franc-min on a bounded prefix of its text. The rules
 * (cue verbs, roles, pronouns, word classes) read English only: an article in another language would come out
 * with quotes and no speakers, so the run reports it as `unsupported-language` unless `--any-language` is given.
 */
import { francAll } from 'franc-min';

/** Characters of the text the detector reads: enough to tell, and the cost stays flat for long articles. */
const SAMPLE_CHARS = 2_000;
/** Fewer letters than this is too short to tell; such text is treated as English. */
const MIN_LETTERS = 120;
/** franc scores the best language 1; English this close behind it is still taken for English (short news English is sometimes read as Scots or Swahili). */
const ENGLISH_MARGIN = 0.9;

const NAMES: Record<string, string> = {
  eng: 'English', rus: 'Russian', ukr: 'Ukrainian', bel: 'Belarusian', bul: 'Bulgarian', srp: 'Serbian', hrv: 'Croatian',
  bos: 'Bosnian', pol: 'Polish', ces: 'Czech', slk: 'Slovak', deu: 'German', fra: 'French', spa: 'Spanish',
  por: 'Portuguese', ita: 'Italian', nld: 'Dutch', swe: 'Swedish', ron: 'Romanian', hun: 'Hungarian', tur: 'Turkish',
  ell: 'Greek', arb: 'Arabic', pes: 'Persian', heb: 'Hebrew', hin: 'Hindi', ben: 'Bengali', urd: 'Urdu',
  cmn: 'Chinese', jpn: 'Japanese', kor: 'Korean', vie: 'Vietnamese', ind: 'Indonesian', zlm: 'Malay', tha: 'Thai',
  swh: 'Swahili', tgl: 'Tagalog', azj: 'Azerbaijani', uzn: 'Uzbek', kaz: 'Kazakh',
};

/** `rus` → `Russian (rus)`. */
export function languageName(code: string): string {
  const name = NAMES[code];
  return name ? `${name} (${code})` : code;
}

/** The commonest English function words: in English news they are about two words in five. */
const ENGLISH_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'for', 'on', 'was', 'with', 'said', 'as', 'by', 'it', 'at', 'he', 'she', 'from', 'his', 'her', 'be', 'are', 'were', 'has', 'have', 'had', 'not', 'this', 'an', 'will', 'which', 'who', 'but', 'they', 'their', 'been', 'would', 'its']);

/** The longest of ENGLISH_FUNCTION_WORDS: a longer word is none of them. */
const LONGEST_FUNCTION_WORD = Math.max(...[...ENGLISH_FUNCTION_WORDS].map((word) => word.length));
const LETTER = /\p{L}/u;

/** UTF-16 units of a code point (a lone surrogate is one, as the regexes read it). */
const widthOf = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** Whether a code point is a letter (category L): ASCII by its value, the rest by the regex. */
function isLetter(codePoint: number): boolean {
  if (codePoint < 128) return (codePoint >= 97 && codePoint <= 122) || (codePoint >= 65 && codePoint <= 90);
  return LETTER.test(String.fromCodePoint(codePoint));
}

const LOWER_A = 97;
const LOWER_Z = 122;
/** a → 1 … z → 26: five bits, never 0, so words of different lengths get different keys. */
const letterNumber = (unit: number): number => unit - LOWER_A + 1;
// Six letters fill 30 bits of a 32-bit integer; a longer function word would wrap and share keys.
if (LONGEST_FUNCTION_WORD > 6) throw new Error(`function words of up to 6 letters fit a key, not ${LONGEST_FUNCTION_WORD}`);
/**
 * A lower-case ASCII word of at most six letters as a number (five bits a letter, the first lowest): function
 * words are looked up by it, without cutting each word out of the sample.
 */
function wordKey(word: string): number {
  let key = 0;
  for (let k = 0; k < word.length; k++) key |= letterNumber(word.charCodeAt(k)) << (5 * k);
  return key;
}
const FUNCTION_WORD_KEYS: ReadonlySet<number> = new Set([...ENGLISH_FUNCTION_WORDS].map(wordKey));
const THE_KEY = wordKey('the');

/**
 * The words of a sample, its English function words and its "the"s. The words are the runs of letters of the
 * lower-cased sample, as `/\p{L}+/gu` finds them, read in one pass without an array of them
 * (test/input/language.test.ts holds the counts to the regex's). After lower-casing, an ASCII letter is a-z.
 */
export function englishWordCounts(sample: string): { words: number; functionWords: number; the: number } {
  const lower = sample.toLowerCase();
  const length = lower.length;
  let words = 0;
  let functionWords = 0;
  let the = 0;
  let at = 0;
  while (at < length) {
    const unit = lower.charCodeAt(at);
    if (unit < 128) {
      if (unit < LOWER_A || unit > LOWER_Z) {
        at++;
        continue;
      }
    } else {
      const codePoint = lower.codePointAt(at) as number;
      if (!isLetter(codePoint)) {
        at += widthOf(codePoint);
        continue;
      }
    }
    // A run of letters: its key while it is short and ASCII (every function word is).
    let key = 0;
    let letters = 0;
    let ascii = true;
    while (at < length) {
      const next = lower.charCodeAt(at);
      if (next >= LOWER_A && next <= LOWER_Z) {
        if (letters < LONGEST_FUNCTION_WORD) key |= letterNumber(next) << (5 * letters);
        letters++;
        at++;
        continue;
      }
      if (next < 128) break;
      const codePoint = lower.codePointAt(at) as number;
      if (!isLetter(codePoint)) break;
      ascii = false;
      at += widthOf(codePoint);
    }
    words++;
    if (ascii && letters <= LONGEST_FUNCTION_WORD) {
      if (FUNCTION_WORD_KEYS.has(key)) functionWords++;
      if (key === THE_KEY) the++;
    }
  }
  return { words, functionWords, the };
}

/**
 * Plainly English text, told without franc (which costs about 2 ms an article): many words of the sample are
 * English function words, and "the" among them often. No other language's text comes near both.
 */
function plainlyEnglish(sample: string): boolean {
  const { words, functionWords, the } = englishWordCounts(sample);
  if (words < 40) return false;
  return functionWords >= 0.25 * words && the >= 0.03 * words;
}

/** Whether `text` holds at least `wanted` letters (code points of category L): counting stops there. */
export function hasLettersAtLeast(text: string, wanted: number): boolean {
  let letters = 0;
  for (let at = 0; at < text.length && letters < wanted;) {
    const codePoint = text.codePointAt(at) as number;
    if (isLetter(codePoint)) letters++;
    at += widthOf(codePoint);
  }
  return letters >= wanted;
}

/** ISO 639-3 code of the text's language, or `und` when the text is too short to tell. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (!hasLettersAtLeast(sample, MIN_LETTERS)) return 'und';
  if (plainlyEnglish(sample)) return 'eng';
  const ranked = francAll(sample, { minLength: MIN_LETTERS });
  const best = ranked[0]?.[0] ?? 'und';
  if (best === 'eng' || best === 'und') return best;
  const english = ranked.find(([code]) => code === 'eng')?.[1] ?? 0;
  return english >= ENGLISH_MARGIN ? 'eng' : best;
}

/** Whether the rules can read text in this language (text too short to tell counts as English). */
export function rulesRead(language: string): boolean {
  return language === 'eng' || language === 'und';
}
