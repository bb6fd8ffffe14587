import { cacheHitRate, errorRate, ERROR_CLASSES, type BenchTarget, type BenchView, type Overhead } from '../report/bench-input.js';
import type { Dimension } from './grammar.js';

export type { Dimension } from './grammar.js';

/**
 * The summary fields a gate can compare, each with its dimension. A limit's unit must match the dimension:
 * time in ms or s (stored in ms), a rate in % (stored as a fraction), money in usd (the unit may be left
 * off), a count or tokens/s as a plain number.
 */

export interface FieldContext {
  target: BenchTarget;
  /** The overhead entries of this target (and origin) against the baseline; empty for the baseline itself. */
  overhead: readonly Overhead[];
}

export interface FieldDef {
  name: string;
  dimension: Dimension;
  help: string;
  /** undefined: not applicable to this target (e.g. overhead of the baseline); null: not measured. */
  read(c: FieldContext): number | null | undefined;
  /** Why the field was not measured for this target, when there is more to say than "no successful requests". */
  unmeasured?(c: FieldContext): string | undefined;
}

const STATS = ['p50', 'p90', 'p95', 'p99', 'mean', 'min', 'max'] as const;

function build(): FieldDef[] {
  const defs: FieldDef[] = [];
  for (const m of ['ttft', 'e2e', 'itl'] as const) {
    for (const s of STATS) defs.push({ name: `${m}.${s}`, dimension: 'time', help: `${s} of ${m}`, read: (c) => c.target.latencyMs[m][s] });
  }
  for (const s of STATS) defs.push({ name: `tps.${s}`, dimension: 'count', help: `${s} of output tokens/s`, read: (c) => c.target.outputTokensPerSecond[s] });
  defs.push(
    { name: 'errors.rate', dimension: 'rate', help: 'failed ÷ sent', read: (c) => errorRate(c.target) },
    { name: 'errors.count', dimension: 'count', help: 'failed requests', read: (c) => c.target.requests.failed },
  );
  for (const cls of ERROR_CLASSES) {
    defs.push(
      { name: `errors.${cls}`, dimension: 'count', help: `${cls} errors`, read: (c) => c.target.errors[cls] },
      { name: `errors.${cls}.rate`, dimension: 'rate', help: `${cls} errors ÷ sent`, read: (c) => (c.target.requests.sent === 0 ? null : c.target.errors[cls] / c.target.requests.sent) },
    );
  }
  for (const k of ['sent', 'ok', 'failed'] as const) defs.push({ name: `requests.${k}`, dimension: 'count', help: `requests ${k}`, read: (c) => c.target.requests[k] });
  defs.push(
    { name: 'cost.per1k', dimension: 'money', help: 'cost per 1,000 requests', read: (c) => c.target.cost.per1kRequestsUsd },
    { name: 'cost.total', dimension: 'money', help: 'total cost of the run', read: (c) => c.target.cost.totalUsd },
    { name: 'cost.reportedVsComputed', dimension: 'rate', help: 'gateway-reported vs price-table cost', read: (c) => (c.target.cost.reportedVsComputedPct === null ? null : c.target.cost.reportedVsComputedPct / 100) },
    { name: 'cache.hitRate', dimension: 'rate', help: 'cache hits ÷ (hits + misses)', read: (c) => cacheHitRate(c.target) },
    { name: 'usage.rate', dimension: 'rate', help: 'share of responses that reported token usage', read: (c) => c.target.tokens.usageReportedRate },
    // Both against the baseline (docs/bench.md "Stream fidelity and usage audit"): not applicable to the baseline itself.
    {
      name: 'usage.mismatch.rate',
      dimension: 'rate',
      help: "share of rounds whose reported usage differs from the baseline's (missing, zero, inflated or deflated)",
      read: (c) => (c.target.baseline ? undefined : (c.target.usageAudit?.mismatchRate ?? null)),
    },
    {
      name: 'stream.buffered',
      dimension: 'count',
      help: '1 when the stream arrived at once (buffered), 0 when it was paced',
      // Not streamed, or too few streamed requests to judge: nothing to gate (rather than a failure).
      read: (c) => (c.target.streaming?.buffered == null ? undefined : Number(c.target.streaming.buffered)),
    },
  );
  for (const m of ['ttft', 'e2e'] as const) {
    const entry = (c: FieldContext) => c.overhead.find((o) => o.metric === m);
    defs.push(
      { name: `overhead.${m}.p50`, dimension: 'time', help: `p50 ${m} minus the baseline's`, read: (c) => (entry(c) ? entry(c)!.p50DeltaMs : undefined) },
      { name: `overhead.${m}.p90`, dimension: 'time', help: `p90 ${m} minus the baseline's`, read: (c) => (entry(c) ? entry(c)!.p90DeltaMs : undefined) },
      { name: `overhead.${m}.ci95.low`, dimension: 'time', help: `low end of the 95% interval of the p50 ${m} overhead`, read: (c) => (entry(c) ? entry(c)!.ci95?.[0] ?? null : undefined) },
      { name: `overhead.${m}.ci95.high`, dimension: 'time', help: `high end of the 95% interval of the p50 ${m} overhead`, read: (c) => (entry(c) ? entry(c)!.ci95?.[1] ?? null : undefined) },
    );
  }
  defs.push(...sloFields());
  return defs;
}

