/**
 * Dates as stated by a source → `YYYY-MM-DD`. The calendar date is taken as written (a time and zone after
 * it are ignored), so `2024-03-05T23:30:00-05:00` is `2024-03-05`, not the next day in UTC. Strings that do
 * not read as a calendar date ("yesterday", or an ambiguous one such as `03/05/2024`) give no date: articles.jsonl
 * promises `YYYY-MM-DD` or null, and one stray string would make a notebook's whole date column text.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

function format(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` for a parseable date; `undefined` for anything else. */
export function normaliseDate(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const s = raw.trim();
  if (s === '') return undefined;

  // 2024-03-05, 2024/03/05, 2024.03.05, optionally followed by a time: the date as written.
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s);
  if (m) return format(Number(m[1]), Number(m[2]), Number(m[3]));
  // 20240305 or 20240305T101500Z
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (m) return format(Number(m[1]), Number(m[2]), Number(m[3]));
  // "5 March 2024", "Tue, 05 Mar 2024 10:00:00 GMT" (English month names only)
  m = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month) return format(Number(m[3]), month, Number(m[1]));
  }
  // "March 5, 2024", "Tuesday, March 5th 2024"
  m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month) return format(Number(m[3]), month, Number(m[2]));
  }
  return undefined;
}
