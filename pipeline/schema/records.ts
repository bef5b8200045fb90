/**
 * The output records, one zod schema per file: the one truth about their shape. The TypeScript types
 * (pipeline/records.ts, run.ts), the JSON Schema files (schema/*.schema.json, `npm run schema`), the README's
 * field tables and the readers (evaluate, the tests' output check) all come from here. Every field has a
 * `.describe()` text: it is the field's row in the README and its `description` in the JSON Schema.
 */
import { z } from 'zod';
import { CUE_CLASSES } from '../engine/cue-lexicon.ts';

const count = (text: string) => z.int().nonnegative().describe(text);
const offset = (text: string) => z.int().nonnegative().nullable().describe(text);

export const QUOTE_KINDS = ['direct', 'mixed', 'indirect'] as const;
export const QuoteKind = z.enum(QUOTE_KINDS);
export type QuoteKind = z.infer<typeof QuoteKind>;

export const RESOLUTIONS = ['name', 'surname', 'alias', 'pronoun', 'role', 'registry', 'continuation', 'mention', 'organization', 'none'] as const;
export const Resolution = z.enum(RESOLUTIONS);
export type Resolution = z.infer<typeof Resolution>;

export const SPEAKER_TYPES = ['person', 'organization'] as const;
export const SpeakerType = z.enum(SPEAKER_TYPES);
export type SpeakerType = z.infer<typeof SpeakerType>;

export const TITLE_SOURCES = ['json-ld', 'meta', 'html-title', 'front-matter', 'markdown-heading', 'first-line', 'jsonl'] as const;
export type TitleSource = (typeof TITLE_SOURCES)[number];
export const DATE_SOURCES = ['json-ld', 'meta', 'time-element', 'front-matter', 'dateline', 'header-line', 'jsonl'] as const;
export type DateSource = (typeof DATE_SOURCES)[number];
export const AUTHOR_SOURCES = ['json-ld', 'meta', 'front-matter'] as const;
export type AuthorSource = (typeof AUTHOR_SOURCES)[number];

/** Statuses of articles not read on purpose; every other status but `ok` is a failure. */
export const SKIPPED_STATUS_VALUES = ['too-large', 'outside-root', 'not-a-file', 'broken-symlink', 'symlink-loop', 'missing', 'unsupported-language'] as const;
export const FAILED_STATUS_VALUES = ['empty', 'binary', 'unreadable', 'bad-record', 'duplicate-id', 'bad-gzip', 'bad-filename', 'timeout', 'error', 'internal-error'] as const;
export const ArticleStatus = z.enum(['ok', ...SKIPPED_STATUS_VALUES, ...FAILED_STATUS_VALUES]);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

/** A speaker id: `spk_` and 16 hex digits (see schema/ids.ts). */
const SPEAKER_ID = /^spk_[0-9a-f]{16}$/;

export const QuoteRecord = z.strictObject({
  id: z.string().regex(/^q_[0-9a-f]{16}$/).describe('stable id of the record: `q_` and a hash of article id, kind and offsets'),
  article_id: z.string().min(1).describe('path of the article under the input folder, without extension (JSONL: `path#id`); the extension stays when two files share a name, or when the name alone reads as a number (`001.txt`), so that a table never turns an id into a number'),
  source_path: z.string().describe('path of the file under the input folder'),
  kind: QuoteKind.describe('`direct`, `mixed` or `indirect`'),
  text: z.string().describe('the quote span: for direct quotes the text inside the marks; for mixed and indirect the reported clause, without the source, the cue and "that"'),
  start: count('**Unicode code point** offset where `text` starts in the article text: Python\'s `article_text[start:end]`'),
  end: count('code point offset where `text` ends'),
  paragraph: count('0-based index of the paragraph (non-empty line) the quote is in'),
  sentence: count('0-based index of the sentence the quote is in'),
  utterance: count('segments of one utterance (`"A," he said. "B."`, or a quote continued into the next paragraph) share this number'),
  speaker: z.string().nullable().describe('canonical speaker; when nothing resolves the mention it is the mention itself without its article ("mayor" for "the mayor conceded", `resolution` `mention`); `null` when the quote has no source at all, or a pronoun has no antecedent'),
  speaker_id: z.string().regex(SPEAKER_ID).nullable().describe('the speaker\'s key in speakers.jsonl: the same for the same canonical speaker in every article and every run; a speaker nothing resolved (`resolution` `mention`) has an id of its own in each article; `null` when `speaker` is'),
  speaker_type: SpeakerType.nullable().describe('`person`, `organization` or `null`'),
  speaker_mention: z.string().nullable().describe('how the article refers to the speaker at this quote ("he", "the Kremlin spokesman", "Peskov")'),
  speaker_mention_start: offset('code point offset where that mention starts'),
  speaker_mention_end: offset('code point offset where that mention ends'),
  speaker_role: z.string().nullable().describe('the role written with the speaker, when there is one ("Kremlin spokesman")'),
  cue: z.string().nullable().describe('the cue word or phrase ("said", "told", "according to", "adding")'),
  cue_start: offset('code point offset where the cue starts'),
  cue_end: offset('code point offset where the cue ends'),
  cue_class: z.enum(CUE_CLASSES).nullable().describe('what kind of act the cue reports: `speech` or `belief` (and, in the attribution scope, `stance`, `intention`, `evidence`); `null` without a cue'),
  rule: z.string().nullable().describe('id of the rule or sieve that attributed the quote (see `rules/patterns/` and `rules/pipeline.json`); `null` when no rule found a source'),
  resolution: Resolution.describe('how the mention became the speaker: `name`, `surname` (full name found in the article), `alias` (registry spelling), `pronoun`, `role` (a role the article binds to a name), `registry` (`rules/speakers.json`), `organization`, `continuation` (same utterance as an attributed segment), `mention` (the mention itself), `none`'),
  confidence: z.number().min(0).max(1).describe('0–1: the rule\'s confidence times the resolution\'s'),
}).describe('quotes.jsonl: one line per quote segment, in article order');
export type QuoteRecord = z.infer<typeof QuoteRecord>;

