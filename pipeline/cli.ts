/**
 * `npm run extract -- [folder] [--out dir]`: find who said what in a folder of news articles.
 *
 * This file is kept small on purpose. It starts the compromise helper thread first (cli/early.ts), and only then
 * loads the rest of the CLI (cli/process.ts, the process; the command is cli/main.ts). The bundler keeps the two
 * apart (scripts/bundle.mjs), so the helper starts loading compromise on the other core while this thread is still
 * reading some 3 MB of bundled code: a one-article run is ready about 0.1 s sooner.
 */
import './cli/early.ts';

await import('./cli/process.ts');
