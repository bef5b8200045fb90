/**
 * Title, date and author as a plain-text or Markdown article states them about itself: YAML front matter, a
 * Markdown heading, a headline on the first line, a date line above the body, or a dateline opening the first
 * paragraph ("WASHINGTON, March 3 (Reuters) -"). Dates inside the body's prose are never taken: "the attacks of
 * September 11, 2001" is history, not the day the article was published.
 */
import { parse as parseYaml } from 'yaml';
import type { AuthorSource, DateSource, StatedMetadata, TitleSource } from '../input/metadata.ts';
import { normaliseDate } from '../input/date.ts';

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function iso(year: string, month: string, day: string): string | undefined {
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
  const d = Number(day);
  if (m < 1 || d < 1 || d > 31) return undefined;
  return `${year}-${pad(m)}-${pad(d)}`;
}

/** A date written out: ISO, "March 3, 2021", "3 March 2021"; the year is required. */
const DATE = new RegExp(`(?:(\\d{4})-(\\d{2})-(\\d{2})|(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})|(\\d{1,2})\\s+(${MONTH})\\.?,?\\s+(\\d{4}))(?!\\d)`, 'i');

function dateOf(m: RegExpExecArray, offset = 0): string | undefined {
  if (m[offset + 1]) return normaliseDate(`${m[offset + 1]}-${m[offset + 2]}-${m[offset + 3]}`);
  if (m[offset + 4]) return iso(m[offset + 6]!, m[offset + 4]!, m[offset + 5]!);
  if (m[offset + 7]) return iso(m[offset + 9]!, m[offset + 8]!, m[offset + 7]!);
  return undefined;
}

/**
 * A line above the body that states the date: the date comes first, or after labels, weekdays and times only
 * ("Wed Dec 21, 2016 6:13PM", "Published: March 3, 2021", "date 2016-12-22 Story highlights").
 */
const HEADER_DATE = new RegExp(
  `^(?:(?:published|updated|posted|first published|last updated|date|dated|on|[A-Z][a-z]{2,5}day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?(?:\\s+[A-Z]{2,4})?)[\\s,:|•·-]*)*${DATE.source}`,
  'i',
);

/**
 * A dateline: an optional place in capitals, a date, an optional agency, a dash ("WASHINGTON, March 3 (Reuters) -",
 * "March 3, 2025 —", "LONDON, 3 March 2025 (AP) –"). Without a year it names no date we can write down.
 */
const DATELINE = new RegExp(
  `^(?:[A-Z][A-Z.'’ -]{1,40}(?:,\\s*[A-Z][A-Za-z.]{1,20}){0,2},\\s*)?(?:(?:${DATE.source})|(?:${MONTH})\\.?\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH}\\.?)\\s*(?:\\([^()]{1,30}\\)\\s*)?[-–—]{1,2}\\s`,
  'i',
);

export function headerLineDate(line: string): string | undefined {
  if (line.length > 120) return undefined;
  const m = HEADER_DATE.exec(line);
  return m ? dateOf(m) : undefined;
}

/** The date of a dateline opening `paragraph`; `null` for a dateline without a year; `undefined` for none. */
export function datelineDate(paragraph: string): string | null | undefined {
  const m = DATELINE.exec(paragraph.slice(0, 160));
  if (!m) return undefined;
  return dateOf(m) ?? null;
}

/** A sports result ("Rovers 3, United 1", "Rovers 3-1 United") or a byline is no headline. */
export function looksLikeHeadline(line: string): boolean {
  if (line.length > 200 || line.split(/\s+/).length < 3) return false;
  if (/^by\s/i.test(line)) return false;
  if (/^[^\d]+\s\d{1,3}\s*[,;]\s*[^\d]+\s\d{1,3}$/.test(line)) return false;
  if (/(^|\s)\d{1,3}\s*[-–—:]\s*\d{1,3}(\s|$)/.test(line)) return false;
  return /\p{L}/u.test(line);
}

/** "# Title", "## Title #" → "Title". */
export function markdownHeading(line: string): string | undefined {
  const m = /^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
  const text = m?.[1]?.trim();
  return text ? text : undefined;
}

export interface FrontMatter extends StatedMetadata {
  /** End of the front matter in the text (after its closing `---` line). */
  end: number;
}

const str = (value: unknown): string | undefined => {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  return s === '' ? undefined : s;
};

/** YAML front matter (`---` … `---` opening the text), read with the `yaml` package; `undefined` when there is none. */
export function frontMatter(text: string): FrontMatter | undefined {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(open[0].length, open[0].length + 65_536);
  const m = close.exec(rest);
  if (!m) return undefined;
  const end = open[0].length + m.index + m[0].length;
  const result: FrontMatter = { end };
  let data: unknown;
  try {
    data = parseYaml(rest.slice(0, m.index), { maxAliasCount: 10 });
  } catch {
    return result; // Not YAML after all: the lines are still front matter, not article text.
  }
  if (typeof data !== 'object' || data === null) return result;
  const record = data as Record<string, unknown>;
  const title = str(record.title) ?? str(record.headline);
  if (title) Object.assign(result, { title, titleSource: 'front-matter' satisfies TitleSource });
  const date = normaliseDate(str(record.date) ?? str(record.published) ?? str(record.datePublished));
  if (date) Object.assign(result, { date, dateSource: 'front-matter' satisfies DateSource });
  const authors = Array.isArray(record.author) ? record.author.map(str).filter(Boolean).join(', ') : str(record.author);
  if (authors) Object.assign(result, { author: authors, authorSource: 'front-matter' satisfies AuthorSource });
  return result;
}
