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
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, readdir as readdirCallback, type Dirent } from 'node:fs';
import { lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import fg, { type Entry } from 'fast-glob';
import picomatch from 'picomatch';
import { decodeBytes, isBlank } from './decode.ts';
import { declaredHtmlCharset, extractHtml } from './html.ts';
import { isProblem, readJsonl } from './jsonl.ts';
import { retryCallbackOnFdShortage, retryOnFdShortage } from './retry.ts';
import { FileList } from './file-list.ts';
import type { FileProblem, InputEntry, InputFormat, InputOptions, LoadedFile, ProblemStatus, RawArticle } from './types.ts';

export * from './types.ts';
export { FileList } from './file-list.ts';
export { normaliseDate } from './date.ts';

export const INPUT_EXTENSIONS = ['txt', 'md', 'html', 'htm', 'jsonl', 'ndjson'] as const;
export type InputExtension = (typeof INPUT_EXTENSIONS)[number];

/** The size limit per article: a file's bytes (decompressed, for `.gz`), or one JSONL record's line. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Record<InputExtension, InputFormat> = {
  txt: 'text',
  md: 'markdown',
  html: 'html',
  htm: 'html',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

const toPosix = (p: string): string => p.split(path.sep).join('/');

/** The extension of `p` lower-cased (under a `.gz`), if it is one of {@link INPUT_EXTENSIONS}. */
export function inputExtension(p: string): InputExtension | undefined {
  const ext = path.extname(p.replace(/\.gz$/i, '')).slice(1).toLowerCase();
  return (INPUT_EXTENSIONS as readonly string[]).includes(ext) ? (ext as InputExtension) : undefined;
}

/** How a file is read: its format (plain text for a file named by `--include` with another extension) and whether it is gzip-compressed. */
export function inputKind(p: string): { format: InputFormat; gzip: boolean } {
  const ext = inputExtension(p);
  return { format: ext ? FORMAT_BY_EXTENSION[ext] : 'text', gzip: /\.gz$/i.test(p) };
}

/** Whether the run streams this entry record by record (JSON Lines, or standard input). */
export const isStreamed = (entry: InputEntry): boolean => entry.stdin === true || (!entry.discoveryProblem && inputKind(entry.relativePath).format === 'jsonl');

/** `a/b.txt` → `a/b`, `a/b.jsonl.gz` → `a/b`: the article id of a file. */
export const stripExtension = (p: string): string => p.replace(/\.[^./]+(\.gz)?$/i, '');

/** Folders never searched unless `defaultExcludes` is false: dependencies and hidden (dot) files and folders. */
// `**/.*/**` as well: fast-glob prunes a dot folder only with both.
export const DEFAULT_EXCLUDES = ['**/node_modules', '**/.*', '**/.*/**'] as const;
/** How many paths run.json lists as examples of what was not read. */
const SAMPLE_SIZE = 20;

export interface DiscoverOptions {
  /** fast-glob patterns of the files to read (relative to the root); default: every file with an input extension. */
  include?: string[];
  /** fast-glob patterns of files or folders not to read; they are counted, not read. */
  exclude?: string[];
  /** Leave out `node_modules` and hidden files and folders (default true). */
  defaultExcludes?: boolean;
}

/** A count with a few examples. */
export interface Tally { count: number; sample: string[] }

/** What discovery found and did not hand on: every file under the root is in `entries` or counted here. */
export interface Discovery {
  /** Sorted by relative path, packed (file-list.ts). */
  entries: FileList;
  /** Files of a kind the tool does not read (by extension: `.json`, `(none)`, `(hidden)`, `(symbolic link)`). */
  notRead: Tally & { byExtension: Record<string, number> };
  /** Files matched by an `--exclude` pattern (or named `node_modules`). */
  excluded: Tally;
  /** Folders not searched: `node_modules` and hidden folders (their contents are not counted). */
  foldersNotSearched: Tally;
}

function tally(): Tally {
  return { count: 0, sample: [] };
}
function count(t: Tally, p: string): void {
  t.count++;
  if (t.sample.length < SAMPLE_SIZE) t.sample.push(p);
}

function extensionKey(name: string): string {
  if (name.startsWith('.')) return '(hidden)';
  const ext = path.extname(name).toLowerCase();
  return ext === '' ? '(none)' : ext;
}

/**
 * Every candidate input file under `root`, recursively, sorted by relative path (code unit order) so runs are
 * deterministic. Hidden files and folders (dot names) and `node_modules` are skipped. Symbolic links, directories,
 * FIFOs etc. whose names have an input extension are returned too, so `loadInput` can report them; symlinked
 * directories are never descended into. A directory that cannot be listed is returned as an entry carrying a
 * `discoveryProblem`, so its unknown contents are reported rather than silently lost. If `root` is itself a
 * file it is the only entry. Throws only when `root` itself cannot be read.
 */
export async function discoverInputs(root: string, options: DiscoverOptions = {}): Promise<InputEntry[]> {
  return [...(await discover(root, options)).entries];
}

/** {@link discoverInputs}, with an account of every file it does not return. */
export async function discover(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const absoluteRoot = path.resolve(root);
  const notRead = { ...tally(), byExtension: {} as Record<string, number> };
  const excluded = tally();
  const foldersNotSearched = tally();
  const notReadFile = (relativePath: string, key: string): void => {
    count(notRead, relativePath);
    notRead.byExtension[key] = (notRead.byExtension[key] ?? 0) + 1;
  };
  const rootInfo = await retryOnFdShortage(() => stat(absoluteRoot));
  if (!rootInfo.isDirectory()) {
    return { entries: FileList.of([{ path: absoluteRoot, relativePath: path.basename(absoluteRoot), root: path.dirname(absoluteRoot) }]), notRead, excluded, foldersNotSearched };
  }
  const defaultExcludes = options.defaultExcludes ?? true;
  const unlistable = new Map<string, string>();
  // Wrap readdir to learn which directories could not be listed (fast-glob would otherwise drop them silently
  // with suppressErrors, or abort the whole walk), to wait for file descriptors rather than fail, and to count
  // what the default excludes leave out (fast-glob drops ignored names without a word).
  const readdir = ((dir: string, ...rest: unknown[]) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, result?: unknown) => void;
    retryCallbackOnFdShortage<unknown>(
      (done) => (readdirCallback as unknown as (...args: unknown[]) => void)(dir, ...rest, done),
      (error, result) => {
        if (error && error.code !== 'ENOENT') unlistable.set(path.resolve(absoluteRoot, dir), error.message);
        // fast-glob may list a folder it then ignores: only what lies outside pruned folders is counted.
        const listed = toPosix(path.relative(absoluteRoot, path.resolve(absoluteRoot, dir)));
        const insidePruned = listed !== '' && listed.split('/').some((part) => part === 'node_modules' || part.startsWith('.'));
        if (!error && defaultExcludes && !insidePruned && Array.isArray(result)) {
          for (const item of result as Array<Dirent | string>) {
            if (typeof item === 'string') continue;
            if (item.name !== 'node_modules' && !item.name.startsWith('.')) continue;
            const relativePath = toPosix(path.relative(absoluteRoot, path.resolve(absoluteRoot, dir, item.name)));
            if (item.isDirectory()) count(foldersNotSearched, relativePath);
            else if (item.name === 'node_modules') count(excluded, relativePath);
            else notReadFile(relativePath, '(hidden)');
          }
        }
        callback(error, result);
      },
    );
  }) as unknown as typeof readdirCallback;

  const include = options.include?.length ? picomatch(options.include, { dot: true }) : null;
  const excludeMatch = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : null;
  const isExcluded = (relativePath: string): boolean => {
    if (!excludeMatch) return false;
    // A pattern naming a folder (`drafts`, `drafts/**`) excludes everything in it.
    const parts = relativePath.split('/');
    for (let i = 1; i <= parts.length; i++) if (excludeMatch(parts.slice(0, i).join('/'))) return true;
    return false;
  };
  const isIncluded = (relativePath: string): boolean => (include ? include(relativePath) : inputExtension(relativePath) !== undefined);

  // Only relative paths are gathered (entries are made again from the packed list, file-list.ts).
  const relativePaths: string[] = [];
  // Streamed: each of fast-glob's entries (name, path, Dirent) is dropped as soon as it is read; collected into one
  // array first they took some 500 bytes a file (a 200,000-file folder: 140 MB of heap) at the start of a run.
  const found = fg.stream('**', {
    cwd: absoluteRoot,
    onlyFiles: false,
    dot: true,
    objectMode: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: defaultExcludes ? [...DEFAULT_EXCLUDES] : [],
    fs: { readdir },
  }) as AsyncIterable<Entry>;
  for await (const item of found) {
    const relativePath = toPosix(item.path);
    const isDirectory = item.dirent.isDirectory();
    if (isExcluded(relativePath)) {
      if (!isDirectory) count(excluded, relativePath);
      continue;
    }
    // A folder named like an article (`x.txt/`) is handed on, to be reported as not-a-file; other folders were searched.
    if (isDirectory) {
      if (inputExtension(relativePath) !== undefined && isIncluded(relativePath)) relativePaths.push(relativePath);
      continue;
    }
    if (isIncluded(relativePath)) relativePaths.push(relativePath);
    else notReadFile(relativePath, item.dirent.isSymbolicLink() ? '(symbolic link)' : extensionKey(item.name));
  }
  const rootError = unlistable.get(absoluteRoot);
  if (rootError !== undefined) throw new Error(`cannot list the input root ${absoluteRoot}: ${rootError}`);
  const unlisted = new Map<string, InputEntry>();
  // A set of every path only when some folder could not be listed (rare): it is a large one.
  const known = unlistable.size > 0 ? new Set(relativePaths) : null;
  for (const [dir, error] of unlistable) {
    const relativePath = toPosix(path.relative(absoluteRoot, dir));
    if (known?.has(relativePath) || unlisted.has(relativePath)) continue;
    unlisted.set(relativePath, {
      path: dir,
      relativePath,
      root: absoluteRoot,
      discoveryProblem: { status: 'unreadable', reason: `the directory could not be listed, so its files were not read (${error})` },
    });
    relativePaths.push(relativePath);
  }
  notRead.sample.sort();
  excluded.sample.sort();
  foldersNotSearched.sample.sort();
  // The default sort compares UTF-16 code units: the order runs have always had.
  relativePaths.sort();
  return { entries: FileList.fromPaths(absoluteRoot, relativePaths, unlisted), notRead, excluded, foldersNotSearched };
}

