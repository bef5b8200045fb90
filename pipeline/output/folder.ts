/**
 * The output folder: what the tool may write there, and how a new result replaces the previous one.
 *
 * - It refuses an output folder that is, or lies inside, the input folder (a later run would read the outputs as
 *   articles), and one holding any of the output names that the tool did not write. What the tool wrote is listed
 *   in a marker file, `.who-said-what.json`, kept beside the outputs; `force` overrides the second refusal only.
 * - One run at a time per output folder (lock.ts); the lock of a run that is gone is taken over.
 * - The new output is written to `.partial-<pid>` inside the folder and renamed into place only when complete.
 *   Leftover partial folders of runs that are gone are removed; a live run's never are.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_FORMATS } from '../schema/records.ts';
import { FolderLock, FolderLocked, isRunning } from './lock.ts';
import { outputFiles } from './names.ts';

/** The files of a JSON Lines run (the default): records, their JSON Schemas, and run.json last. */
export const OUTPUT_FILES = outputFiles('jsonl');
/** Every name the tool may write here, in any format: a folder holding one of them holds output. */
export const KNOWN_OUTPUT_FILES: readonly string[] = [...new Set(OUTPUT_FORMATS.flatMap(outputFiles))];
/** What versions before the marker wrote (and recorded in run.json). */
const LEGACY_FILES = ['quotes.jsonl', 'articles.jsonl', 'speakers.jsonl', 'run.json'];
export const MARKER_FILE = '.who-said-what.json';
/** Files the tool may add to an output folder after a run (`npm run report`); the marker keeps them while they exist. */
export const EXTRA_FILES = ['report.html'] as const;
export { LOCK_DIR } from './lock.ts';
const TOOL = 'who-said-what';
const MARKER_NOTE = 'Files written by who-said-what in this folder; it replaces only these.';

/** The output folder cannot be used; nothing was written (exit 2). */
export class OutputRefusal extends Error {}
/** Writing the output failed; the previous output is intact (exit 1). */
export class OutputError extends Error {}

export interface OutputFolderOptions {
  /** The input folder: the output folder may be neither it nor inside it. */
  inputRoot?: string;
  /** Replace output files that the marker does not list as the tool's own. */
  force?: boolean;
  /** The names this run writes (default: those of a JSON Lines run); run.json must be last. */
  files?: readonly string[];
}

