/**
 * JSON Lines (`.jsonl`, `.ndjson`, optionally gzip-compressed): one article per line,
 * `{"id": …, "text": …, "title"?, "date"?, "url"?}`; other keys are ignored.
 *
 * Read as a stream, line by line: memory is bounded by the largest record kept (at most `maxRecordBytes`), never
 * by the file, so a dump of any size can be read. The size limit applies to each record: a longer line gets
 * status `too-large` and the records around it are read as usual.
 */
import iconv from 'iconv-lite';
import { z } from 'zod';
import { decodeBytes, isBlank, sniffBom, sniffMagic } from './decode.ts';
import { normaliseDate } from './date.ts';
import { splitLines } from './lines.ts';
import { peek } from './peek.ts';
import type { FileProblem, RawArticle } from './types.ts';

const optionalString = z.string({ error: 'must be a string when present' }).nullish();

export const JsonlRecord = z.object({
  id: z.union(
    [z.string().refine((s) => s.trim() !== '', { error: 'must not be blank' }), z.number().refine(Number.isFinite, { error: 'must be finite' })],
    { error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a non-blank string or a finite number') },
  ),
  text: z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a string') }),
  title: optionalString,
  date: optionalString,
  url: optionalString,
});
export type JsonlRecord = z.infer<typeof JsonlRecord>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Turns the lines of one JSONL source into articles and per-line problems. `base` is the file's path under the
 * root without extension; records become `<base>#<id>`. Remembers the ids seen, to report repeats.
 */
export class JsonlRecords {
  private readonly firstLineOf = new Map<string, number>();

  constructor(private readonly base: string, private readonly sourcePath: string) {}

  /** The article or problem of line `line`, or null for a blank line. */
  accept(line: number, raw: string, encoding: string): RawArticle | FileProblem | null {
    const { base, sourcePath } = this;
    if (isBlank(raw)) return null;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      // Every row of articles.jsonl gets an id of its own: a record that could not be read is named by its line.
      return { articleId: `${base}#line${line}`, sourcePath, line, status: 'bad-record', reason: `line ${line} is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
    const parsed = JsonlRecord.safeParse(value);
    if (!parsed.success) {
      return { articleId: `${base}#line${line}`, sourcePath, line, status: 'bad-record', reason: `line ${line} is not an article record: ${describeIssues(parsed.error)}` };
    }
    const record = parsed.data;
    const id = String(record.id);
    const articleId = `${base}#${id}`;
    const first = this.firstLineOf.get(id);
    if (first !== undefined) {
      return { articleId: `${articleId}@line${line}`, sourcePath, line, status: 'duplicate-id', reason: `line ${line} repeats id ${JSON.stringify(id)} first used on line ${first}` };
    }
    this.firstLineOf.set(id, line);
    if (isBlank(record.text)) return { articleId, sourcePath, line, status: 'empty', reason: `line ${line} has a blank \`text\`` };
    const article: RawArticle = { articleId, sourcePath, text: record.text, format: 'jsonl', encoding, line };
    const title = record.title?.trim();
    if (title) article.title = title;
    const date = normaliseDate(record.date);
    if (date !== undefined) article.date = date;
    const url = record.url?.trim();
    if (url) article.url = url;
    return article;
  }
}

export const isProblem = (item: RawArticle | FileProblem): item is FileProblem => 'status' in item;

/**
 * Split decoded JSONL into articles and per-line problems (for text already in memory, such as `explain`).
 * Lines are split on LF, CRLF or CR. Blank lines are skipped but still counted.
 */
export function parseJsonl(decoded: string, base: string, sourcePath: string, encoding: string): { articles: RawArticle[]; problems: FileProblem[] } {
  const articles: RawArticle[] = [];
  const problems: FileProblem[] = [];
  const records = new JsonlRecords(base, sourcePath);
  decoded.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const item = records.accept(i + 1, raw, encoding);
    if (item && isProblem(item)) problems.push(item);
    else if (item) articles.push(item);
  });
  if (articles.length === 0 && problems.length === 0) problems.push({ articleId: base, sourcePath, status: 'empty', reason: 'the file has only blank lines' });
  return { articles, problems };
}

const HEAD_BYTES = 8192;
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });


