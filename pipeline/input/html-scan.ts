/**
 * One linear pass over an HTML document with htmlparser2's tokenizer: the page's metadata (title, <meta>,
 * JSON-LD, canonical link, first <time datetime>), its size (elements, nesting depth), and a plain reading of
 * the body that leaves out navigation, asides, headers, footers, forms, comment sections and the like.
 *
 * Why not a DOM: building a tree costs more than linear time on hostile markup (200,000 unclosed nested tags
 * took linkedom 28 s, htmlparser2's own Parser 10 s: both insert at the front of their open-element stack).
 * The tokenizer keeps no stack; the one kept here is pushed and popped at the end, and a closing tag with no
 * open element of its name is ignored in O(1), so the pass is linear in the length of the document.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

export interface HtmlScan {
  /** Elements seen (void elements included). */
  elements: number;
  /** Deepest nesting of open elements (an estimate: implied closes of p, li, td… are applied). */
  maxDepth: number;
  /** The sum over elements of their nesting depth: what walking every element's ancestors or text would cost. */
  depthSum: number;
  /** `<meta>` content by lower-cased name, property, itemprop or http-equiv; the first wins. */
  meta: Map<string, string>;
  /** `<meta charset>` or the charset of `<meta http-equiv="Content-Type">`. */
  charset?: string;
  /** Text of `<title>`. */
  title?: string;
  /** Bodies of `<script type="application/ld+json">`. */
  jsonLd: string[];
  canonical?: string;
  /** `datetime` of the first `<time>` outside the parts left out of {@link HtmlScan.lines}. */
  time?: string;
  /** Body text one block per line, without navigation, asides, comment sections and other page furniture. */
  lines: string[];
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Never text: scripts, styles, media, form controls. */
const NOT_TEXT = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'button', 'input', 'textarea', 'map', 'title',
]);
/** Page furniture rather than the article. */
const FURNITURE = new Set(['nav', 'aside', 'header', 'footer', 'form', 'menu', 'dialog']);
const FURNITURE_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo', 'search', 'dialog', 'menu', 'menubar', 'alert']);
// Readability's own tests for class and id names of parts that are not the article, and of those that may be.
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|newsletter|cookie/i;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow/i;
const NEVER_UNLIKELY = new Set(['html', 'body', 'main', 'article', 'a']);

/**
 * Whether an element is page furniture rather than article: navigation, asides, headers, footers, forms, hidden
 * parts, and (by class or id, as Readability judges them) comment sections, share bars, related links and ads.
 */
export function isPageFurniture(name: string, attr: (name: string) => string | null): boolean {
  if (FURNITURE.has(name)) return true;
  if (attr('hidden') !== null || attr('aria-hidden') === 'true') return true;
  const role = attr('role')?.toLowerCase();
  if (role && FURNITURE_ROLES.has(role)) return true;
  if (NEVER_UNLIKELY.has(name)) return false;
  const names = `${attr('class') ?? ''} ${attr('id') ?? ''}`;
  return UNLIKELY.test(names) && !MAYBE.test(names);
}

/** Elements that start a new block of text (one line of the extracted text each). */
export const BLOCK: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
/** Opening one of these closes an open <p> (HTML's implied end tags, top of the stack only). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'ul', 'li', 'dd', 'dt',
]);
/** Opening one of these closes an open element of the listed names on top of the stack. */
const CLOSES_SIBLING: Record<string, Set<string>> = {
  li: new Set(['li']), dt: new Set(['dt', 'dd']), dd: new Set(['dt', 'dd']), tr: new Set(['tr', 'td', 'th']),
  td: new Set(['td', 'th']), th: new Set(['td', 'th']), option: new Set(['option']),
};

const MAX_JSON_LD_CHARS = 1_000_000;
const WHITESPACE = /[ \t\n\f\r]+/g;

interface Open {
  name: string;
  /** Its content is left out of the text. */
  dropped: boolean;
}

