/**
 * compromise's answers, shared among the threads of a run. Each thread keeps its own caches of what compromise said
 * (clause-reading.ts, word-tags.ts), and a question costs a millisecond or two while compromise is still cold. Left
 * alone, every lane of a run asks the same new phrases once each: on 20,000 bench articles the main thread and the
 * worker thread each asked the same ~750. With sharing on, a thread that computes an answer posts it on a
 * BroadcastChannel, and the other threads keep it: when their event loop turns (the main thread turns it between
 * two units), and before they ask compromise themselves (`takeSharedAnswers`), since a worker thread waits for its
 * next task without turning its loop (piscina's synchronous hand-over). A phrase is then mostly asked once per run.
 *
 * An answer is what compromise's tagger build says of the same text, whichever thread asks it, so who computed it
 * changes nothing in the output; sharing only saves the asking. It is on only while a worker pool runs (pool.ts,
 * worker-main.ts): a run in the main thread alone has nobody to share with.
 */
import { BroadcastChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { BoundedCache } from './bounded-cache.ts';

/** Puts an answer another thread computed into this thread's cache (when it is well formed and not held already). */
type Receiver = (key: string, posted: unknown) => void;

const CHANNEL_NAME = 'who-said-what:compromise-answers';
const receivers = new Map<string, Receiver>();
let channel: BroadcastChannel | undefined;
/** Pools (and worker entries) that asked for sharing and have not stopped: the channel closes at zero. */
let users = 0;

/**
 * A cache of compromise's answers (one per module) whose misses this thread shares: `lookup` keeps what another
 * thread posted, and posts what it computes itself. `fromPost` checks a posted answer and makes the cached value
 * (undefined: not well formed); `toPost` makes what is posted of a value.
 */
export class SharedCache<V extends NonNullable<unknown>> {
  constructor(
    private readonly name: string,
    private readonly cache: BoundedCache<string, V>,
    fromPost: (posted: unknown) => V | undefined,
    private readonly toPost: (value: V) => unknown = (value) => value,
  ) {
    receivers.set(name, (key, posted) => {
      if (cache.get(key) !== undefined) return;
      const value = fromPost(posted);
      if (value !== undefined) cache.set(key, value);
    });
  }

  /** The answer for `key`: held, posted by another thread (which may have asked compromise already), or made now. */
  lookup(key: string, make: (key: string) => V): V {
    let value = this.cache.get(key);
    if (value === undefined && takeSharedAnswers()) value = this.cache.get(key);
    if (value === undefined) {
      value = make(key);
      this.cache.set(key, value);
      channel?.postMessage([this.name, key, this.toPost(value)]);
    }
    return value;
  }
}

/** Turns sharing on in this thread (counted: each call is matched by a `stopSharingAnswers`). */
export function startSharingAnswers(): void {
  users++;
  if (channel) return;
  channel = new BroadcastChannel(CHANNEL_NAME);
  // The channel never keeps a thread alive: a run ends when its work does.
  channel.unref();
  // A listener also starts the channel: until one is set, what others post is not kept for this thread.
  channel.onmessage = (event) => receive((event as { data?: unknown }).data);
}

function receive(data: unknown): void {
  if (!Array.isArray(data) || data.length !== 3) return;
  const [cache, key, value] = data as unknown[];
  if (typeof cache !== 'string' || typeof key !== 'string') return;
  receivers.get(cache)?.(key, value);
}

/** Keeps, now, every answer the other threads posted that this thread has not read yet; true if there was one. */
export function takeSharedAnswers(): boolean {
  if (!channel) return false;
  // Node reads a BroadcastChannel here as it reads a port (since 15.12); @types/node 20 declares only the port.
  const port = channel as unknown as MessagePort;
  let took = false;
  for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
    receive(message.message);
    took = true;
  }
  return took;
}

/** Ends one `startSharingAnswers`; the last one closes the channel. */
export function stopSharingAnswers(): void {
  if (users === 0) return;
  users--;
  if (users > 0 || !channel) return;
  channel.close();
  channel = undefined;
}

/** Whether this thread shares its answers now (tests). */
export const sharingAnswers = (): boolean => channel !== undefined;
