/** What the input layer hands to the pipeline: one entry per file found, each with zero or more articles. */

export interface InputOptions {
  /**
   * The size limit per article: a file larger than this (for `.gz`, once decompressed) is not read, and gets
   * status `too-large`; in JSON Lines it applies to each record (line), never to the file as a whole.
   */
  maxBytes: number;
}

export type InputFormat = 'text' | 'markdown' | 'html' | 'jsonl';

/** One article's text as decoded from a file (a JSONL file holds many). */
export interface RawArticle {
  /** Path under the input root without extension; for JSONL, `<path>#<id>`. */
  articleId: string;
  /** Path of the file under the input root, with forward slashes. */
  sourcePath: string;
  /**
   * The decoded text that every offset refers to. Offsets are code points (not UTF-16 code units, not
   * bytes) into exactly this string.
   *
   * - `.txt` / `.md`: the file's bytes decoded, with a leading byte order mark removed and nothing else
   *   changed: line endings are NOT normalised (CRLF and lone CR stay; the pipeline treats `\r\n` and
   *   `\r` as line breaks itself), no trimming, no Unicode normalisation.
   * - `.html` / `.htm`: the extracted article body, one block (paragraph, heading, list item, quote…) per
   *   line, lines joined by `\n`, whitespace inside a line collapsed as a browser would.
   * - `.jsonl`: the record's `text` value exactly as JSON-decoded.
   */
  text: string;
  format: InputFormat;
  /** The encoding the bytes were decoded from, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`. */
  encoding: string;
  /** Set where the format states it (HTML `<title>`, JSONL `title`); the pipeline may find one in the text otherwise. */
  title?: string;
  /** `YYYY-MM-DD` when the stated date could be read as a calendar date, else the stated string as found. */
  date?: string;
  url?: string;
  /** Where title and date came from, and the author, when the format states them (see metadata.ts). */
  titleSource?: import('./metadata.ts').TitleSource;
  dateSource?: import('./metadata.ts').DateSource;
  author?: string;
  authorSource?: import('./metadata.ts').AuthorSource;
  /** Set by the run (see pipeline/language.ts): ISO 639-3 code or `und`. */
  language?: string;
  /** 1-based line of a JSONL record. */
  line?: number;
}

/**
 * Every status a {@link FileProblem} can carry.
 * - `empty`: no bytes, only whitespace, or (HTML) no text in the document, or (JSONL) no records / a record whose text is blank.
 * - `binary`: not text (known magic number such as PNG/PDF/ZIP, NUL bytes, or mostly control characters).
 * - `too-large`: larger than `InputOptions.maxBytes` (a file, a decompressed `.gz`, or one JSONL record); not read.
 * - `bad-gzip`: a `.gz` file whose compressed data is damaged or cut short (for JSONL: from the line named on).
 * - `bad-filename`: the name (or a folder name in the path) is not valid UTF-8, so it cannot be opened by the name listed.
 * - `unreadable`: the file system refused (permissions, I/O error, path too long…).
 * - `missing`: the file disappeared between discovery and loading.
 * - `broken-symlink`: a symbolic link whose target does not exist.
 * - `symlink-loop`: a symbolic link that (indirectly) points to itself.
 * - `outside-root`: a symbolic link whose target lies outside the input root; never read.
 * - `not-a-file`: a directory, FIFO, socket or device whose name looks like an input file.
 * - `bad-record`: a JSONL line that is not JSON or lacks a valid `id`/`text` (see `line`).
 * - `duplicate-id`: a JSONL record whose `id` an earlier line of the same file already used (see `line`).
 * - `internal-error`: an unexpected failure inside the input layer (a bug); the reason holds the message.
 */
export type ProblemStatus =
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'bad-gzip'
  | 'bad-filename'
  | 'unreadable'
  | 'missing'
  | 'broken-symlink'
  | 'symlink-loop'
  | 'outside-root'
  | 'not-a-file'
  | 'bad-record'
  | 'duplicate-id'
  | 'internal-error';

/** A file that yields no article still yields one of these, so nothing found is ever lost. */
export interface FileProblem {
  articleId: string;
  sourcePath: string;
  /** Machine-readable status, e.g. `empty`, `binary`, `too-large`, `unreadable`, `broken-symlink`, `not-a-file`, `bad-record`; the input layer only
   * emits {@link ProblemStatus} values; the type stays `string` so later stages may add their own. */
  status: string;
  /** A sentence for a person. */
  reason: string;
  line?: number;
}

export interface LoadedFile {
  sourcePath: string;
  articles: RawArticle[];
  problems: FileProblem[];
}

export interface InputEntry {
  /** Absolute path. */
  path: string;
  /** Path under the input root, forward slashes. */
  relativePath: string;
  /**
   * Absolute input root (set by `discoverInputs`). Symbolic links must resolve inside it. When absent it
   * is derived from `path` and `relativePath`.
   */
  root?: string;
  /** Set by `discoverInputs` when the entry could not even be listed (an unreadable directory). */
  discoveryProblem?: { status: ProblemStatus; reason: string };
  /** Standard input (`-` on the command line): read as one article, or as JSON Lines when it starts with `{`. */
  stdin?: boolean;
}