export const ArticleRecord = z.strictObject({
  article_id: z.string().min(1).describe('as in quotes.jsonl'),
  source_path: z.string().describe('path of the file under the input folder'),
  title: z.string().nullable().describe('the title the article states; `null` rather than a guess'),
  title_source: z.enum(TITLE_SOURCES).nullable().describe('where the title came from: `json-ld` (HTML `headline`), `meta` (`og:title` and the like), `html-title` (`<title>`), `front-matter` (YAML between `---` lines), `markdown-heading` (`# Title`, without the `#`), `first-line` (the first line above the body that reads as a headline: not a date, byline or score such as "Rovers 3, United 1"), `jsonl`; `null` without a title'),
  date: z.iso.date().nullable().describe('the date the article states, as `YYYY-MM-DD`; `null` when it states none, or none that reads as a calendar date ("yesterday", "03/05/2024")'),
  date_source: z.enum(DATE_SOURCES).nullable().describe('`json-ld` (`datePublished`), `meta` (`article:published_time` and the like), `time-element` (the first `<time datetime>` outside navigation and comments), `front-matter`, `header-line` (a line above the body that states the date: "Wed Dec 21, 2016 6:13PM"), `dateline` (opening the first paragraph: "WASHINGTON, March 3, 2025 (Reuters) -"; a dateline without a year gives no date), `jsonl`; `null` without a date. Dates in the body\'s prose ("the attacks of September 11, 2001") are never taken'),
  author: z.string().nullable().describe('the author the article states; `null` rather than a guess'),
  author_source: z.enum(AUTHOR_SOURCES).nullable().describe('`json-ld`, `meta` (`author`, `article:author`…) or `front-matter`; `null` without an author'),
  url: z.string().nullable().describe('the URL the article states (JSONL `url`)'),
  language: z.string().nullable().describe('ISO 639-3 code detected on the text (`eng`, `rus`…), `und` when too short to tell; `null` when not read'),
  status: ArticleStatus.describe('`ok`, or why not (see the statuses below)'),
  reason: z.string().nullable().describe('a sentence saying what happened, for any status but `ok`'),
  quotes: count('number of quote records'),
  chars: count('length of the article text in code points'),
  format: z.enum(['text', 'markdown', 'html', 'jsonl']).nullable().describe('`text`, `markdown`, `html` or `jsonl`; `null` when not read'),
  encoding: z.string().nullable().describe('the encoding the bytes were decoded from'),
  offsets: z.string().describe('what `start`/`end` count: code points of the decoded text (HTML: of the extracted text)'),
  paragraphs: count('number of paragraphs'),
  sentences: count('number of sentences'),
  line: z.int().positive().nullable().describe('for JSONL input, the record\'s line number'),
  text: z.string().nullable().optional().describe('with `--article-text`: the article text that `start`/`end` refer to (`null` for rows that are not `ok`)'),
}).describe('articles.jsonl: one line for every input file (every JSONL record)');
export type ArticleRecord = z.infer<typeof ArticleRecord>;

