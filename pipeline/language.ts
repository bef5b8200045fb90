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

/**
 * Plainly English text, told without franc (which costs about 2 ms an article): many words of the sample are
 * English function words, and "the" among them often. No other language's text comes near both.
 */
function plainlyEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 40) return false;
  let functionWords = 0;
  let the = 0;
  for (const word of words) {
    if (ENGLISH_FUNCTION_WORDS.has(word)) functionWords++;
    if (word === 'the') the++;
  }
  return functionWords >= 0.25 * words.length && the >= 0.03 * words.length;
}

/** Letters (code points of category L) in `text`, without an array of one-letter strings. */
function letterCount(text: string): number {
  const letters = text.replace(/\P{L}+/gu, '');
  let pairs = 0;
  for (let k = 0; k < letters.length; k++) {
    const code = letters.charCodeAt(k);
    if (code >= 0xdc00 && code <= 0xdfff) pairs++;
  }
  return letters.length - pairs;
}

/** ISO 639-3 code of the text's language, or `und` when the text is too short to tell. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (letterCount(sample) < MIN_LETTERS) return 'und';
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