/** Real path of `target`, which need not exist yet: its nearest existing ancestor resolved, the rest appended. */
function realPathOf(target: string): string {
  const rest: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(target);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

const isInside = (child: string, parent: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
};

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Takes the output folder's lock: another live run holding it is a refusal (exit 2), any other failure an error. */
export async function lockOutputFolder(dir: string): Promise<FolderLock> {
  try {
    return await FolderLock.acquire(dir);
  } catch (error) {
    if (error instanceof FolderLocked) throw new OutputRefusal(error.message);
    throw new OutputError(`cannot lock the output folder ${dir}: ${errorText(error)}`);
  }
}

/** The files the tool's marker in `dir` lists; null without a marker of the tool's. */
export function markerFiles(dir: string): string[] | null {
  try {
    const marker = JSON.parse(readFileSync(path.join(dir, MARKER_FILE), 'utf8')) as { tool?: unknown; files?: unknown };
    if (marker.tool === TOOL && Array.isArray(marker.files)) return marker.files.filter((name): name is string => typeof name === 'string');
  } catch {
    // no marker, or not ours
  }
  return null;
}

/** Lists `name` (one of EXTRA_FILES, just written) in the marker of `dir`, an output folder of the tool's. */
export async function addToMarker(dir: string, name: (typeof EXTRA_FILES)[number]): Promise<void> {
  const files = markerFiles(dir);
  if (files === null) throw new OutputError(`${dir} has no ${MARKER_FILE} of this tool's`);
  if (files.includes(name)) return;
  const marker = { tool: TOOL, note: MARKER_NOTE, files: [...files, name], updated_at: new Date().toISOString() };
  const partial = path.join(dir, `${MARKER_FILE}.partial-${process.pid}`);
  await writeFile(partial, `${JSON.stringify(marker, null, 2)}\n`);
  await rename(partial, path.join(dir, MARKER_FILE));
}

/** Whether output files present in `dir` are the tool's: listed in its marker, or (older versions) in its run.json. */
export function writtenByUs(dir: string): boolean {
  return ownFiles(dir).size > 0;
}

/**
 * The output files in `dir` that are the tool's: those its marker lists or, for versions before the marker, the
 * four files of a run whose run.json names this folder.
 */
function ownFiles(dir: string): Set<string> {
  try {
    const marker = JSON.parse(readFileSync(path.join(dir, MARKER_FILE), 'utf8')) as { tool?: unknown; files?: unknown };
    if (marker.tool === TOOL && Array.isArray(marker.files)) return new Set(marker.files.filter((name): name is string => typeof name === 'string'));
  } catch {
    // no marker, or not ours
  }
  try {
    const run = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as { version?: unknown; output?: unknown; counts?: unknown };
    if (typeof run.version === 'string' && typeof run.counts === 'object' && run.output === dir) return new Set(LEGACY_FILES);
  } catch {
    // not ours either
  }
  return new Set();
}

const present = (dir: string, name: string): boolean => existsSync(path.join(dir, name)) || isLink(path.join(dir, name));

export class OutputFolder {
  private finished = false;

  private constructor(
    private readonly lock: FolderLock,
    /** The output folder (absolute). */
    readonly dir: string,
    /** Where this run writes; renamed into place by commit(). */
    readonly partial: string,
    /** Whether the folder already holds output files (a previous run's, or ones --force lets us replace). */
    readonly hasPrevious: boolean,
    /** The names this run writes, run.json last. */
    private readonly files: readonly string[],
  ) {}

  /** Checks the folder, takes its lock, clears dead runs' leftovers, and creates this run's partial folder. */
  static async open(out: string, options: OutputFolderOptions = {}): Promise<OutputFolder> {
    const dir = path.resolve(out);
    if (options.inputRoot && existsSync(options.inputRoot)) {
      const realIn = realPathOf(options.inputRoot);
      const realOut = realPathOf(dir);
      if (isInside(realOut, realIn)) {
        throw new OutputRefusal(realOut === realIn
          ? `the output folder ${dir} is the input folder; the outputs would replace or be read as articles. Choose an output folder outside ${options.inputRoot}`
          : `the output folder ${dir} is inside the input folder ${options.inputRoot}; the next run would read the outputs as articles. Choose an output folder outside it`);
      }
    }
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new OutputError(`cannot write to the output folder ${dir}: ${errorText(error)}`);
    }

    const lock = await lockOutputFolder(dir);
    const files = options.files ?? OUTPUT_FILES;
    const folder = new OutputFolder(lock, dir, path.join(dir, `.partial-${process.pid}`), KNOWN_OUTPUT_FILES.some((name) => present(dir, name)), files);
    try {
      // Only the files this run would replace matter: another format's files that are not ours stay untouched.
      const own = ownFiles(dir);
      const foreign = files.filter((name) => present(dir, name) && !own.has(name));
      if (foreign.length > 0 && !options.force) {
        throw new OutputRefusal(`the output folder ${dir} holds ${foreign.join(', ')}, which this tool did not write (${own.size === 0 ? `there is no ${MARKER_FILE} listing them` : `its ${MARKER_FILE} does not list them`}); nothing was replaced. Choose another --out, or pass --force to replace them`);
      }
      await folder.clearDeadPartials();
      await mkdir(folder.partial, { recursive: true });
    } catch (error) {
      await folder.discard();
      if (error instanceof OutputRefusal) throw error;
      throw new OutputError(`cannot write to the output folder ${dir}: ${errorText(error)}`);
    }
    return folder;
  }

  /** Puts the partial folder's outputs in place of the previous ones, records them in the marker, and unlocks. */
  async commit(): Promise<void> {
    if (!this.lock.stillHeld()) throw new OutputError(`the lock on the output folder ${this.dir} was removed or taken over; another run may be writing there, so this run's output was not put in place`);
    // The previous run's files in another format (its marker lists them as ours) go, so that the folder holds
    // one result: quotes.csv beside a newer quotes.jsonl would be read as part of it.
    const stale = [...ownFiles(this.dir)].filter((name) => KNOWN_OUTPUT_FILES.includes(name) && !this.files.includes(name));
    // The old run.json goes first and the new one comes last: while run.json is absent the folder is mid-swap,
    // and when it is present the other files belong to it.
    await rm(path.join(this.dir, 'run.json'), { force: true });
    for (const name of stale) await rm(path.join(this.dir, name), { force: true });
    // A report written into the folder earlier stays the tool's to replace.
    const extras = (markerFiles(this.dir) ?? []).filter((name) => (EXTRA_FILES as readonly string[]).includes(name) && existsSync(path.join(this.dir, name)));
    const marker = { tool: TOOL, note: MARKER_NOTE, files: [...this.files, ...extras], updated_at: new Date().toISOString() };
    await writeFile(path.join(this.partial, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    await rename(path.join(this.partial, MARKER_FILE), path.join(this.dir, MARKER_FILE));
    for (const name of this.files) await rename(path.join(this.partial, name), path.join(this.dir, name));
    await this.discard();
  }

  /** Removes the partial folder and releases the lock; the previous output stays as it was. Safe to call twice. */
  async discard(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await rm(this.partial, { recursive: true, force: true }).catch(() => undefined);
    this.lock.release();
  }

  private async clearDeadPartials(): Promise<void> {
    for (const name of readdirSync(this.dir)) {
      const match = /^\.partial-(\d+)$/.exec(name);
      if (!match || path.join(this.dir, name) === this.partial) continue;
      // Under our lock no other run of ours writes here; a pid that still runs is left alone all the same.
      if (!isRunning(Number(match[1]))) await rm(path.join(this.dir, name), { recursive: true, force: true });
    }
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
