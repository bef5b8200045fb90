/** `extract --report`: the report of the output a run has just put in place, written as `npm run report` writes it. */
import { exitCodeOf } from '../cli/signals.ts';
import { RunStopped } from '../run/stop.ts';
import { describeReport } from './messages.ts';
import { writeReport } from './write.ts';

/**
 * Writes `<out>/report.html`; returns the exit code when that failed (the run's output stays in place), else null.
 * `say` prints a line where the command prints; `signal` stops the report as it stops the run.
 */
export async function reportAfterRun(out: string, written: boolean, quiet: boolean, say: (line: string) => void, signal?: AbortSignal): Promise<number | null> {
  if (!written) {
    say('extract: no report written: the previous output was kept');
    return null;
  }
  try {
    const result = await writeReport({ outputDir: out, ...(signal ? { signal } : {}) });
    if (!quiet) say(describeReport(result).replaceAll('report: ', 'extract: report: '));
    return null;
  } catch (error) {
    if (error instanceof RunStopped) {
      say(`extract: ${error.message} while writing the report; the run's output is in place, the report was not written`);
      return exitCodeOf(error.reason);
    }
    say(`extract: the run's output is in place, but the report was not written: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
