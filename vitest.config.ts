import { defineConfig } from 'vitest/config';

/**
 * Files that start real processes (the built CLI, npm, signals, a browser, Jupyter, pandas), run end to end, or
 * search many inputs.
 */
const SLOW = ['test/robustness/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/report/browser.test.ts', 'test/report/cli.test.ts', 'test/notebook/**/*.test.ts', 'test/output/**/*.test.ts'];

/** Unit test files that mock a module. */
const MOCKING = ['test/input/fastpath.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      // The inner loop (`npm run test:unit`): in-process, seconds.
      // Files share a worker's module cache (compromise and the rules load once per worker, not once per file).
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...SLOW, ...MOCKING], isolate: false } },
      // A file that replaces a module (vi.mock) needs a module cache of its own.
      { extends: true, test: { name: 'unit-mocking', include: MOCKING } },
      // Real processes run the built CLI: dist/ is rebuilt first when a source is newer.
      { extends: true, test: { name: 'slow', include: SLOW, globalSetup: ['test/build-setup.ts'] } },
    ],
  },
});