/**
 * A bounded cache of realpath() results for directories (roots and parents), so each file costs no extra syscalls;
 * filled by the careful asynchronous path and by the blocking read alike (a failure is not kept).
 */
const realDirs = new Map<string, string>();
function rememberRealDir(dir: string, real: string): string {
  if (realDirs.size >= 4096) realDirs.clear();
  realDirs.set(dir, real);
  return real;
}
async function realDir(dir: string): Promise<string> {
  return realDirs.get(dir) ?? rememberRealDir(dir, await retryOnFdShortage(() => realpath(dir)));
}
const realDirNow = (dir: string): string => realDirs.get(dir) ?? rememberRealDir(dir, realpathSync(dir));

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
    info = await retryOnFdShortage(() => lstat(entry.path));
  } catch (error) {
    // Node lists a name that is not valid UTF-8 with U+FFFD in place of the bad bytes; that name does not exist.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && entry.path.includes('\uFFFD')) {
      throw new Problem('bad-filename', 'the file name (or a folder name in its path) is not valid UTF-8, so the file cannot be opened by the name it was listed under; rename it to read it');
    }
    throw fsProblem(error, 'the file');
  }
  const root = await realDir(rootOf(entry)).catch((error: unknown) => {
    throw fsProblem(error, 'the input root');
  });
  let target: string;
  const viaLink = info.isSymbolicLink();
  if (viaLink) {
    try {
      target = await retryOnFdShortage(() => realpath(entry.path));
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
      info = await retryOnFdShortage(() => stat(target));
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

async function openChecked(target: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await retryOnFdShortage(() => open(target, OPEN_FLAGS));
  } catch (error) {
    throw fsProblem(error, 'the file');
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Problem('not-a-file', `it is ${kindOf(info)}, not a regular file`);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error instanceof Problem ? error : fsProblem(error, 'the file');
  }
}

/** The decompressed bytes of a gzip file, at most `maxBytes` of them (a larger result is `too-large`, so a gzip bomb costs nothing). */
async function readGzipFile(target: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await openChecked(target);
  const gunzip = createGunzip();
  const input = handle.createReadStream();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new Problem('too-large', `decompressed, the file is over the limit of ${maxBytes} bytes; the file was not read`);
      parts.push(chunk);
    }
    return Buffer.concat(parts, size);
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new Problem('bad-gzip', `the gzip data is damaged or cut short (${(error as Error).message})`);
    throw fsProblem(error, 'the file');
  } finally {
    input.destroy();
    gunzip.destroy();
    await handle.close().catch(() => undefined);
  }
}

