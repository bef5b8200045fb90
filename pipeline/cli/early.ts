/**
 * Imported first by the CLI process (pipeline/cli.ts), so that it runs before the rest of the CLI is loaded: starts
 * the thread that loads compromise on the other core (engine/compromise.ts) when this thread may process articles.
 * A wrong guess costs time, never output: an unused helper closes when idle, a missing one means this thread loads it.
 */
import { startCompromiseHelper } from '../engine/compromise.ts';
import { mayProcessHere } from './may-process-here.ts';

if (mayProcessHere(process.argv.slice(2))) startCompromiseHelper();
