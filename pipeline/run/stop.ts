/** Stopping a run from outside (SIGINT, SIGTERM, the parent process gone): the reason travels in an AbortSignal. */

/** Why a run was stopped; the CLI turns it into a message and an exit code (128 + signal number). */
export class RunStopped extends Error {
  constructor(readonly reason: NodeJS.Signals, readonly detail: string) {
    super(detail);
  }
}

export function stopReason(signal: AbortSignal): RunStopped {
  return signal.reason instanceof RunStopped ? signal.reason : new RunStopped('SIGTERM', 'stopped');
}

/** Throws the stop reason when `signal` has aborted. */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw stopReason(signal);
}

/**
 * `promise`, or a rejection with the stop reason as soon as `signal` aborts. The abort listener is removed when
 * `promise` settles, so calling this once per file retains nothing.
 */
export function untilStopped<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => undefined);
      reject(stopReason(signal));
      return;
    }
    const onAbort = (): void => reject(stopReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}
