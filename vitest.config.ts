import { defineConfig } from 'vitest/config';

/**
 * Files that start real processes (the built CLI, npm, signals, a browser, Jupyter, pandas), run end to end, or
 * search many inputs.
 */
const SLOW = ['test/robustness/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/report/browser.test.ts', 'test/report/cli.test.ts', 'test/notebook/**/*.test.ts', 'test/output/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // The inner loop (`npm run test:unit`): in-process, seconds.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: SLOW } },
      // Real processes run the built CLI: dist/ is rebuilt first when a source is newer.
      { extends: true, test: { name: 'slow', include: SLOW, globalSetup: ['test/build-setup.ts'] } },
    ],
  },
});
