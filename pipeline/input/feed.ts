/**
 * The run's feed: a stream of work units, pulled only as fast as they are processed. A unit is a whole file
 * (text, Markdown, HTML, read where it is processed), or a batch of JSON Lines records read here, line by line,
 * so a dump of any size spreads over the worker threads like a folder of files, and memory stays bounded by the
 * units in flight. Standard input (`-`) is read here as well.
 */
import { stat } from 'node:fs/promises';
import { decodeBytes, isBlank } from './decode.ts';
import { extractHtml } from './html.ts';
import { isProblem, readJsonl } from './jsonl.ts';
import { peek } from './peek.ts';
import { discover, FileList, inputKind, isStreamed, streamJsonlEntry, type Discovery, type DiscoverOptions } from './index.ts';
import type { FileProblem, InputEntry, RawArticle } from './types.ts';

export type WorkUnit =
  | { kind: 'file'; entry: InputEntry; last: true }
  /** Records of one JSONL source, in line order; `last` marks the source's final unit (which may be empty). */
  | { kind: 'records'; entry: InputEntry; articles: RawArticle[]; problems: FileProblem[]; last: boolean };

/** A batch holds up to this many articles, this many rows (articles and problems), or this much text, whichever comes first. */
const BATCH_ARTICLES = 32;
const BATCH_CHARS = 512 * 1024;
const BATCH_ITEMS = 256;
/** Typical bytes per article of a JSONL dump, to guess how many articles it holds (for `--workers auto`). */
const BYTES_PER_ARTICLE = 3_000;
const GZIP_RATIO = 4;

export const STDIN_PATH = '-';
const STDIN_ID = 'stdin';

/** The entry that stands for standard input. */
export const stdinEntry = (): InputEntry => ({ path: STDIN_PATH, relativePath: STDIN_PATH, root: process.cwd(), stdin: true });

export interface FeedOptions {
  maxBytes: number;
  /** Standard input, for an entry made by {@link stdinEntry}. */
  stdin?: AsyncIterable<Buffer | string>;
}

export async function* workUnits(entries: Iterable<InputEntry>, options: FeedOptions): AsyncGenerator<WorkUnit> {
  for (const entry of entries) {
    if (!isStreamed(entry)) {
      yield { kind: 'file', entry, last: true };
      continue;
    }
    const items = entry.stdin ? readStdin(options.stdin ?? process.stdin, options.maxBytes) : streamJsonlEntry(entry, options.maxBytes);
    let articles: RawArticle[] = [];
    let problems: FileProblem[] = [];
    let chars = 0;
    for await (const item of items) {
      if (isProblem(item)) problems.push(item);
      else {
        articles.push(item);
        chars += item.text.length;
      }
      // Problems count too: a dump of a million bad lines must not pile up in one unit.
      if (articles.length >= BATCH_ARTICLES || articles.length + problems.length >= BATCH_ITEMS || chars >= BATCH_CHARS) {
        yield { kind: 'records', entry, articles, problems, last: false };
        articles = [];
        problems = [];
        chars = 0;
      }
    }
    yield { kind: 'records', entry, articles, problems, last: true };
  }
}

/**
 * Standard input: JSON Lines when the first character that is not white space is `{`, an HTML page when it is
 * `<`, else one plain-text article. Read as it comes; a single article over `maxBytes` is `too-large`.
 */
export async function* readStdin(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<RawArticle | FileProblem> {
  // Enough to decide: the first byte that is not white space (after a BOM), or more than the limit.
  const firstNonSpace = (bytes: Buffer): number | undefined => {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (let i = start; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return byte;
    }
    return undefined;
  };
  const { head, all } = await peek(source, (bytes) => firstNonSpace(bytes) !== undefined || bytes.length > maxBytes);
  const first = firstNonSpace(head);
  if (first === 0x7b) {
    yield* readJsonl(all, STDIN_ID, STDIN_PATH, maxBytes);
    return;
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of all) {
    total += chunk.length;
    if (total > maxBytes) {
      yield { articleId: STDIN_ID, sourcePath: STDIN_PATH, status: 'too-large', reason: `standard input is over the limit of ${maxBytes} bytes; it was not read` };
      return;
    }
    parts.push(chunk);
  }
  const bytes = Buffer.concat(parts, total);
  if (bytes.length === 0) {
    yield { articleId: STDIN_ID, sourcePath: STDIN_PATH, status: 'empty', reason: 'standard input was empty' };
    return;
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    yield { articleId: STDIN_ID, sourcePath: STDIN_PATH, status: decoded.status, reason: decoded.reason };
    return;
  }
  if (isBlank(decoded.text)) {
    yield { articleId: STDIN_ID, sourcePath: STDIN_PATH, status: 'empty', reason: 'standard input has only white space' };
    return;
  }
  if (first === 0x3c) {
    const html = extractHtml(decoded.text);
    if (isBlank(html.text)) {
      yield { articleId: STDIN_ID, sourcePath: STDIN_PATH, status: 'empty', reason: 'the HTML document on standard input has no text' };
      return;
    }
    const article: RawArticle = { articleId: STDIN_ID, sourcePath: STDIN_PATH, text: html.text, format: 'html', encoding: decoded.encoding };
    if (html.title !== undefined) article.title = html.title;
    if (html.date !== undefined) article.date = html.date;
    if (html.url !== undefined) article.url = html.url;
    yield article;
    return;
  }
  yield { articleId: STDIN_ID, sourcePath: STDIN_PATH, text: decoded.text, format: 'text', encoding: decoded.encoding };
}

/**
 * About how many articles the entries hold: one per file, a JSONL file's size over a typical article's (more for
 * `.gz`). For `--workers auto`, which pays for worker threads only when there is enough work.
 */
export async function estimateArticles(entries: Iterable<InputEntry>): Promise<number> {
  let estimate = 0;
  for (const entry of entries) {
    if (!isStreamed(entry) || entry.stdin) { estimate++; continue; }
    const size = await stat(entry.path).then((info) => info.size, () => 0);
    estimate += Math.max(1, Math.round((size * (inputKind(entry.relativePath).gzip ? GZIP_RATIO : 1)) / BYTES_PER_ARTICLE));
  }
  return estimate;
}

/** The run's inputs: standard input for `-`, else what {@link discover} finds under `input`. */
export async function findInputs(input: string, options: DiscoverOptions): Promise<Discovery> {
  if (input !== STDIN_PATH) return discover(input, options);
  return { entries: FileList.of([stdinEntry()]), notRead: { count: 0, sample: [], byExtension: {} }, excluded: { count: 0, sample: [] }, foldersNotSearched: { count: 0, sample: [] } };
}