export function scanHtml(html: string): HtmlScan {
  const scan: HtmlScan = { elements: 0, maxDepth: 0, depthSum: 0, meta: new Map(), jsonLd: [], lines: [] };
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  let dropped = 0; // open elements whose content is left out
  let pre = 0;
  let line: string[] = [];

  let tagName = '';
  let attrs = new Map<string, string>();
  let attrName = '';
  let attrValue = '';
  // Raw text collected for <title> and JSON-LD scripts.
  let capture: 'title' | 'json-ld' | null = null;
  let captured = '';

  const flush = (): void => {
    if (line.length === 0) return;
    const text = line.join('').replace(WHITESPACE, ' ').trim();
    if (text !== '') scan.lines.push(text);
    line = [];
  };
  const addText = (text: string): void => {
    if (capture !== null) {
      if (captured.length < MAX_JSON_LD_CHARS) captured += text;
      return;
    }
    if (dropped > 0) return;
    if (pre === 0) {
      line.push(text);
      return;
    }
    const parts = text.split(/\r\n|\r|\n/);
    parts.forEach((part, i) => {
      if (i > 0) flush();
      line.push(part);
    });
  };

  const push = (name: string, drop: boolean): void => {
    stack.push({ name, dropped: drop });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (drop) dropped++;
    if (name === 'pre') pre++;
    if (BLOCK.has(name)) flush();
    if (stack.length > scan.maxDepth) scan.maxDepth = stack.length;
    scan.depthSum += stack.length;
  };
  const pop = (): Open | undefined => {
    const top = stack.pop();
    if (!top) return undefined;
    openCount.set(top.name, (openCount.get(top.name) ?? 1) - 1);
    if (top.dropped) dropped--;
    if (top.name === 'pre') pre--;
    if (BLOCK.has(top.name)) flush();
    if (top.name === capture || (capture === 'json-ld' && top.name === 'script')) endCapture();
    return top;
  };
  const endCapture = (): void => {
    if (capture === 'title') scan.title ??= captured.replace(WHITESPACE, ' ').trim() || undefined;
    else if (capture === 'json-ld' && captured.trim() !== '') scan.jsonLd.push(captured);
    capture = null;
    captured = '';
  };

  const isFurniture = (name: string): boolean => isPageFurniture(name, (attr) => attrs.get(attr) ?? null);

  const openTag = (): void => {
    const name = tagName;
    scan.elements++;
    // Implied end tags, as a browser would close them (top of the stack only: bounded work per tag).
    const top = stack[stack.length - 1]?.name;
    if (top === 'p' && CLOSES_P.has(name)) pop();
    const sibling = CLOSES_SIBLING[name];
    const newTop = stack[stack.length - 1]?.name;
    if (sibling && newTop && sibling.has(newTop)) pop();

    if (name === 'meta') {
      const content = attrs.get('content')?.trim();
      const charset = attrs.get('charset')?.trim();
      if (charset) scan.charset ??= charset;
      if (attrs.get('http-equiv')?.trim().toLowerCase() === 'content-type') {
        const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(content ?? '');
        if (m?.[1]) scan.charset ??= m[1];
      }
      if (content) {
        for (const key of ['property', 'name', 'itemprop', 'http-equiv']) {
          const k = attrs.get(key)?.trim().toLowerCase();
          if (k && !scan.meta.has(k)) scan.meta.set(k, content);
        }
      }
    } else if (name === 'link') {
      if ((attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) scan.canonical ??= attrs.get('href')?.trim() || undefined;
    } else if (name === 'time' && dropped === 0) {
      scan.time ??= attrs.get('datetime')?.trim() || undefined;
    }
    if (name === 'br') {
      if (dropped === 0) flush();
      return;
    }
    if (VOID.has(name)) return;
    if (name === 'title' && scan.title === undefined && capture === null) {
      capture = 'title';
      captured = '';
    } else if (name === 'script' && /ld\+json/i.test(attrs.get('type') ?? '') && capture === null) {
      capture = 'json-ld';
      captured = '';
    }
    push(name, NOT_TEXT.has(name) || isFurniture(name));
  };

  const closeTag = (name: string): void => {
    if (name === 'br') {
      if (dropped === 0) flush();
      return;
    }
    // No open element of that name: a stray end tag, ignored at no cost (this keeps the pass linear).
    if ((openCount.get(name) ?? 0) === 0) return;
    for (let top = pop(); top && top.name !== name; top = pop());
  };

  const callbacks: TokenizerCallbacks = {
    onattribdata: (start, end) => { attrValue += html.slice(start, end); },
    onattribentity: (codepoint) => { attrValue += String.fromCodePoint(codepoint); },
    onattribend: () => {
      if (!attrs.has(attrName)) attrs.set(attrName, attrValue);
      attrName = '';
      attrValue = '';
    },
    onattribname: (start, end) => { attrName = html.slice(start, end).toLowerCase(); attrValue = ''; },
    oncdata: () => undefined,
    onclosetag: (start, end) => closeTag(html.slice(start, end).toLowerCase()),
    oncomment: () => undefined,
    ondeclaration: () => undefined,
    onend: () => undefined,
    onopentagend: () => openTag(),
    onopentagname: (start, end) => {
      tagName = html.slice(start, end).toLowerCase();
      attrs = new Map();
    },
    onprocessinginstruction: () => undefined,
    onselfclosingtag: () => {
      openTag();
      if (!VOID.has(tagName) && stack[stack.length - 1]?.name === tagName) pop();
    },
    ontext: (start, end) => addText(html.slice(start, end)),
    ontextentity: (codepoint) => addText(String.fromCodePoint(codepoint)),
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  while (stack.length > 0) pop();
  if (capture !== null) endCapture();
  flush();
  return scan;
}
