/**
 * Running out of file descriptors (EMFILE: this process, ENFILE: the whole system) says nothing about the file
 * being opened: it is back-pressure. Calls that open descriptors are retried with a growing pause (as
 * graceful-fs does by queueing), so that `--concurrency 300` under `ulimit -n 256` reads every file.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Pauses between attempts grow from FIRST_PAUSE_MS to MAX_PAUSE_MS; after GIVE_UP_MS the error stands. */
const FIRST_PAUSE_MS = 5;
const MAX_PAUSE_MS = 500;
const GIVE_UP_MS = 60_000;

export const isOutOfDescriptors = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
};

/** `fn()`, retried while it fails for want of file descriptors. */
export async function retryOnFdShortage<T>(fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isOutOfDescriptors(error) || Date.now() - started > GIVE_UP_MS) throw error;
      // Jitter keeps hundreds of waiting reads from all retrying at the same instant.
      await sleep(pause * (0.5 + Math.random()));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }
}

/** The callback form, for fast-glob's `fs.readdir` adapter. */
export function retryCallbackOnFdShortage<R>(call: (done: (error: NodeJS.ErrnoException | null, result?: R) => void) => void, done: (error: NodeJS.ErrnoException | null, result?: R) => void): void {
  const started = Date.now();
  let pause = FIRST_PAUSE_MS;
  const attempt = (): void => call((error, result) => {
    if (error && isOutOfDescriptors(error) && Date.now() - started <= GIVE_UP_MS) {
      setTimeout(attempt, pause * (0.5 + Math.random()));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
      return;
    }
    done(error, result);
  });
  attempt();
}
