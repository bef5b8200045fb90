/**
 * HTML → article text. A linear pass with htmlparser2's tokenizer (html-scan.ts) reads the page's metadata and
 * size first. Pages of ordinary size are then parsed with linkedom and the article found by @mozilla/readability;
 * its text is read off the DOM one block (p, h1–h6, li, blockquote, div…) per line. Pages too big or too deeply
 * nested for a DOM in bounded time, and pages where Readability finds nothing, get the scan's reading of the body
 * without navigation, asides, headers, footers, forms and comment sections. No regular expression looks at markup.
 */
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { BLOCK, isPageFurniture, scanHtml } from './html-scan.ts';
import { htmlMetadata, type StatedMetadata } from './metadata.ts';

export interface HtmlArticle extends StatedMetadata {
  /** Blocks joined by `\n`; may be empty when the document has no text. */
  text: string;
  /** How the text was found: `readability`, or `body` (the scan's reading of the body; see the module comment). */
  extraction: 'readability' | 'body';
}

/**
 * Readability's run time grows with the element count (it retries up to four times on pages it finds thin), and
 * building a DOM of a deeply nested page costs more than linear time: past these limits the scan's text is used.
 */
const MAX_READABILITY_ELEMENTS = 40_000;
/** Nesting depth past which no DOM is built; no real page comes close to it. */
const MAX_READABILITY_DEPTH = 120;
/**
 * Readability reads the text under each candidate block and walks ancestors, so a deep page costs about the sum of
 * its elements' depths (39,000 elements 390 deep took 55 s; 15,000 elements 60 deep, 3 s). Ordinary pages stay well below.
 */
const MAX_READABILITY_WORK = 300_000;
/** Bytes of the document searched for a `<meta charset>` declaration. */
const CHARSET_PRESCAN_BYTES = 16384;

const SKIP = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'button', 'input', 'textarea', 'map',
]);

const HTML_WHITESPACE = /[ \t\n\f\r]+/g;

// linkedom takes a tenth of a second to load: only runs that meet an HTML page pay for it.
let linkedom: typeof import('linkedom') | undefined;
const parseHTML = (html: string): ReturnType<typeof import('linkedom').parseHTML> =>
  (linkedom ??= createRequire(import.meta.url)('linkedom') as typeof import('linkedom')).parseHTML(html);

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
 * The encoding an HTML document declares in `<meta charset>` or `<meta http-equiv="Content-Type">`, read by
 * parsing its first bytes as Latin-1 (every byte maps to one character, and markup is ASCII).
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, CHARSET_PRESCAN_BYTES)).toString('latin1');
  return scanHtml(head).charset;
}

/**
 * The document without page furniture (see isPageFurniture). Readability drops such parts on its first try
 * only: on a page with a short article it retries without that rule and may take a long comment section for
 * the article.
 */
function withoutFurniture(document: Document): Document {
  const furniture: Element[] = [];
  const stack: Element[] = document.body ? [document.body] : [];
  while (stack.length > 0) {
    const element = stack.pop()!;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (isPageFurniture(child.localName.toLowerCase(), (name) => child.getAttribute(name))) furniture.push(child);
      else stack.push(child);
    }
  }
  for (const element of furniture) element.remove();
  return document;
}

export function extractHtml(html: string): HtmlArticle {
  const scan = scanHtml(html);
  let text = '';
  let readabilityTitle: string | undefined;
  if (scan.elements <= MAX_READABILITY_ELEMENTS && scan.maxDepth <= MAX_READABILITY_DEPTH && scan.depthSum <= MAX_READABILITY_WORK) {
    try {
      const article = new Readability<Node>(withoutFurniture(parseDocument(html)), {
        serializer: (node: Node) => node,
        maxElemsToParse: MAX_READABILITY_ELEMENTS,
      }).parse();
      if (article) {
        readabilityTitle = article.title ?? undefined;
        if (article.content) text = blockText(article.content);
      }
    } catch {
      // Readability failed on this document: the scan's text below still applies.
    }
  }
  const extraction = text === '' ? 'body' : 'readability';
  if (text === '') text = scan.lines.join('\n');
  return { text, extraction, ...htmlMetadata(scan, readabilityTitle) };
}