/**
 * The articles and problems of a JSON Lines entry (`.jsonl`, `.ndjson`, either gzip-compressed), streamed in line
 * order with at most one record in memory; `maxBytes` applies to each record. Never throws.
 */
export async function* streamJsonlEntry(entry: InputEntry, maxBytes: number): AsyncGenerator<RawArticle | FileProblem> {
  const sourcePath = entry.relativePath;
  const base = stripExtension(sourcePath);
  if (entry.discoveryProblem) {
    yield { articleId: base, sourcePath, ...entry.discoveryProblem };
    return;
  }
  let handle: FileHandle;
  try {
    handle = await openChecked(await resolveRegularFile(entry, Infinity));
  } catch (error) {
    yield error instanceof Problem
      ? { articleId: base, sourcePath, status: error.status, reason: error.reason }
      : { articleId: base, sourcePath, status: 'internal-error', reason: `unexpected failure in the input layer: ${error instanceof Error ? error.message : String(error)}` };
    return;
  }
  const input = handle.createReadStream({ highWaterMark: 256 * 1024 });
  let source: AsyncIterable<Buffer> = input;
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  if (inputKind(sourcePath).gzip) {
    gunzip = createGunzip();
    input.on('error', (error) => gunzip?.destroy(error));
    source = input.pipe(gunzip);
  }
  try {
    yield* readJsonl(source, base, sourcePath, normaliseLimit(maxBytes));
  } finally {
    input.destroy();
    gunzip?.destroy();
    await handle.close().catch(() => undefined);
  }
}

