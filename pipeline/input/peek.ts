/** Reading the start of a stream to decide how to read it, without losing what was read. */

/**
 * Takes chunks of `source` until `enough(head)` says the bytes so far suffice (or the source ends), and returns
 * them with the whole source again as an iterable (the taken chunks first, then the rest).
 */
export async function peek(source: AsyncIterable<Buffer | string>, enough: (head: Buffer) => boolean): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let head = Buffer.alloc(0);
  let ended = false;
  while (!enough(head)) {
    const next = await iterator.next();
    if (next.done) { ended = true; break; }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    taken.push(chunk);
    head = Buffer.concat([head, chunk]);
  }
  async function* all(): AsyncGenerator<Buffer> {
    yield* taken;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { head, all: all() };
}
