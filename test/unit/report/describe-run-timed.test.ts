import { describe, expect, it } from 'vitest';
import { describeRun } from '../../../src/report/bench-terminal.js';
import type { BenchView } from '../../../src/report/bench-input.js';
import { makeSummary, makeTarget } from '../../helpers/bench-builders.js';

const base = makeSummary([makeTarget('direct'), makeTarget('litellm')]);
const view = (run: Partial<NonNullable<BenchView['run']>>, config: Record<string, unknown> = { stream: true, maxTokens: 12 }): BenchView => ({ ...base, config, run: { ...base.run!, ...run } });

describe('the run line of a timed, ramped or sharded run', () => {
  it('says how long, not a request count the run did not use', () => {
    expect(describeRun(view({ mode: 'open', concurrency: null, ratePerTarget: 5, arrival: 'poisson', plannedDurationS: 600 }))).toBe('2 targets for 10m, open loop, 5/s per target (poisson), streamed, max_tokens 12');
  });

  it('names a closed loop\'s cap, a ramp and a shard', () => {
    expect(describeRun(view({ plannedDurationS: 90 }, { requests: 500, stream: false, maxTokens: 8 }))).toBe('2 targets × up to 500 requests for 90s, closed loop, concurrency 4, not streamed, max_tokens 8');
    expect(describeRun(view({ mode: 'open', concurrency: null, ratePerTarget: 20, arrival: 'constant', ramp: { from: 1, to: 20, overS: 120 }, shard: { index: 2, count: 4 } }, { requests: 300, maxTokens: 12 }))).toBe(
      '2 targets × 300 requests, open loop, 1→20/s per target over 2m (constant), shard 2/4, streamed, max_tokens 12',
    );
  });
});