const normaliseLimit = (maxBytes: number): number => (Number.isFinite(maxBytes) && maxBytes >= 0 ? maxBytes : DEFAULT_MAX_BYTES);

/** Read a regular file through one descriptor: fstat, then at most `size` bytes (never more than maxBytes). */
async function readRegularFile(target: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await openChecked(target);
  try {
    const info = await handle.stat();
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

/**
 * The common case in one go, with blocking calls (a small file costs four syscalls and no trips through the thread
 * pool): a regular file, not a link, inside its root and within the limit, read whole. Anything else (a link, a
 * vanished file, a FIFO swapped in, descriptors running short, any error) gives null, and the careful path
 * (`resolveRegularFile`, `readRegularFile`) decides and words the problem.
 */
function readPlainFileNow(entry: InputEntry, maxBytes: number): Uint8Array | null {
  try {
    const listed = lstatSync(entry.path);
    if (!listed.isFile() || listed.size > maxBytes) return null;
    const target = path.join(realDirNow(path.dirname(path.resolve(entry.path))), path.basename(entry.path));
    if (!isInside(realDirNow(rootOf(entry)), target)) return null;
    const fd = openSync(target, OPEN_FLAGS);
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile() || opened.size > maxBytes) return null;
      const buffer = Buffer.allocUnsafe(opened.size);
      let filled = 0;
      while (filled < buffer.length) {
        const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

function problemFile(entry: InputEntry, articleId: string, status: ProblemStatus, reason: string): LoadedFile {
  return { sourcePath: entry.relativePath, articles: [], problems: [{ articleId, sourcePath: entry.relativePath, status, reason }] };
}

async function load(entry: InputEntry, options: InputOptions): Promise<LoadedFile> {
  const sourcePath = entry.relativePath;
  const articleId = stripExtension(sourcePath);
  if (entry.discoveryProblem) return problemFile(entry, articleId, entry.discoveryProblem.status, entry.discoveryProblem.reason);
  const maxBytes = normaliseLimit(options.maxBytes);
  const { format, gzip } = inputKind(sourcePath);
  if (format === 'jsonl') {
    const loaded: LoadedFile = { sourcePath, articles: [], problems: [] };
    for await (const item of streamJsonlEntry(entry, maxBytes)) {
      if (isProblem(item)) loaded.problems.push(item);
      else loaded.articles.push(item);
    }
    return loaded;
  }

  let bytes: Uint8Array;
  try {
    bytes = gzip
      ? await readGzipFile(await resolveRegularFile(entry, Infinity), maxBytes)
      : readPlainFileNow(entry, maxBytes) ?? await readRegularFile(await resolveRegularFile(entry, maxBytes), maxBytes);
  } catch (error) {
    if (error instanceof Problem) return problemFile(entry, articleId, error.status, error.reason);
    throw error;
  }
  if (bytes.length === 0) return problemFile(entry, articleId, 'empty', 'the file has no bytes');

  const decoded = decodeBytes(bytes, format === 'html' ? () => declaredHtmlCharset(bytes) : undefined);
  if (!decoded.ok) return problemFile(entry, articleId, decoded.status, decoded.reason);
  const { text, encoding } = decoded;
  if (isBlank(text)) return problemFile(entry, articleId, 'empty', `the file has only whitespace (decoded as ${encoding})`);

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
