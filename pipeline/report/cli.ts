/** `npm run report -- [output-folder] [--out file]`: one HTML file to look at what a run found. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { userFolder } from '../cli/paths.ts';
import { exitCodeOf, watchForStop } from '../cli/signals.ts';
import { OutputError, OutputRefusal } from '../output/folder.ts';
import { RunStopped } from '../run/stop.ts';
import { ReportInputError } from './data.ts';
import { describeReport } from './messages.ts';
import { REPORT_FILE, writeReport } from './write.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const program = new Command()
  .name('report')
  .description('Write one self-contained HTML file showing what a run found: each article with its quotes highlighted in their speaker\'s colour, a speaker table, and the articles that were not read.')
  .argument('[output-folder]', 'an output folder written by npm run extract', 'output')
  .option('-o, --out <file>', `where to write the report (default: ${REPORT_FILE} in the output folder)`)
  .option('--force', 'replace the --out file (or a report.html the tool did not write) if it exists')
  .option('-q, --quiet', 'print nothing but errors')
  .addHelpText('after', `
The report shows each article's text when the run wrote it (npm run extract -- … --article-text); otherwise each
article's quotes with their speaker mention and cue.

Exit codes: 0 written; 1 writing failed (the previous report is left as it was); 2 nothing was done: bad
arguments, a folder this tool did not write, a file that exists and this tool did not write, or a folder in
use by a run; 130/143 stopped by SIGINT/SIGTERM.`);

program.exitOverride();
try {
  program.parse();
} catch (error) {
  process.exit(error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') ? 0 : 2);
}
const options = program.opts<{ out?: string; force?: boolean; quiet?: boolean }>();
const here = userFolder(PROJECT_ROOT);
const outputDir = path.resolve(here, program.args[0] ?? 'output');
const stop = watchForStop({ watchParent: process.env.npm_lifecycle_event !== undefined });
try {
  const result = await writeReport({
    outputDir,
    ...(options.out === undefined ? {} : { file: path.resolve(here, options.out) }),
    force: Boolean(options.force),
    signal: stop.signal,
  });
  stop.dispose();
  if (!options.quiet) console.error(describeReport(result));
} catch (error) {
  if (error instanceof RunStopped) {
    console.error(`report: ${error.message}; nothing was replaced`);
    process.exit(exitCodeOf(error.reason));
  }
  if (error instanceof OutputRefusal || error instanceof ReportInputError) {
    console.error(`report: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof OutputError) {
    console.error(`report: ${error.message}`);
    process.exit(1);
  }
  console.error(`report: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
}
