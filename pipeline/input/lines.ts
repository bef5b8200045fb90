/**
 * Lines of a byte stream with bounded memory: LF, CRLF and lone CR end a line (a JSON text never holds a raw CR
 * or LF, so this never splits a record). A line longer than `maxLineBytes` is not kept: its bytes are counted
 * and dropped as they arrive, so one huge record costs no more memory than the limit.
 */

export type Line =
  | { line: number; bytes: Buffer }
  | { line: number; tooLarge: number };

const LF = 0x0a;
const CR = 0x0d;

function nextBreak(chunk: Buffer, from: number): number {
  // Two indexOf calls are native and fast; a byte loop in JavaScript would be slower on big chunks.
  const lf = chunk.indexOf(LF, from);
  const cr = chunk.indexOf(CR, from);
  if (lf < 0) return cr;
  if (cr < 0) return lf;
  return Math.min(lf, cr);
}

export async function* splitLines(source: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  let afterCr = false;
  const take = (chunk: Buffer, start: number, end: number): void => {
    const length = end - start;
    if (length <= 0) return;
    if (size + length <= maxLineBytes) parts.push(chunk.subarray(start, end));
    else parts = [];
    size += length;
  };
  const finish = (): Line => {
    const done: Line = size > maxLineBytes
      ? { line, tooLarge: size }
      : { line, bytes: parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts, size) };
    parts = [];
    size = 0;
    line++;
    return done;
  };
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    let start = 0;
    if (afterCr && chunk.length > 0) {
      if (chunk[0] === LF) start = 1;
      afterCr = false;
    }
    for (;;) {
      const at = nextBreak(chunk, start);
      if (at < 0) {
        take(chunk, start, chunk.length);
        break;
      }
      take(chunk, start, at);
      yield finish();
      if (chunk[at] === CR) {
        if (at + 1 < chunk.length) start = chunk[at + 1] === LF ? at + 2 : at + 1;
        else { afterCr = true; start = at + 1; }
      } else start = at + 1;
    }
  }
  if (size > 0) yield finish();
}
