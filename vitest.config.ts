import { configDefaults, defineConfig } from 'vitest/config';

/** Files named *.serial.test.ts run alone, after all the others: real-time checks that must not be starved. */
const SERIAL = 'test/**/*.serial.test.ts';

export default defineConfig({
  test: {
    // e2e tests spawn the built CLI; two cores, so keep parallelism modest and timeouts generous.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { NO_COLOR: '1' },
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, SERIAL], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'serial', include: [SERIAL], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
