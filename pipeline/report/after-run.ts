/** `extract --report`: the report of the output a run has just put in place, written as `npm run report` writes it. */
import { exitCodeOf, watchForStop } from '../cli/signals.ts';
import { RunStopped } from '../run/stop.ts';
import { describeReport } from './messages.ts';
import { writeReport } from './write.ts';

/** Writes `<out>/report.html`; returns the exit code when that failed (the run's output stays in place), else null. */
export async function reportAfterRun(out: string, written: boolean, quiet: boolean): Promise<number | null> {
  if (!written) {
    console.error('extract: no report written: the previous output was kept');
    return null;
  }
  const stop = watchForStop({ watchParent: process.env.npm_lifecycle_event !== undefined });
  try {
    const result = await writeReport({ outputDir: out, signal: stop.signal });
    if (!quiet) console.error(describeReport(result).replaceAll('report: ', 'extract: report: '));
    return null;
  } catch (error) {
    if (error instanceof RunStopped) {
      console.error(`extract: ${error.message} while writing the report; the run's output is in place, the report was not written`);
      return exitCodeOf(error.reason);
    }
    console.error(`extract: the run's output is in place, but the report was not written: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    stop.dispose();
  }
}
