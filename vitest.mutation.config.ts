import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant: the in-process ones that import src/ (unit and cost). The e2e
 * and emulator tests run the built dist/ or real servers, so they cannot see a mutant in src/ and only cost time.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/cost/**/*.test.ts'],
    testTimeout: 30_000,
    env: { NO_COLOR: '1' },
  },
});
