/**
 * Sorted runs on disk for the speaker table (speakers.ts): an external sort and merge, so that aggregating the
 * speakers of 200,000 articles holds a bounded number of them in memory. A run is a JSON Lines file of values in
 * the order of a comparator; runs are merged a few at a time (every open run is one file descriptor), and a merge
 * of more runs than that goes in passes through intermediate runs. The files live in a folder inside the run's
 * partial folder (output/folder.ts), so a crash or a stop removes them with it.
 */
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Runs read at once by one merge: enough for few passes, few enough for a low descriptor limit (ulimit -n). */
export const MERGE_FAN_IN = 16;
/** Lines, or bytes (a large speaker's line is megabytes), gathered before one write to a run file. */
const WRITE_BATCH = 512;
/** Bytes gathered before one write to a placed file. */
const WRITE_BYTES = 256 * 1024;

export type Compare<T> = (a: T, b: T) => number;

export class SpillFolder {
  private next = 0;
  private created = false;

  constructor(readonly dir: string) {}

  /** Writes `values` (already in order) as a new run file and returns its path. */
  async writeRun(values: Iterable<unknown> | AsyncIterable<unknown>): Promise<string> {
    if (!this.created) {
      await mkdir(this.dir, { recursive: true });
      this.created = true;
    }
    const file = path.join(this.dir, `run-${this.next++}.jsonl`);
    const handle = await open(file, 'wx');
    try {
      let batch: string[] = [];
      let chars = 0;
      for await (const value of values) {
        const line = JSON.stringify(value);
        batch.push(line);
        chars += line.length;
        if (batch.length < WRITE_BATCH && chars < WRITE_BYTES) continue;
        await handle.write(`${batch.join('\n')}\n`);
        batch = [];
        chars = 0;
      }
      if (batch.length > 0) await handle.write(`${batch.join('\n')}\n`);
    } finally {
      await handle.close();
    }
    return file;
  }

  /**
   * The values of `runs` in one order: each run is in `compare`'s order, and among equal values those of an
   * earlier run come first. Merges in passes of MERGE_FAN_IN runs; the files are removed once read.
   */
  async *merge<T>(runs: string[], compare: Compare<T>): AsyncGenerator<T> {
    let pending = runs;
    while (pending.length > MERGE_FAN_IN) {
      const merged: string[] = [];
      for (let k = 0; k < pending.length; k += MERGE_FAN_IN) {
        const group = pending.slice(k, k + MERGE_FAN_IN);
        merged.push(group.length === 1 ? (group[0] ?? '') : await this.writeRun(mergeFiles<T>(group, compare)));
      }
      pending = merged;
    }
    yield* mergeFiles<T>(pending, compare);
  }

  /** A new file of values each read back by its place (see {@link PlacedFile}). */
  async placedFile(): Promise<PlacedFile> {
    if (!this.created) {
      await mkdir(this.dir, { recursive: true });
      this.created = true;
    }
    return PlacedFile.create(path.join(this.dir, `placed-${this.next++}.jsonl`));
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Bytes read from a run file at a time. */
const READ_BYTES = 64 * 1024;

/**
 * The values of one run file, line by line, read as they are asked for: a merge holds one chunk of each run and
 * the line at its head. (readline read ahead up to 1,024 lines a run: a run of a few large speakers was then read
 * whole, and a merge of 16 such runs held them all: 80 MB at the end of 200,000 articles.)
 */
async function* readRun<T>(file: string): AsyncGenerator<T> {
  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_BYTES);
    const decoder = new StringDecoder('utf8');
    // The start of a line that goes on in the next chunk (a large speaker's line spans many).
    let pieces: string[] = [];
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, READ_BYTES, null);
      const text = bytesRead === 0 ? decoder.end() : decoder.write(chunk.subarray(0, bytesRead));
      let from = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) {
        pieces.push(text.slice(from, end));
        const line = pieces.join('');
        pieces = [];
        from = end + 1;
        if (line) yield JSON.parse(line) as T;
      }
      if (from < text.length) pieces.push(text.slice(from));
      if (bytesRead === 0) break;
    }
    const last = pieces.join('');
    if (last) yield JSON.parse(last) as T;
  } finally {
    await handle.close();
  }
}

/** A k-way merge (k ≤ MERGE_FAN_IN: a scan for the least head is enough); ties go to the earlier run. */
async function* mergeFiles<T>(files: string[], compare: Compare<T>): AsyncGenerator<T> {
  const readers = files.map((file) => readRun<T>(file));
  try {
    const heads: Array<T | undefined> = [];
    const live: boolean[] = [];
    for (const [k, reader] of readers.entries()) {
      const first = await reader.next();
      live[k] = !first.done;
      heads[k] = first.done ? undefined : first.value;
    }
    for (;;) {
      let least = -1;
      for (let k = 0; k < readers.length; k++) {
        if (!live[k]) continue;
        if (least < 0 || compare(heads[k] as T, heads[least] as T) < 0) least = k;
      }
      if (least < 0) break;
      yield heads[least] as T;
      const next = await (readers[least] as AsyncGenerator<T>).next();
      live[least] = !next.done;
      heads[least] = next.done ? undefined : next.value;
    }
  } finally {
    await Promise.all(readers.map((reader) => reader.return(undefined)));
  }
  await Promise.all(files.map((file) => rm(file, { force: true })));
}

/** Where a value lies in a {@link PlacedFile}: its first byte and its length in bytes. */
export type Place = [at: number, bytes: number];

/**
 * Values written one after another and read back one at a time by their place, in any order: a merge that would
 * hold large values at the heads of its runs holds their places instead.
 */
export class PlacedFile {
  private size = 0;
  private pending: string[] = [];
  private pendingBytes = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string): Promise<PlacedFile> {
    return new PlacedFile(await open(file, 'wx+'));
  }

  async append(value: unknown): Promise<Place> {
    const line = `${JSON.stringify(value)}\n`;
    const bytes = Buffer.byteLength(line);
    const place: Place = [this.size, bytes];
    this.size += bytes;
    this.pending.push(line);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
    return place;
  }

  async read<T>([at, bytes]: Place): Promise<T> {
    await this.flush();
    const buffer = Buffer.allocUnsafe(bytes);
    let filled = 0;
    while (filled < bytes) {
      const { bytesRead } = await this.handle.read(buffer, filled, bytes - filled, at + filled);
      if (bytesRead === 0) throw new Error(`a spilled speaker file ended early (at byte ${at + filled} of ${this.size})`);
      filled += bytesRead;
    }
    return JSON.parse(buffer.toString('utf8')) as T;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(text);
  }
}
