/**
 * The input layer: find candidate files under a root and turn each into articles or problems.
 *
 * Offsets: every offset the pipeline computes is a code-point offset into `RawArticle.text`, which is the
 * file's decoded text with only a leading byte order mark removed — line endings are not normalised (CRLF and
 * lone CR stay as they are; the pipeline treats `\r\n` and `\r` as line breaks itself). For HTML the text is
 * the extracted body (one block per line, joined by `\n`), for JSONL the record's `text` value.
 *
 * `loadInput` never throws: every failure is a `FileProblem` with a machine-readable status (see
 * `ProblemStatus` in types.ts), and a file that yields no article always yields at least one problem.
 */
import { constants, readdir as readdirCallback } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { decodeBytes, isBlank } from './decode.ts';
import { declaredHtmlCharset, extractHtml } from './html.ts';
import { parseJsonl } from './jsonl.ts';
import type { FileProblem, InputEntry, InputFormat, InputOptions, LoadedFile, ProblemStatus, RawArticle } from './types.ts';

export * from './types.ts';
export { normaliseDate } from './date.ts';

export const INPUT_EXTENSIONS = ['txt', 'md', 'html', 'htm', 'jsonl'] as const;
export type InputExtension = (typeof INPUT_EXTENSIONS)[number];

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Record<InputExtension, InputFormat> = {
  txt: 'text',
  md: 'markdown',
  html: 'html',
  htm: 'html',
  jsonl: 'jsonl',
};

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** The extension of `p` lower-cased, if it is one of {@link INPUT_EXTENSIONS}. */
export function inputExtension(p: string): InputExtension | undefined {
  const ext = path.extname(p).slice(1).toLowerCase();
  return (INPUT_EXTENSIONS as readonly string[]).includes(ext) ? (ext as InputExtension) : undefined;
}

/** `a/b.txt` → `a/b`: the article id of a file. */
export const stripExtension = (p: string): string => p.replace(/\.[^./]+$/, '');

/**
 * Every candidate input file under `root`, recursively, sorted by relative path (code unit order) so runs are
 * deterministic. Hidden files and folders (dot names) are skipped. Symbolic links, directories, FIFOs etc.
 * whose names have an input extension are returned too, so `loadInput` can report them; symlinked directories
 * are never descended into. A directory that cannot be listed is returned as an entry carrying a
 * `discoveryProblem`, so its unknown contents are reported rather than silently lost. If `root` is itself a
 * file it is the only entry. Throws only when `root` itself cannot be read.
 */
export async function discoverInputs(root: string): Promise<InputEntry[]> {
  const absoluteRoot = path.resolve(root);
  const rootInfo = await stat(absoluteRoot);
  if (!rootInfo.isDirectory()) {
    return [{ path: absoluteRoot, relativePath: path.basename(absoluteRoot), root: path.dirname(absoluteRoot) }];
  }
  const unlistable = new Map<string, string>();
  // Wrap readdir to learn which directories could not be listed; fast-glob would otherwise drop them silently
  // (suppressErrors) or abort the whole walk.
  const readdir = ((dir: string, ...rest: unknown[]) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, result?: unknown) => void;
    (readdirCallback as unknown as (...args: unknown[]) => void)(dir, ...rest, (error: NodeJS.ErrnoException | null, result?: unknown) => {
      if (error && error.code !== 'ENOENT') unlistable.set(path.resolve(absoluteRoot, dir), error.message);
      callback(error, result);
    });
  }) as unknown as typeof readdirCallback;

  const found = await fg(`**/*.{${INPUT_EXTENSIONS.join(',')}}`, {
    cwd: absoluteRoot,
    onlyFiles: false,
    dot: false,
    followSymbolicLinks: false,
    caseSensitiveMatch: false,
    suppressErrors: true,
    fs: { readdir },
  });
  const rootError = unlistable.get(absoluteRoot);
  if (rootError !== undefined) throw new Error(`cannot list the input root ${absoluteRoot}: ${rootError}`);

  const entries: InputEntry[] = found.map((relativePath) => ({
    path: path.join(absoluteRoot, relativePath),
    relativePath: toPosix(relativePath),
    root: absoluteRoot,
  }));
  const known = new Set(entries.map((e) => e.relativePath));
  for (const [dir, error] of unlistable) {
    const relativePath = toPosix(path.relative(absoluteRoot, dir));
    if (known.has(relativePath)) continue;
    entries.push({
      path: dir,
      relativePath,
      root: absoluteRoot,
      discoveryProblem: { status: 'unreadable', reason: `the directory could not be listed, so its files were not read (${error})` },
    });
  }
  return entries.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}

