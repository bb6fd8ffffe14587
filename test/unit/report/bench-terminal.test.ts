import { describe, expect, it } from 'vitest';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { mergeRuns } from '../../../src/merge/merge-runs.js';
import { benchFixture, requestsFixture } from '../../helpers/report-fixtures.js';

describe('report in the terminal', () => {
  it.each([60, 80, 120])('fits %i columns, merged origins included', (width) => {
    const bench = mergeRuns([{ file: 'us-east', summary: benchFixture('us-east/summary.json') }, { file: 'eu-west.json', summary: benchFixture('eu-west.json') }], 'label');
    const text = renderBenchTerminal({ bench, sources: [], generatedAt: 'x', version: '0' }, { width, color: false });
    // Table and sparkline lines; verdict and warning lines are sentences that the terminal wraps.
    for (const line of text.split('\n').filter((l) => /^[│┌├└]|^ {2}\S.*[│|]/.test(l))) expect([...line].length, line).toBeLessThanOrEqual(width);
  });

  it('draws TTFT from the requests of an --out folder', () => {
    const text = renderBenchTerminal({ bench: benchFixture('us-east/summary.json'), requests: requestsFixture(), sources: [], generatedAt: 'x', version: '0' }, { width: 100, color: false });
    // The fixture's direct target: median TTFT 299.52 ms over its 60 requests, shown rounded.
    expect(text).toMatch(/ {2}direct +│[ ▁▂▃▄▅▆▇█]+│ p50 300 ms/);
  });
});
