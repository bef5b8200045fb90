#!/usr/bin/env node
// `who-said-what` and `npm run extract`: the built CLI (dist/), in this very process, so a signal sent to this pid
// reaches the run itself. dist/ is built first when it is missing or older than a source (see scripts/build.mjs).
import { ensureBuilt } from '../scripts/build.mjs';

try {
  ensureBuilt();
} catch (error) {
  process.stderr.write(`extract: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
await import('../dist/cli.js');
