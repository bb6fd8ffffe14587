import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../src/gates/evaluate.js';
import { parseGates } from '../../../src/gates/parse.js';
import { renderMarkdown, STEP_SUMMARY_LIMIT } from '../../../src/report/markdown.js';
import type { ReportModel } from '../../../src/report/report-model.js';
import { errors, flat, makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';
import { benchFixture } from '../../helpers/report-fixtures.js';

const latency = (ttft: number, e2e = 1500) => ({ headers: flat(20), ttft: flat(ttft), e2e: flat(e2e), itl: flat(11) });

const model = (over: Partial<ReportModel> = {}): ReportModel => ({
  bench: makeSummary(
    [
      makeTarget('direct'),
      makeTarget('openrouter', { requests: { sent: 100, ok: 97, failed: 3 }, errors: errors({ rate_limited: 2, server_error: 1 }), latencyMs: latency(338, 1592), cost: { totalUsd: 0.0068, costedRequests: 100, per1kRequestsUsd: 0.068, source: 'gateway', reportedPer1kUsd: 0.068, computedPer1kUsd: 0.0672, reportedVsComputedPct: 1.2, priceFrom: 'openai/gpt-4o-mini' } }),
      makeTarget('cloud|flare', { cache: { hits: 25, misses: 75, unknown: 0 } }),
    ],
    [makeOverhead('openrouter', 'ttft', 38, [26, 50], { verdict: 'adds 38 ms (26–50 ms) to TTFT' }), makeOverhead('cloud|flare', 'ttft', 4, [-3, 11], { verdict: 'no difference detectable at this sample size' })],
    { warnings: ['p99 needs at least 100 requests'] },
  ),
  sources: ['results/summary.json'],
  generatedAt: '2026-11-24T03:00:00.000Z',
  version: '0.1.0',
  ...over,
});

describe('markdown summary', () => {
  it('renders gates, the targets table, overhead verdicts and warnings', () => {
    const m = model();
    m.gates = evaluateGates(parseGates('ttft.p95 > 320ms, overhead.ttft.p50 > 25ms'), m.bench);
    expect(renderMarkdown(m)).toMatchInlineSnapshot(`
      "### gateway-scout benchmark

      2026-11-24 02:00 UTC · 3 targets × 100 requests, closed loop, concurrency 4, streamed; 300 requests in 50.0 s

      **Verdict**

      - **Fastest:** no difference between direct and cloud\\|flare: the same TTFT p50 (300 ms)
      - **Cheapest:** direct and cloud\\|flare (the same), $0.067 per 1k requests, $0.001 (1.5%) less than openrouter ($0.068); direct's cost computed from the price table, openrouter's reported by the gateway
      - **Reliability:** no detectable difference in failures (direct 0 of 100 failed, cloud\\|flare 0 of 100 failed; openrouter 3 of 100 failed; Fisher's exact test p = 0.246: too few failures to tell apart)

      **Gates: ❌ 2 of 5 checks failed**

      | target | ok / sent | errors | TTFT p50 | TTFT p95 | e2e p50 | e2e p95 | tokens/s p50 | cost / 1k req | cache hits |
      | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | direct | 100 / 100 | 0 | 300 ms | 300 ms | 1,500 ms | 1,500 ms | 90 | $0.067 (computed) | — |
      | openrouter | 97 / 100 | 3% (rate_limited 2, server_error 1) | 338 ms | 338 ms | 1,592 ms | 1,592 ms | 90 | $0.068 (gateway) | — |
      | cloud\\|flare | 100 / 100 | 0 | 300 ms | 300 ms | 1,500 ms | 1,500 ms | 90 | $0.067 (computed) | 25% |

      **Overhead against direct** (p50 difference, 95% interval)

      | target | metric | p50 Δ | 95% interval | verdict |
      | --- | --- | ---: | ---: | --- |
      | openrouter | TTFT | 38 ms | 26 to 50 ms | adds 38 ms (26–50 ms) to TTFT |
      | cloud\\|flare | TTFT | 4 ms | -3 to 11 ms | no difference detectable at this sample size |

      <details><summary>Every gate check</summary>

      | result | gate | target | measured | fails if |
      | --- | --- | --- | ---: | ---: |
      | ❌ fail | \`ttft.p95 > 320ms\` | openrouter | 338 ms | > 320 ms |
      | ❌ fail | \`overhead.ttft.p50 > 25ms\` | openrouter | 38 ms | > 25 ms |
      | ✅ pass | \`ttft.p95 > 320ms\` | direct | 300 ms | > 320 ms |
      | ✅ pass | \`ttft.p95 > 320ms\` | cloud\\|flare | 300 ms | > 320 ms |
      | ✅ pass | \`overhead.ttft.p50 > 25ms\` | cloud\\|flare | 4 ms | > 25 ms |

      </details>

      <details><summary>Warnings</summary>

      - p99 needs at least 100 requests

      </details>

      <sub>gateway-scout 0.1.0 · results/summary.json</sub>
      "
    `);
  });

  it('adds a "gateway says" column only when a gateway reported its own latency', () => {
    const m = model();
    m.bench.targets[1]!.selfReported = { field: 'x-litellm-overhead-duration-ms', p50Ms: 12.4, n: 97 };
    const md = renderMarkdown(m);
    expect(md).toContain('| target | metric | p50 Δ | 95% interval | gateway says | verdict |\n| --- | --- | ---: | ---: | --- | --- |\n');
    // 12.4 ms: whole ms from 10 up → "+12 ms"; cloud|flare reports nothing
    expect(md).toContain('| openrouter | TTFT | 38 ms | 26 to 50 ms | +12 ms (p50 of x-litellm-overhead-duration-ms, n=97) | adds 38 ms (26–50 ms) to TTFT |');
    expect(md).toContain('| cloud\\|flare | TTFT | 4 ms | -3 to 11 ms | — | no difference detectable at this sample size |');
    expect(renderMarkdown(model())).not.toContain('gateway says');
  });

  it('stays within GitHub\'s 1 MiB step-summary limit with 30,000 gate checks, failures kept first', () => {
    const targets = Array.from({ length: 300 }, (_, i) => makeTarget(`target-${i}`, { latencyMs: latency(i) }));
    const bench = makeSummary(targets);
    const gates = evaluateGates(parseGates(Array.from({ length: 100 }, (_, i) => `ttft.p50 > ${i + 200}ms`).join(',')), bench);
    expect(gates).toHaveLength(30_000);
    const md = renderMarkdown(model({ bench, gates }));
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(md).toMatch(/… \d+ more checks left out to stay within GitHub's 1 MiB summary limit/);
    // Targets 201..299 fail "ttft.p50 > 200ms": the first rows of the table are failures.
    expect(md).toContain('| ❌ fail | `ttft.p50 > 200ms` | target-201 | 201 ms | > 200 ms |');
  });

  it('summarises a real fixture run, merged origins labelled', () => {
    const md = renderMarkdown(model({ bench: benchFixture('eu-west.json'), sources: ['eu-west.json'] }));
    expect(md).toContain('; from eu-west');
    // The eu-west run had one injected 429 on OpenRouter: 1 of 60 is 1.7%.
    expect(md).toContain('| openrouter | 59 / 60 | 1.7% (rate_limited 1) |');
  });
});
