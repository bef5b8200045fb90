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

/** ISO 639-3 code of the text's language, or `und` when the text is too short to tell. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return 'und';
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
