/** JSON Lines: one article per line, `{"id": …, "text": …, "title"?, "date"?, "url"?}`; other keys are ignored. */
import { z } from 'zod';
import { isBlank } from './decode.ts';
import { normaliseDate } from './date.ts';
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
 * Split decoded JSONL into articles and per-line problems. `base` is the file's path under the root without
 * extension; records become `<base>#<id>`. Lines are split on LF, CRLF or CR (a JSON text cannot contain a raw
 * CR or LF, so this never splits a record). Blank lines are skipped but still counted.
 */
export function parseJsonl(
  decoded: string,
  base: string,
  sourcePath: string,
  encoding: string,
): { articles: RawArticle[]; problems: FileProblem[] } {
  const articles: RawArticle[] = [];
  const problems: FileProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const lines = decoded.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (isBlank(raw)) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({
        // Every row of articles.jsonl gets an id of its own: a record that could not be read is named by its line.
        articleId: `${base}#line${line}`,
        sourcePath,
        line,
        status: 'bad-record',
        reason: `line ${line} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
      continue;
    }
    const parsed = JsonlRecord.safeParse(value);
    if (!parsed.success) {
      problems.push({
        articleId: `${base}#line${line}`,
        sourcePath,
        line,
        status: 'bad-record',
        reason: `line ${line} is not an article record: ${describeIssues(parsed.error)}`,
      });
      continue;
    }
    const record = parsed.data;
    const id = String(record.id);
    const articleId = `${base}#${id}`;
    const first = firstLineOf.get(id);
    if (first !== undefined) {
      problems.push({
        articleId: `${articleId}@line${line}`,
        sourcePath,
        line,
        status: 'duplicate-id',
        reason: `line ${line} repeats id ${JSON.stringify(id)} first used on line ${first}`,
      });
      continue;
    }
    firstLineOf.set(id, line);
    if (isBlank(record.text)) {
      problems.push({ articleId, sourcePath, line, status: 'empty', reason: `line ${line} has a blank \`text\`` });
      continue;
    }
    const article: RawArticle = { articleId, sourcePath, text: record.text, format: 'jsonl', encoding, line };
    const title = record.title?.trim();
    if (title) article.title = title;
    const date = normaliseDate(record.date);
    if (date !== undefined) article.date = date;
    const url = record.url?.trim();
    if (url) article.url = url;
    articles.push(article);
  }
  if (articles.length === 0 && problems.length === 0) {
    problems.push({ articleId: base, sourcePath, status: 'empty', reason: 'the file has only blank lines' });
  }
  return { articles, problems };
}