/** SLO fields: null (not measured) when the run had no slo; the difference does not apply to the baseline. */
function sloFields(): FieldDef[] {
  const unmeasured = (c: FieldContext) => (c.target.slo ? undefined : 'the run had no slo: set one in the config or with bench --slo');
  const vs = (c: FieldContext, pick: (v: NonNullable<NonNullable<BenchTarget['slo']>['vsBaseline']>) => number | null) => {
    if (!c.target.slo) return null;
    if (c.target.baseline) return undefined;
    return c.target.slo.vsBaseline ? pick(c.target.slo.vsBaseline) : null;
  };
  return [
    { name: 'slo.attainment', dimension: 'rate', help: 'share of requests meeting every SLO bound (failures count as misses)', read: (c) => c.target.slo?.attainment ?? null, unmeasured },
    { name: 'goodput', dimension: 'count', help: 'requests per second that met the SLO', read: (c) => c.target.slo?.goodputRps ?? null, unmeasured },
    { name: 'slo.vsBaseline', dimension: 'rate', help: "SLO attainment minus the baseline's, paired by round", read: (c) => vs(c, (v) => v.difference), unmeasured },
    { name: 'slo.vsBaseline.ci95.low', dimension: 'rate', help: 'low end of the 95% interval of that difference', read: (c) => vs(c, (v) => v.ci95?.[0] ?? null), unmeasured },
    { name: 'slo.vsBaseline.ci95.high', dimension: 'rate', help: 'high end of the 95% interval of that difference', read: (c) => vs(c, (v) => v.ci95?.[1] ?? null), unmeasured },
  ];
}

export const FIELDS: readonly FieldDef[] = build();
const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));
/** Friendlier spellings people type. */
const ALIASES: Record<string, string> = { 'slo.goodput': 'goodput', 'slo.goodputRps': 'goodput', 'cost.per1kRequestsUsd': 'cost.per1k', 'cost.totalUsd': 'cost.total', 'cache.hit_rate': 'cache.hitRate', 'error.rate': 'errors.rate' };
for (const s of STATS) ALIASES[`outputTokensPerSecond.${s}`] = `tps.${s}`;

export function findField(name: string): FieldDef | undefined {
  return BY_NAME.get(name) ?? BY_NAME.get(ALIASES[name] ?? '');
}

/** Overhead entries for one row of a summary (matching its origin when runs were merged by label). */
export function overheadFor(s: BenchView, t: BenchTarget): Overhead[] {
  return s.overhead.filter((o) => o.target === t.name && o.origin === t.origin);
}