async function* skipBytes(source: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of source) {
    if (left >= chunk.length) { left -= chunk.length; continue; }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

/** How a failure of the byte source reads: a zlib error means the compressed data is damaged. */
function sourceFailure(error: unknown, articleId: string, sourcePath: string, linesRead: number, line: number | undefined): FileProblem {
  const e = error as NodeJS.ErrnoException | undefined;
  const detail = e?.message ?? String(error);
  const where = linesRead > 0 ? `after line ${linesRead}; the rest of the file was not read` : 'before the first line';
  const problem: FileProblem = typeof e?.code === 'string' && e.code.startsWith('Z_')
    ? { articleId, sourcePath, status: 'bad-gzip', reason: `the gzip data is damaged or cut short ${where} (${detail})` }
    : { articleId, sourcePath, status: 'unreadable', reason: `reading failed ${where} (${detail})` };
  if (line !== undefined) problem.line = line;
  return problem;
}

/**
 * Articles and problems of a JSONL byte stream, in line order, holding at most one record in memory. Never
 * throws: a failing source (a damaged gzip stream, an I/O error) ends with one problem. Encoding: a BOM wins
 * (UTF-16/32 are transcoded as they stream); otherwise each line is UTF-8, or a legacy encoding guessed for
 * that line when it is not valid UTF-8.
 */
export async function* readJsonl(source: AsyncIterable<Buffer | string>, base: string, sourcePath: string, maxRecordBytes: number): AsyncGenerator<RawArticle | FileProblem> {
  let linesRead = 0;
  let yielded = 0;
  try {
    const peeked = await peek(source, (taken) => taken.length >= HEAD_BYTES);
    const head = peeked.head.subarray(0, HEAD_BYTES);
    const { all } = peeked;
    if (head.length === 0) {
      yield { articleId: base, sourcePath, status: 'empty', reason: 'the file has no bytes' };
      return;
    }
    const bom = sniffBom(head);
    let body: AsyncIterable<Buffer | string> = all;
    let fixedEncoding: string | undefined;
    if (bom?.encoding === 'UTF-8') {
      body = skipBytes(all, bom.length);
      fixedEncoding = 'UTF-8';
    } else if (bom) {
      // Multi-byte encodings can hold 0x0A bytes inside characters: transcode to UTF-8 before splitting lines.
      const decoder = iconv.getDecoder(bom.encoding);
      body = (async function* () {
        for await (const chunk of all) {
          const text = decoder.write(chunk);
          if (text) yield Buffer.from(text);
        }
        const rest = decoder.end();
        if (rest) yield Buffer.from(rest);
      })();
      fixedEncoding = bom.encoding;
    } else {
      const magic = sniffMagic(head);
      if (magic) {
        yield { articleId: base, sourcePath, status: 'binary', reason: `the bytes start like a ${magic}` };
        return;
      }
      if (head.includes(0)) {
        yield { articleId: base, sourcePath, status: 'binary', reason: 'the file contains NUL bytes and has no UTF-16/UTF-32 byte order mark' };
        return;
      }
    }
    const records = new JsonlRecords(base, sourcePath);
    for await (const piece of splitLines(body, maxRecordBytes)) {
      linesRead = piece.line;
      if ('tooLarge' in piece) {
        yielded++;
        yield { articleId: `${base}#line${piece.line}`, sourcePath, line: piece.line, status: 'too-large', reason: `line ${piece.line} is ${piece.tooLarge} bytes, over the limit of ${maxRecordBytes} bytes per record; the record was not read` };
        continue;
      }
      let text: string;
      let encoding = fixedEncoding ?? 'UTF-8';
      if (fixedEncoding && fixedEncoding !== 'UTF-8') text = piece.bytes.toString('utf8');
      else {
        try {
          text = utf8Strict.decode(piece.bytes);
        } catch {
          const decoded = decodeBytes(piece.bytes);
          if (!decoded.ok) {
            yielded++;
            yield { articleId: `${base}#line${piece.line}`, sourcePath, line: piece.line, status: 'bad-record', reason: `line ${piece.line} is not text: ${decoded.reason}` };
            continue;
          }
          ({ text, encoding } = decoded);
        }
      }
      const item = records.accept(piece.line, text, encoding);
      if (item) {
        yielded++;
        yield item;
      }
    }
  } catch (error) {
    yielded++;
    yield linesRead > 0
      ? sourceFailure(error, `${base}#line${linesRead + 1}`, sourcePath, linesRead, linesRead + 1)
      : sourceFailure(error, base, sourcePath, 0, undefined);
    return;
  }
  if (yielded === 0) yield { articleId: base, sourcePath, status: 'empty', reason: 'the file has only blank lines' };
}