/** A bounded cache of realpath() results for directories (roots and parents), so each file costs no extra syscalls. */
const realDirs = new Map<string, Promise<string>>();
function realDir(dir: string): Promise<string> {
  let cached = realDirs.get(dir);
  if (!cached) {
    if (realDirs.size >= 4096) realDirs.clear();
    cached = realpath(dir);
    cached.catch(() => realDirs.delete(dir));
    realDirs.set(dir, cached);
  }
  return cached;
}

function rootOf(entry: InputEntry): string {
  if (entry.root) return path.resolve(entry.root);
  let root = path.resolve(entry.path);
  for (const _ of entry.relativePath.split('/')) root = path.dirname(root);
  return root;
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`));
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

class Problem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function fsProblem(error: unknown, what: string): Problem {
  const e = error as NodeJS.ErrnoException;
  const detail = e?.message ?? String(error);
  switch (e?.code) {
    case 'ENOENT':
      return new Problem('missing', `${what} no longer exists (${detail})`);
    case 'ELOOP':
      return new Problem('symlink-loop', `${what} leads into a loop of symbolic links (${detail})`);
    case 'EISDIR':
      return new Problem('not-a-file', `${what} is a directory (${detail})`);
    default:
      return new Problem('unreadable', `${what} could not be read (${detail})`);
  }
}

// O_NONBLOCK: opening a FIFO that replaced the file after our checks returns at once instead of waiting for a
// writer. O_NOFOLLOW: a symlink swapped in after our checks fails instead of being followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Resolve `entry` to the real path of a regular file inside its root, or throw a {@link Problem}. Uses lstat
 * first so a FIFO, device or symlink is never opened blindly.
 */
async function resolveRegularFile(entry: InputEntry, maxBytes: number): Promise<string> {
  let info: Stats;
  try {
    info = await lstat(entry.path);
  } catch (error) {
    throw fsProblem(error, 'the file');
  }
  const root = await realDir(rootOf(entry)).catch((error: unknown) => {
    throw fsProblem(error, 'the input root');
  });
  let target: string;
  const viaLink = info.isSymbolicLink();
  if (viaLink) {
    try {
      target = await realpath(entry.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new Problem('broken-symlink', `the symbolic link points to a target that does not exist (${code})`);
      }
      if (code === 'ELOOP') throw new Problem('symlink-loop', 'the symbolic link leads into a loop of symbolic links (ELOOP)');
      throw fsProblem(error, 'the target of the symbolic link');
    }
    if (!isInside(root, target)) {
      throw new Problem('outside-root', `the symbolic link points outside the input root (to ${target}); it was not read`);
    }
    try {
      info = await stat(target);
    } catch (error) {
      throw fsProblem(error, 'the target of the symbolic link');
    }
  } else {
    const parent = await realDir(path.dirname(path.resolve(entry.path))).catch((error: unknown) => {
      throw fsProblem(error, 'the folder of the file');
    });
    target = path.join(parent, path.basename(entry.path));
    if (!isInside(root, target)) {
      throw new Problem('outside-root', `the file lies outside the input root (at ${target}); it was not read`);
    }
  }
  if (!info.isFile()) {
    throw new Problem('not-a-file', `${viaLink ? 'the symbolic link points to' : 'it is'} ${kindOf(info)}, not a regular file`);
  }
  if (info.size > maxBytes) throw new Problem('too-large', `${info.size} bytes is over the limit of ${maxBytes} bytes; the file was not read`);
  return target;
}

/** Read a regular file through one descriptor: fstat, then at most `size` bytes (never more than maxBytes). */
async function readRegularFile(target: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(target, OPEN_FLAGS);
  } catch (error) {
    throw fsProblem(error, 'the file');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Problem('not-a-file', `it is ${kindOf(info)}, not a regular file`);
    if (info.size > maxBytes) throw new Problem('too-large', `${info.size} bytes is over the limit of ${maxBytes} bytes; the file was not read`);
    const buffer = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    throw error instanceof Problem ? error : fsProblem(error, 'the file');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function problemFile(entry: InputEntry, articleId: string, status: ProblemStatus, reason: string): LoadedFile {
  return { sourcePath: entry.relativePath, articles: [], problems: [{ articleId, sourcePath: entry.relativePath, status, reason }] };
}

async function load(entry: InputEntry, options: InputOptions): Promise<LoadedFile> {
  const sourcePath = entry.relativePath;
  const articleId = stripExtension(sourcePath);
  if (entry.discoveryProblem) return problemFile(entry, articleId, entry.discoveryProblem.status, entry.discoveryProblem.reason);
  const maxBytes = Number.isFinite(options.maxBytes) && options.maxBytes >= 0 ? options.maxBytes : DEFAULT_MAX_BYTES;

  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(await resolveRegularFile(entry, maxBytes), maxBytes);
  } catch (error) {
    if (error instanceof Problem) return problemFile(entry, articleId, error.status, error.reason);
    throw error;
  }
  if (bytes.length === 0) return problemFile(entry, articleId, 'empty', 'the file has no bytes');

  const format = FORMAT_BY_EXTENSION[inputExtension(sourcePath) ?? 'txt'];
  const decoded = decodeBytes(bytes, format === 'html' ? () => declaredHtmlCharset(bytes) : undefined);
  if (!decoded.ok) return problemFile(entry, articleId, decoded.status, decoded.reason);
  const { text, encoding } = decoded;
  if (isBlank(text)) return problemFile(entry, articleId, 'empty', `the file has only whitespace (decoded as ${encoding})`);

  if (format === 'jsonl') {
    const { articles, problems } = parseJsonl(text, articleId, sourcePath, encoding);
    return { sourcePath, articles, problems };
  }
  if (format === 'html') {
    const html = extractHtml(text);
    if (isBlank(html.text)) return problemFile(entry, articleId, 'empty', 'the HTML document has no text');
    const { text: htmlText, extraction: _, ...stated } = html;
    const article: RawArticle = { articleId, sourcePath, text: htmlText, format, encoding, ...stated };
    return { sourcePath, articles: [article], problems: [] };
  }
  return { sourcePath, articles: [{ articleId, sourcePath, text, format, encoding }], problems: [] };
}

/**
 * Load one discovered entry. Never throws and never blocks on FIFOs or devices: every failure is a
 * `FileProblem`, and a file without articles always has at least one problem. Symbolic links are followed
 * only to regular files inside the input root. Offsets into `text` are code points; see the module comment.
 */
export async function loadInput(entry: InputEntry, options: InputOptions): Promise<LoadedFile> {
  let sourcePath = '';
  let articleId = '';
  try {
    sourcePath = String(entry.relativePath);
    articleId = stripExtension(sourcePath);
    const loaded = await load(entry, options);
    if (loaded.articles.length === 0 && loaded.problems.length === 0) {
      loaded.problems.push({ articleId, sourcePath, status: 'empty', reason: 'the file yielded no article' });
    }
    return loaded;
  } catch (error) {
    const problem: FileProblem = {
      articleId,
      sourcePath,
      status: 'internal-error',
      reason: `unexpected failure in the input layer: ${error instanceof Error ? error.message : String(error)}`,
    };
    return { sourcePath, articles: [], problems: [problem] };
  }
}
