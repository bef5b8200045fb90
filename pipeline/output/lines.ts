/**
 * One JSONL output file, written through a buffered stream. A write error is kept in a flag set by the stream's
 * 'error' event and thrown by the next write or by close; a write only waits when the stream asks for it
 * (backpressure), and only that wait listens for an error. Nothing stays attached to the stream per line, so a
 * run's memory does not grow with the number of lines it writes.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/**
 * Bytes the stream buffers before it asks the writer to wait. Node's 16 KB default makes a system call every 30 or so
 * quote lines; 1 MB cuts the CPU spent writing a large run to about a third, for 1 MB of memory per output file.
 */
const BUFFER_BYTES = 1 << 20;

/**
 * Bytes gathered before they go to the stream: the stream keeps an entry per chunk, which per line cost three times
 * the CPU of one chunk per 64 KB. Lines are encoded straight into the chunk: a string batch had to be flattened and
 * then copied into a new Buffer by the stream (200,000 quote records: about a quarter less CPU for the writer).
 */
const CHUNK_BYTES = 1 << 16;
/** UTF-8 takes at most three bytes per UTF-16 code unit (a surrogate pair: four for two). */
const MAX_BYTES_PER_UNIT = 3;

export class LineWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  /** Lines written and not yet handed to the stream: `chunk[0, used)`; close hands them over. */
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private used = 0;

  constructor(file: string) {
    this.stream = createWriteStream(file, { highWaterMark: BUFFER_BYTES });
    this.stream.on('error', (error) => { this.failure ??= error; });
  }

  /** Writes `value` as one JSON line; waits for 'drain' when the buffer is full (or until `signal` aborts). */
  async write(value: unknown, signal?: AbortSignal): Promise<void> {
    return this.writeLines(`${JSON.stringify(value)}\n`, signal);
  }

  /**
   * Writes lines already made (each ending in a newline), as `write` would have written their records: a string,
   * or its UTF-8 bytes.
   */
  async writeLines(lines: string | Uint8Array, signal?: AbortSignal): Promise<void> {
    if (this.failure) throw this.failure;
    const room = typeof lines === 'string' ? MAX_BYTES_PER_UNIT * lines.length : lines.length;
    if (this.used + room <= this.chunk.length) {
      this.used += this.put(lines, this.used);
      return;
    }
    // The chunk may not hold the lines: hand it over, and put them into a new one (as long as they need).
    const flowing = this.used === 0 || this.handOver();
    if (room > this.chunk.length) this.chunk = Buffer.allocUnsafeSlow(room);
    this.used = this.put(lines, 0);
    if (flowing) return;
    // events.once rejects if 'error' comes first, and removes both of its listeners either way.
    await once(this.stream, 'drain', signal ? { signal } : {});
  }

  /** Lines into the chunk at `at` (which has room for them): the bytes they took. */
  private put(lines: string | Uint8Array, at: number): number {
    if (typeof lines === 'string') return this.chunk.write(lines, at);
    this.chunk.set(lines, at);
    return lines.length;
  }

  /** The chunk to the stream (which keeps it), a new one here; false when the stream asks to wait for 'drain'. */
  private handOver(): boolean {
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
    return this.stream.write(full);
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.used > 0) this.handOver();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}
