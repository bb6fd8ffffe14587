import { configDefaults, defineConfig } from 'vitest/config';

/** Files named *.serial.test.ts run alone, after all the others: real-time checks that must not be starved. */
const SERIAL = 'test/**/*.serial.test.ts';
/**
 * Tests of pure code (no servers, no files they leave behind, no process-wide state): they share their worker
 * processes instead of starting one per file, which saves most of a second a file on two cores.
 */
const PURE = ['test/unit/**/*.test.ts', 'test/cost/**/*.test.ts'];

export default defineConfig({
  test: {
    // e2e tests spawn the built CLI; two cores, so keep parallelism modest and timeouts generous.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on two cores, one file at a time.
    maxWorkers: 2,
    env: { NO_COLOR: '1' },
    projects: [
      { extends: true, test: { name: 'pure', include: PURE, isolate: false, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, SERIAL, ...PURE], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'serial', include: [SERIAL], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
