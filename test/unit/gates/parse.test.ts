import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { checkGateTargets, parseGates } from '../../../src/gates/parse.js';

const one = (src: string) => {
  const gates = parseGates(src);
  expect(gates).toHaveLength(1);
  return gates[0]!;
};

/** The UsageError a bad expression raises, with the message and the column it points at. */
function failure(src: string): { message: string; column: number; hint: string } {
  try {
    parseGates(src);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const err = e as UsageError;
    expect(err.exitCode).toBe(2);
    const col = /at column (\d+)\.$/.exec(err.message);
    return { message: err.message, column: col ? Number(col[1]) : -1, hint: err.hint ?? '' };
  }
  throw new Error(`expected "${src}" to be rejected`);
}

describe('--fail-on grammar', () => {
  it.each([
    ['>', '>'],
    ['>=', '>='],
    ['<', '<'],
    ['<=', '<='],
    ['==', '=='],
    ['!=', '!='],
  ])('reads the operator %s', (op, want) => {
    expect(one(`ttft.p95 ${op} 800ms`).op).toBe(want);
  });

  it.each([
    // [expression, field, canonical limit]: ms stays ms, s × 1000, % ÷ 100, usd and bare money as written.
    ['ttft.p95 > 800ms', 'ttft.p95', 800],
    ['e2e.p50 > 1.1s', 'e2e.p50', 1100],
    ['itl.mean > 0.5 ms', 'itl.mean', 0.5],
    ['errors.rate > 2%', 'errors.rate', 0.02],
    ['cache.hitRate < 7.5%', 'cache.hitRate', 0.075],
    ['cost.per1k > 0.50', 'cost.per1k', 0.5],
    ['cost.per1k > 0.50usd', 'cost.per1k', 0.5],
    ['cost.total > $2', 'cost.total', 2],
    ['cost.per1k > 0.5 USD', 'cost.per1k', 0.5],
    ['requests.failed > 3', 'requests.failed', 3],
    ['tps.p50 < 20', 'tps.p50', 20],
    ['overhead.ttft.p50 > 25ms', 'overhead.ttft.p50', 25],
    ['overhead.e2e.ci95.low > -5ms', 'overhead.e2e.ci95.low', -5],
    ['errors.rate_limited > 0', 'errors.rate_limited', 0],
    ['errors.timeout.rate >= 1%', 'errors.timeout.rate', 0.01],
    ['outputTokensPerSecond.p90 < 30', 'tps.p90', 30],
    ['cost.reportedVsComputed > 5%', 'cost.reportedVsComputed', 0.05],
  ])('parses %s', (src, field, limit) => {
    const g = one(src);
    expect(g.field).toBe(field);
    expect(g.limit).toBe(limit);
    expect(g.target).toBeUndefined();
  });

  it('reads several gates, with or without spaces, and a target scope', () => {
    const gates = parseGates('ttft.p95>800ms,  openrouter : ttft.p95 > 900ms ,errors.rate > 2%');
    expect(gates.map((g) => [g.target, g.field, g.op, g.limit, g.text])).toEqual([
      [undefined, 'ttft.p95', '>', 800, 'ttft.p95>800ms'],
      ['openrouter', 'ttft.p95', '>', 900, 'openrouter : ttft.p95 > 900ms'],
      [undefined, 'errors.rate', '>', 0.02, 'errors.rate > 2%'],
    ]);
  });

  it.each([
    // [expression, what the message says, the 1-based column it points at]
    ['ttft.p95 > 800ms,', /expected a gate, found the end/, 17],
    [',ttft.p95 > 1ms', /expected a gate, found ","/, 1],
    ['ttft.p95 > 1ms,, e2e.p50 > 1ms', /expected a gate, found ","/, 16],
    ['ttft.p95 = 800ms', /expected a comparison \(> >= < <= == !=\) after ttft.p95, found "="/, 10],
    ['ttft.p95 800ms', /expected a comparison/, 10],
    ['ttft.p95 >> 800ms', /expected a number after ">", found ">"/, 11],
    ['ttft.p95 > fast', /expected a number after ">", found "fast"/, 12],
    ['ttft.p95 >', /expected a number after ">", found the end of the gate/, 11],
    ['ttft.p95 > 800', /ttft.p95 is a time: write the limit in ms or s/, 15],
    ['errors.rate > 2', /errors.rate is a rate: write the limit with %/, 16],
    ['ttft.p95 > 2%', /ttft.p95 is a time/, 13],
    ['cost.per1k > 5ms', /cost.per1k is an amount of money/, 15],
    ['requests.failed > 3ms', /requests.failed is a plain number/, 20],
    ['ttft.p95 > 800msec', /unknown unit "msec"/, 15],
    ['ttft.p95 > $800ms', /"\$" and "ms" do not go together/, 16],
    ['ttft.p95 > 800ms 900ms', /unexpected "900ms" after the limit \(separate gates with commas\)/, 18],
    ['ttft.p96 > 800ms', /unknown field "ttft.p96" \(known ttft.\* fields: ttft.p50, ttft.p90/, 1],
    ['openrouter:ttft.p96 > 1ms', /unknown field "ttft.p96"/, 12],
    ['latency > 1ms', /unknown field "latency"/, 1],
    ['openrouter: > 1ms', /expected a field after "openrouter:", found ">"/, 13],
    ['> 1ms', /expected a field such as ttft.p95, found ">"/, 1],
  ])('rejects %j, saying where', (src, message, column) => {
    const f = failure(src);
    expect(f.message).toMatch(message);
    expect(f.column).toBe(column);
    // The hint repeats the expression with a caret under the column, and the grammar.
    expect(f.hint).toContain(`  ${src}\n  ${' '.repeat(column - 1)}^\n`);
    expect(f.hint).toMatch(/Grammar: \[target:\]field op number\[unit\]/);
  });

  it('rejects an empty expression', () => {
    expect(() => parseGates('  ')).toThrow(/--fail-on: the expression is empty/);
  });

  it('rejects a gate scoped to a target that is not in the results', () => {
    const gates = parseGates('ttft.p95 > 1s, openroutr:ttft.p95 > 900ms');
    expect(() => checkGateTargets(gates, ['direct', 'openrouter'])).toThrow(/names the target "openroutr", which is not among the results/);
    expect(() => checkGateTargets(gates.slice(0, 1), ['direct'])).not.toThrow();
  });
});
