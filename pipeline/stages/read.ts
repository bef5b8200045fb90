/** Stage 1: paragraphs, boilerplate lines, title and date. The text itself is never changed. */
import type { ArticleContext, Paragraph, Stage } from '../context.ts';
import type { Lexicon } from '../lexicon.ts';
import type { StatedMetadata } from '../input/metadata.ts';
import { datelineDate, frontMatter, headerLineDate, looksLikeHeadline, markdownHeading } from './stated.ts';
import { isSpaceAt } from '../engine/chars.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

interface FoundDate {
  iso: string;
  match: string;
}

/** A date as the article states it: "date 2016-12-22", "Wed Dec 21, 2016 6:13PM", "December 21, 2016", "21 December 2016". */
export function findDate(line: string): FoundDate | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(line);
  if (iso) return { iso: `${iso[1]}-${iso[2]}-${iso[3]}`, match: iso[0] };
  const monthFirst = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(line);
  if (monthFirst) {
    const month = monthIndex(monthFirst[1] ?? '');
    return { iso: `${monthFirst[3]}-${pad(month + 1)}-${pad(Number(monthFirst[2]))}`, match: monthFirst[0] };
  }
  const dayFirst = /\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})\b/.exec(line);
  if (dayFirst) {
    const month = monthIndex(dayFirst[2] ?? '');
    return { iso: `${dayFirst[3]}-${pad(month + 1)}-${pad(Number(dayFirst[1]))}`, match: dayFirst[0] };
  }
  return null;
}


/** Every non-empty line is a paragraph; "\r\n", "\r" and "\n" all end a line. */
export function splitParagraphs(text: string, lexicon: Lexicon): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const { boilerplate } = lexicon;
  const push = (from: number, to: number): void => {
    let start = from;
    let end = to;
    while (start < end && isSpaceAt(text, start)) start++;
    while (end > start && isSpaceAt(text, end - 1)) end--;
    if (end <= start) return;
    const line = text.slice(start, end);
    let isBoilerplate = false;
    for (let k = 0; k < boilerplate.length && !isBoilerplate; k++) isBoilerplate = (boilerplate[k] as RegExp).test(line);
    paragraphs.push({ index: paragraphs.length, start, end, boilerplate: isBoilerplate });
  };
  // Line ends found by indexOf (no match object per line). The next "\n" and the next "\r" are each looked for
  // again only once the line start has passed them, so the text is read once, whichever of them it uses.
  let newline = text.indexOf('\n');
  let ret = text.indexOf('\r');
  let lineStart = 0;
  for (;;) {
    if (newline >= 0 && newline < lineStart) newline = text.indexOf('\n', lineStart);
    if (ret >= 0 && ret < lineStart) ret = text.indexOf('\r', lineStart);
    const at = ret >= 0 && (newline < 0 || ret < newline) ? ret : newline;
    if (at < 0) break;
    push(lineStart, at);
    lineStart = at === ret && text.charCodeAt(at + 1) === 0x0a ? at + 2 : at + 1;
  }
  push(lineStart, text.length);
  return paragraphs;
}

const HEADING_MAX = 200;

/** Copies stated metadata into the context where the input layer stated none. */
function adopt(ctx: ArticleContext, stated: StatedMetadata): void {
  if (stated.title && !ctx.title) { ctx.title = stated.title; ctx.titleSource = stated.titleSource ?? null; }
  if (stated.date && !ctx.date) { ctx.date = stated.date; ctx.dateSource = stated.dateSource ?? null; }
  if (stated.author && !ctx.author) { ctx.author = stated.author; ctx.authorSource = stated.authorSource ?? null; }
}

export function readStage(lexicon: Lexicon): Stage {
  return {
    name: 'read',
    run(ctx: ArticleContext): void {
      ctx.paragraphs = splitParagraphs(ctx.text, lexicon);
      const front = frontMatter(ctx.text);
      if (front) {
        adopt(ctx, front);
        // Front matter is metadata, never article text: no quotes come from it.
        for (const paragraph of ctx.paragraphs) if (paragraph.start < front.end) paragraph.boilerplate = true;
      }
      // The header: lines before the first body paragraph (one that reads as prose). Its first line that reads as a
      // headline is the title; a line that states a date there is the date. In the body only a dateline counts.
      let dateDone = ctx.date !== null;
      let titleDone = ctx.title !== null;
      for (let k = 0; k < ctx.paragraphs.length && k < 15; k++) {
        const paragraph = ctx.paragraphs[k] as Paragraph;
        if (paragraph.boilerplate) continue;
        const line = ctx.text.slice(paragraph.start, paragraph.end);
        const heading = markdownHeading(line);
        const prose = heading === undefined && (/[.!?]["”’]?$/.test(line) || line.length > HEADING_MAX);
        if (prose) {
          if (!dateDone) {
            const date = datelineDate(line);
            if (date) adopt(ctx, { date, dateSource: 'dateline' });
          }
          break;
        }
        const date = heading === undefined ? headerLineDate(line) : undefined;
        if (date) {
          if (!dateDone) adopt(ctx, { date, dateSource: 'header-line' });
          dateDone = true;
          continue;
        }
        if (!titleDone && heading !== undefined) {
          adopt(ctx, { title: heading, titleSource: 'markdown-heading' });
          titleDone = true;
        } else if (!titleDone && !/^[-•*+]\s/.test(line) && looksLikeHeadline(line)) {
          adopt(ctx, { title: line, titleSource: 'first-line' });
          titleDone = true;
        }
      }
    },
  };
}
