/**
 * Writes the report of an output folder, with the output folder's rules: it reads only a folder the tool wrote
 * (its marker), holds the folder's lock while it reads (so no run swaps the files under it), and replaces a file
 * only if the tool wrote it: `report.html` in the output folder once the marker lists it, any other file only
 * with `force`. The file is written beside its place and renamed into it, so a stopped or failed write leaves
 * the previous report as it was.
 */
import { createWriteStream, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { isRunning, LOCK_DIR } from '../output/lock.ts';
import { addToMarker, lockOutputFolder, MARKER_FILE, markerFiles, OUTPUT_FILES, OutputError, OutputRefusal, writtenByUs } from '../output/folder.ts';
import { stopReason, throwIfStopped } from '../run/stop.ts';
import { buildReportData, ReportInputError } from './data.ts';
import { reportChunks } from './template.ts';

export const REPORT_FILE = 'report.html';

export interface ReportOptions {
  /** An output folder written by `npm run extract`. */
  outputDir: string;
  /** Where the report goes; default `<outputDir>/report.html`. */
  file?: string;
  /** Replace `file` even though the tool did not write it (never one of the output files). */
  force?: boolean;
  /** Stops the write (SIGINT, SIGTERM): nothing is replaced. */
  signal?: AbortSignal;
}

export interface ReportResult {
  file: string;
  bytes: number;
  articles: number;
  quotes: number;
  speakers: number;
  /** Whether the output held the article texts (else the report shows quotes without their articles' text). */
  hasText: boolean;
}

const exists = (file: string): boolean => {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
};

export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const dir = path.resolve(options.outputDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new OutputRefusal(`the output folder ${dir} does not exist`);
  if (!writtenByUs(dir)) throw new OutputRefusal(`${dir} is not an output folder of this tool (it has no ${MARKER_FILE}): give the folder that npm run extract wrote (its --out)`);
  const target = options.file === undefined ? path.join(dir, REPORT_FILE) : path.resolve(options.file);
  const inFolder = path.dirname(target) === dir;
  const name = path.basename(target);
  if (inFolder && ([...OUTPUT_FILES, MARKER_FILE, LOCK_DIR] as string[]).includes(name)) {
    throw new OutputRefusal(`${target} is one of the tool's output files; the report goes elsewhere (default: ${path.join(dir, REPORT_FILE)})`);
  }
  const ours = inFolder && name === REPORT_FILE;

  const lock = await lockOutputFolder(dir);
  const partial = path.join(path.dirname(target), `.${name}.partial-${process.pid}`);
  try {
    if (exists(target)) {
      if (lstatSync(target).isDirectory()) throw new OutputRefusal(`${target} is a folder; give a file name with --out`);
      const listed = ours && (markerFiles(dir) ?? []).includes(REPORT_FILE);
      if (!listed && !options.force) {
        throw new OutputRefusal(`${target} exists and this tool did not write it${ours ? ` (${MARKER_FILE} does not list it)` : ''}; nothing was replaced. Choose another --out, or pass --force to replace it`);
      }
    }
    await clearDeadPartials(path.dirname(target), name);
    const data = await buildReportData(dir);
    throwIfStopped(options.signal);
    const bytes = await writeChunks(partial, reportChunks(data), options.signal);
    throwIfStopped(options.signal);
    await rename(partial, target);
    if (ours) await addToMarker(dir, REPORT_FILE);
    return { file: target, bytes, articles: data.articles.length, quotes: data.quotes.length, speakers: data.speakers.length, hasText: data.has_text };
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    if (options.signal?.aborted) throw stopReason(options.signal);
    if (error instanceof OutputRefusal || error instanceof ReportInputError || error instanceof OutputError) throw error;
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw new OutputError(`writing the report ${target} failed (${error.code}): ${error.message}; nothing was replaced`);
    }
    throw error;
  } finally {
    lock.release();
  }
}

/** Writes the pieces to `file` as they come (a large report is never one string); returns the bytes written. */
async function writeChunks(file: string, chunks: Iterable<string>, signal: AbortSignal | undefined): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    for (const chunk of chunks) {
      throwIfStopped(signal);
      bytes += Buffer.byteLength(chunk);
      // once() rejects when the stream fails while we wait.
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
    return bytes;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** Removes what a killed write of `name` left beside it (`.name.partial-<pid>` of a process that is gone). */
async function clearDeadPartials(folder: string, name: string): Promise<void> {
  const prefix = `.${name}.partial-`;
  for (const entry of readdirSync(folder)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(path.join(folder, entry), { force: true });
  }
}
