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
 * Text gathered before it goes to the stream: the stream turns each chunk into a Buffer and keeps an entry for it,
 * which per line cost three times the CPU of one chunk per 64 KB (200,000 quote lines: 140-180 ms against 50).
 */
const BATCH_CHARS = 1 << 16;

export class LineWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  /** Lines written and not yet handed to the stream (see BATCH_CHARS); close hands them over. */
  private batch = '';

  constructor(file: string) {
    this.stream = createWriteStream(file, { highWaterMark: BUFFER_BYTES });
    this.stream.on('error', (error) => { this.failure ??= error; });
  }

  /** Writes `value` as one JSON line; waits for 'drain' when the buffer is full (or until `signal` aborts). */
  async write(value: unknown, signal?: AbortSignal): Promise<void> {
    return this.writeLines(`${JSON.stringify(value)}\n`, signal);
  }

  /** Writes lines already made (each ending in a newline), as `write` would have written their records. */
  async writeLines(lines: string, signal?: AbortSignal): Promise<void> {
    if (this.failure) throw this.failure;
    this.batch += lines;
    if (this.batch.length < BATCH_CHARS) return;
    const batch = this.batch;
    this.batch = '';
    if (this.stream.write(batch)) return;
    // events.once rejects if 'error' comes first, and removes both of its listeners either way.
    await once(this.stream, 'drain', signal ? { signal } : {});
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.batch) this.stream.write(this.batch);
    this.batch = '';
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}
