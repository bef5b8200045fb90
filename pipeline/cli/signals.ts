/**
 * Stopping the CLI from outside. SIGINT, SIGTERM and SIGHUP abort the run (it then removes its temporary folder
 * and lock, keeps the previous output, and the CLI exits 128 + the signal's number); a second signal exits at
 * once. Started by npm, the run also stops when its parent goes away: npm killed by a scheduler does not pass
 * the signal through the shell it ran the script in, and the run would go on as an orphan.
 */
import { constants } from 'node:os';
import { RunStopped } from '../run/stop.ts';

// SIGHUP too (a closed terminal): node resets its disposition at start-up, so `nohup` never protected a run from it.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const PARENT_POLL_MS = 500;

export const exitCodeOf = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 15);

export interface StopWatch {
  readonly signal: AbortSignal;
  /** Removes the handlers: a signal from then on ends the process the default way. */
  dispose(): void;
}

export function watchForStop(options: { watchParent: boolean; onStop?: (stop: RunStopped) => void }): StopWatch {
  const controller = new AbortController();
  const stop = (reason: RunStopped, byUser: boolean): void => {
    if (controller.signal.aborted) {
      // A second signal: do not wait for the clean-up.
      if (byUser) process.exit(exitCodeOf(reason.reason));
      return;
    }
    clearInterval(timer);
    options.onStop?.(reason);
    controller.abort(reason);
  };
  const handlers = SIGNALS.map((name) => {
    const handler = (): void => stop(new RunStopped(name, `stopped by ${name}`), true);
    process.on(name, handler);
    return [name, handler] as const;
  });
  const parent = process.ppid;
  const timer = options.watchParent
    ? setInterval(() => {
      // Reparented: the process that started us (npm's shell, or npm) is gone.
      if (process.ppid !== parent) stop(new RunStopped('SIGTERM', `stopped: the process that started this run (pid ${parent}) is gone`), false);
    }, PARENT_POLL_MS)
    : undefined;
  timer?.unref();
  return {
    signal: controller.signal,
    dispose: () => {
      clearInterval(timer);
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
