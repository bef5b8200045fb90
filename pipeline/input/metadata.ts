/**
 * What an article states about itself (title, date, author) and where each came from. A field the source does
 * not state stays absent: a guess is worse than a null in a table someone filters by date.
 */
import { normaliseDate } from './date.ts';

// Where title, date and author came from (articles' `title_source` …): the output schema owns the value lists.
export type { AuthorSource, DateSource, TitleSource } from '../schema/records.ts';
import type { AuthorSource, DateSource, TitleSource } from '../schema/records.ts';

export interface StatedMetadata {
  title?: string;
  titleSource?: TitleSource;
  date?: string;
  dateSource?: DateSource;
  author?: string;
  authorSource?: AuthorSource;
  url?: string;
}

/** Meta keys (lower-cased) that state the publication date, best first. */
const DATE_META_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'article:published',
  'published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date',
  'publication_date', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.date', 'dcterms.issued',
  'dcterms.created', 'citation_publication_date', 'citation_date', 'sailthru.date', 'parsely-pub-date',
  'article.published', 'displaydate',
];
const TITLE_META_KEYS = ['og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'headline', 'parsely-title', 'sailthru.title', 'title'];
const AUTHOR_META_KEYS = ['author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'citation_author'];
/** schema.org types whose `headline`, `datePublished` and `author` describe the article itself. */
const ARTICLE_TYPES = /(^|[/#:])(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|WebPage)$/;

const clean = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
};

/** "By Jane Doe" → "Jane Doe"; a profile URL is not a name. */
function authorName(value: unknown): string | undefined {
  const s = clean(value);
  if (!s || /^https?:\/\//i.test(s)) return undefined;
  return s.replace(/^by\s+/i, '');
}

function authorsOf(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((a) => (typeof a === 'object' && a !== null ? authorName((a as Record<string, unknown>).name) : authorName(a)))
    .filter((n): n is string => n !== undefined);
  return names.length > 0 ? [...new Set(names)].join(', ') : undefined;
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** Every object in a JSON-LD value that is typed as an article (`@graph` and arrays included), WebPage last. */
function articleNodes(value: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const pages: Array<Record<string, unknown>> = [];
  const stack: unknown[] = [value];
  // Bounded walk: JSON-LD is small, but a page may hold anything.
  for (let steps = 0; stack.length > 0 && steps < 10_000; steps++) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const types = typesOf(record);
    if (types.some((t) => ARTICLE_TYPES.test(t))) (types.every((t) => /WebPage$/.test(t)) ? pages : found).push(record);
    if (record['@graph'] !== undefined) stack.push(record['@graph']);
    if (record.mainEntity !== undefined) stack.push(record.mainEntity);
  }
  return [...found, ...pages];
}

export interface HtmlMetadataInput {
  meta: Map<string, string>;
  jsonLd: string[];
  title?: string;
  time?: string;
  canonical?: string;
}

/** Title, date, author and url of an HTML page: JSON-LD first, then `<meta>` tags, then `<title>` and `<time>`. */
export function htmlMetadata(page: HtmlMetadataInput, fallbackTitle?: string): StatedMetadata {
  const result: StatedMetadata = {};
  const nodes = page.jsonLd.flatMap((raw) => {
    try {
      return articleNodes(JSON.parse(raw));
    } catch {
      return []; // Broken JSON-LD is common; the <meta> tags still count.
    }
  });
  for (const node of nodes) {
    const title = clean(node.headline) ?? (typesOf(node).some((t) => /WebPage$/.test(t)) ? undefined : clean(node.name));
    if (title && !result.title) Object.assign(result, { title, titleSource: 'json-ld' });
    const date = normaliseDate(clean(node.datePublished));
    if (date && !result.date) Object.assign(result, { date, dateSource: 'json-ld' });
    const author = authorsOf(node.author);
    if (author && !result.author) Object.assign(result, { author, authorSource: 'json-ld' });
  }
  const firstMeta = (keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = clean(page.meta.get(key));
      if (value) return value;
    }
    return undefined;
  };
  if (!result.title) {
    const title = firstMeta(TITLE_META_KEYS);
    if (title) Object.assign(result, { title, titleSource: 'meta' });
    else {
      const htmlTitle = clean(fallbackTitle) ?? clean(page.title);
      if (htmlTitle) Object.assign(result, { title: htmlTitle, titleSource: 'html-title' });
    }
  }
  if (!result.date) {
    const date = normaliseDate(firstMeta(DATE_META_KEYS));
    if (date) Object.assign(result, { date, dateSource: 'meta' });
    else {
      const time = normaliseDate(page.time);
      if (time) Object.assign(result, { date: time, dateSource: 'time-element' });
    }
  }
  if (!result.author) {
    for (const key of AUTHOR_META_KEYS) {
      const author = authorName(page.meta.get(key));
      if (author) {
        Object.assign(result, { author, authorSource: 'meta' });
        break;
      }
    }
  }
  const url = clean(page.canonical) ?? clean(page.meta.get('og:url'));
  if (url) result.url = url;
  return result;
}