export const SpeakerRecord = z.strictObject({
  speaker_id: z.string().regex(SPEAKER_ID).describe('the key: `speaker_id` of the speaker\'s quotes; one line per id'),
  name: z.string().describe('the canonical name (for an unresolved speaker, the mention)'),
  type: SpeakerType.nullable().describe('`person`, `organization` or `null`'),
  scope: z.enum(['corpus', 'article']).describe('`corpus`: one speaker across articles and runs; `article`: a speaker nothing resolved ("the company"), which another article\'s "company" need not be, so it has one id (and one line) per article'),
  roles: z.array(z.string()).describe('roles seen with the speaker'),
  mentions: z.array(z.string()).describe('every way the articles referred to them'),
  quotes: count('number of quotes'),
  articles: z.array(z.string()).describe('ids of the articles they are quoted in'),
}).describe('speakers.jsonl: one line per speaker, keyed by speaker_id');
export type SpeakerRecord = z.infer<typeof SpeakerRecord>;

const sample = z.array(z.string()).describe('up to 20 paths');

export const DiscoveryReport = z.strictObject({
  include: z.array(z.string()).nullable().describe('the --include patterns; `null`: every file with an input extension'),
  exclude: z.array(z.string()).describe('the exclude patterns in force'),
  not_read: z.strictObject({
    count: count('files not read'),
    by_extension: z.record(z.string(), z.int()).describe('by extension: `{".json": 3, "(hidden)": 2, "(none)": 1}`'),
    sample,
  }).describe('files found but not read (other extensions, hidden files)'),
  excluded: z.strictObject({ count: count('files excluded'), sample }).describe('files matching --exclude'),
  folders_not_searched: z.strictObject({ count: count('folders not searched'), sample }).describe('`node_modules` and hidden folders (their contents are not counted)'),
}).describe('what was found but not read');
export type DiscoveryReport = z.infer<typeof DiscoveryReport>;

export const OUTPUT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export const OutputFormat = z.enum(OUTPUT_FORMATS);
export type OutputFormat = z.infer<typeof OutputFormat>;

export const RunSummary = z.strictObject({
  $schema: z.literal('run.schema.json').describe('the JSON Schema of this file, written beside it (`run.schema.json`)'),
  version: z.string().describe('version of the tool'),
  input_root: z.string().describe('the input folder (`-` for standard input)'),
  output: z.string().describe('the output folder'),
  format: OutputFormat.describe('the format of the three record files: `jsonl`, `csv` or `parquet` (`--format`)'),
  options: z.strictObject({
    max_bytes: count('--max-bytes'),
    concurrency: count('--concurrency'),
    workers: count('worker threads used'),
    article_text: z.boolean().describe('--article-text'),
    article_timeout_ms: count('--article-timeout-ms'),
    any_language: z.boolean().describe('--any-language'),
    scope: z.enum(['speech', 'attribution']).describe('--scope: which cue classes the rules read'),
    rules: z.string().describe('the rules folder'),
  }).describe('the options in force'),
  counts: z.strictObject({
    files: count('files found'),
    files_ok: count('files with at least one article ok'),
    files_failed: count('files that failed (files_ok + files_skipped + files_failed = files)'),
    files_skipped: count('files not read on purpose'),
    files_not_read: count('files of other extensions, hidden files'),
    files_excluded: count('files matching --exclude'),
    folders_not_searched: count('`node_modules`, hidden folders'),
    articles: count('rows of articles: one per text file, one per JSONL line'),
    ok: count('articles ok'),
    failed: count('articles failed (ok + failed + skipped = articles)'),
    skipped: count('articles skipped'),
    quotes: count('quote records'),
    speakers: count('speaker records'),
  }).describe('what was found, read and written'),
  timings: z.strictObject({
    seconds: z.number().nonnegative().describe('wall time'),
    articles_per_second: z.number().nonnegative().describe('ok articles per second'),
    mb_per_second: z.number().nonnegative().describe('megabytes of text per second'),
    peak_rss_mb: z.number().nonnegative().describe('peak resident memory'),
  }).describe('how long it took'),
  discovery: DiscoveryReport,
  started_at: z.iso.datetime().describe('when the run started (ISO 8601, UTC)'),
  finished_at: z.iso.datetime().describe('when it finished'),
}).describe('run.json: what the run did');
export type RunSummary = z.infer<typeof RunSummary>;

/** The record files and their schemas, by the name their file starts with. */
export const RECORD_SCHEMAS = { quotes: QuoteRecord, articles: ArticleRecord, speakers: SpeakerRecord } as const;
export type RecordFile = keyof typeof RECORD_SCHEMAS;
export const ALL_SCHEMAS = { ...RECORD_SCHEMAS, run: RunSummary } as const;
