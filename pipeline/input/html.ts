/**
 * HTML → article text. The markup is parsed with linkedom and the article found by @mozilla/readability
 * (falling back to the whole body when it finds nothing); the text is then read off the DOM one block
 * (p, h1–h6, li, blockquote, div…) per line. No regular expression ever looks at markup.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normaliseDate } from './date.ts';

export interface HtmlArticle {
  /** Blocks joined by `\n`; may be empty when the document has no text. */
  text: string;
  title?: string;
  date?: string;
  url?: string;
}

/**
 * Readability's run time grows with the element count (it retries up to four times on pages it finds thin):
 * on larger documents it is skipped and the body is read directly, so no file can stall a run.
 */
const MAX_READABILITY_ELEMENTS = 40_000;
/** Likewise past this nesting depth, which no real page comes close to. */
const MAX_READABILITY_DEPTH = 400;
/** Bytes of the document searched for a `<meta charset>` declaration. */
const CHARSET_PRESCAN_BYTES = 16384;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'button', 'input', 'textarea', 'map',
]);

/** Meta keys (name/property/itemprop/http-equiv, lower-cased) that state the publication date, best first. */
const DATE_META_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'article:published',
  'published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date',
  'publication_date', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.date', 'dcterms.issued',
  'dcterms.created', 'citation_publication_date', 'citation_date', 'sailthru.date', 'parsely-pub-date',
  'article.published', 'displaydate',
];

const HTML_WHITESPACE = /[ \t\n\f\r]+/g;

function parseDocument(html: string): Document {
  let { document } = parseHTML(html);
  // linkedom makes the first element the root of a fragment (no <html>); give it a real document.
  if (document.documentElement?.localName?.toLowerCase() !== 'html') {
    ({ document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`));
  }
  return document as unknown as Document;
}

function elementName(node: Node): string {
  return ((node as Element).localName ?? (node as Element).tagName ?? '').toLowerCase();
}

/** The text under `root`, one block element per line, whitespace collapsed inside a line, blank lines dropped. */
export function blockText(root: Node): string {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    const line = current.replace(HTML_WHITESPACE, ' ').trim();
    if (line !== '') lines.push(line);
    current = '';
  };
  // Iterative walk (documents can nest deeper than the call stack): `exit` frames close a block.
  const stack: Array<{ node: Node; pre: boolean; exit?: boolean }> = [{ node: root, pre: false }];
  while (stack.length > 0) {
    const { node, pre: inPre, exit } = stack.pop()!;
    if (exit) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      const data = node.nodeValue ?? '';
      if (!inPre) {
        current += data;
        continue;
      }
      data.split(/\r\n|\r|\n/).forEach((part, i) => {
        if (i > 0) flush();
        current += part;
      });
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeType === 1 ? elementName(node) : '';
    if (SKIP.has(name)) continue;
    if (node.nodeType === 1 && (node as Element).hasAttribute?.('hidden')) continue;
    if (name === 'br') {
      flush();
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push({ node, pre: inPre, exit: true });
    }
    const pre = inPre || name === 'pre';
    const children: Node[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, pre });
  }
  flush();
  return lines.join('\n');
}

/**
 * Whether Readability should be spared this document: more than {@link MAX_READABILITY_ELEMENTS} elements or
 * nesting deeper than {@link MAX_READABILITY_DEPTH}. (Readability's own `maxElemsToParse` check relies on
 * `getElementsByTagName('*')`, which linkedom answers with an empty list, so the limit is enforced here.)
 */
function tooBigForReadability(root: Node): boolean {
  let elements = 0;
  const stack: Array<[Node, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_READABILITY_DEPTH || ++elements > MAX_READABILITY_ELEMENTS) return true;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function metaMap(document: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, content);
    }
  }
  return map;
}

const nonEmpty = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(HTML_WHITESPACE, ' ').trim();
  return t ? t : undefined;
};

/**
 * The encoding an HTML document declares in `<meta charset>` or `<meta http-equiv="Content-Type">`, read by
 * parsing its first bytes as Latin-1 (every byte maps to one character, and markup is ASCII).
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, CHARSET_PRESCAN_BYTES)).toString('latin1');
  const document = parseDocument(head);
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const charset = meta.getAttribute('charset')?.trim();
    if (charset) return charset;
    if (meta.getAttribute('http-equiv')?.trim().toLowerCase() === 'content-type') {
      // An attribute value such as `text/html; charset=iso-8859-1`.
      const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(meta.getAttribute('content') ?? '');
      if (m?.[1]) return m[1];
    }
  }
  return undefined;
}

export function extractHtml(html: string): HtmlArticle {
  const document = parseDocument(html);
  const meta = metaMap(document);

  let date: string | undefined;
  for (const key of DATE_META_KEYS) {
    const value = meta.get(key);
    if (value) {
      date = value;
      break;
    }
  }
  date ??= nonEmpty(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const pageTitle = nonEmpty(meta.get('og:title')) ?? nonEmpty(document.querySelector('title')?.textContent);
  const url = nonEmpty(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? nonEmpty(meta.get('og:url'));

  let text = '';
  let title: string | undefined;
  let body: Node | null = document.body ?? document.documentElement;
  if (!tooBigForReadability(document.documentElement)) {
    body = null; // Readability changes the document it reads; a fallback must parse afresh.
    try {
      const article = new Readability<Node>(document, {
        serializer: (node: Node) => node,
        maxElemsToParse: MAX_READABILITY_ELEMENTS,
      }).parse();
      if (article) {
        title = nonEmpty(article.title);
        if (article.content) text = blockText(article.content);
        date ??= nonEmpty(article.publishedTime);
      }
    } catch {
      // Readability failed on this document: the body fallback below still applies.
    }
  }
  if (text === '') {
    if (body === null) {
      const fresh = parseDocument(html);
      body = fresh.body ?? fresh.documentElement;
    }
    text = body ? blockText(body) : '';
  }
  const result: HtmlArticle = { text };
  const finalTitle = title ?? pageTitle;
  if (finalTitle !== undefined) result.title = finalTitle;
  const finalDate = normaliseDate(date);
  if (finalDate !== undefined) result.date = finalDate;
  if (url !== undefined) result.url = url;
  return result;
}
