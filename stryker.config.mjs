// Mutation testing of the pure decision code: `npm run test:mutation`. See docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner', './stryker.plugins.mjs'],
  ignorers: ['schema-descriptions'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // The pure folders; in src/bench, not the parts that do network or file I/O (the e2e tests cover those).
  mutate: [
    'src/advisor/**/*.ts',
    'src/cost/**/*.ts',
    'src/catalog/**/*.ts',
    'src/bench/**/*.ts',
    '!src/bench/engine.ts',
    '!src/bench/execute.ts',
    '!src/bench/execute-sweep.ts',
    '!src/bench/transport.ts',
    '!src/bench/document.ts',
    // Worker threads and their messages: thread I/O, covered by test/e2e/bench-workers.test.ts.
    '!src/bench/workers.ts',
    '!src/bench/bench-worker.ts',
    // The failover drill's decisions and text: its servers, client and demo gateways are I/O (test/drill, test/e2e).
    'src/drill/{answer-body,attempt-log,client-read,config,demo-policy,gates,init-snippet,nonce,outcome,scenarios,summarize,warnings}.ts',
  ],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The machine this runs on is usually shared: two test processes at most.
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
