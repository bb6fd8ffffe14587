import Table from 'cli-table3';
import { formatNumber } from '../format.js';
import type { GateResult } from '../gates/evaluate.js';
import { cacheHitRate, errorRate, rowName, warningText } from './bench-input.js';
import { latencyDistribution } from './distribution.js';
import { paint } from './paint.js';
import type { ReportModel } from './report-model.js';
import { renderSparklines } from './sparkline.js';

const ms = (v: number | null) => (v === null ? '—' : formatNumber(v, v < 10 ? 1 : 0));
const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, 1)}%`);

/**
 * The human form of `report` (and, once wired, of `bench`): the targets table, overhead verdicts, a TTFT
 * sparkline per target, and gate results, fitted to `width` columns. Pure.
 */
export function renderBenchTerminal(m: ReportModel, opts: { width: number; color: boolean; unicode?: boolean }): string {
  const c = paint(opts.color);
  const b = m.bench;
  const wide = opts.width >= 100;
  // Below 80 columns only the essentials fit; rows with long origin labels may still need ~50.
  const narrow = opts.width < 80;
  const head = wide ? ['target', 'ok/sent', 'errors', 'TTFT p50', 'TTFT p95', 'e2e p50', 'e2e p95', 'tok/s', '$/1k req', 'cache'] : narrow ? ['target', 'ok/sent', 'err', 'TTFT p50'] : ['target', 'ok/sent', 'err', 'TTFT p50', 'e2e p50', '$/1k'];
  const t = new Table({ head, style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true } });
  for (const r of b.targets) {
    const cost = r.cost.per1kRequestsUsd === null ? '—' : `$${formatNumber(r.cost.per1kRequestsUsd, 4)}`;
    const err = r.requests.failed > 0 ? c.red(pct(errorRate(r))) : pct(errorRate(r));
    t.push(
      wide
        ? [rowName(r), `${r.requests.ok}/${r.requests.sent}`, err, ms(r.latencyMs.ttft.p50), ms(r.latencyMs.ttft.p95), ms(r.latencyMs.e2e.p50), ms(r.latencyMs.e2e.p95), r.outputTokensPerSecond.p50 === null ? '—' : formatNumber(r.outputTokensPerSecond.p50, 0), cost, pct(cacheHitRate(r))]
        : narrow
          ? [rowName(r), `${r.requests.ok}/${r.requests.sent}`, err, ms(r.latencyMs.ttft.p50)]
          : [rowName(r), `${r.requests.ok}/${r.requests.sent}`, err, ms(r.latencyMs.ttft.p50), ms(r.latencyMs.e2e.p50), cost],
    );
  }
  const out = [c.bold(`Benchmark ${b.startedAt.slice(0, 16).replace('T', ' ')} UTC${b.merge ? ` · ${b.merge.runs.length} runs merged by ${b.merge.by}` : ''}`), t.toString(), c.dim('latency in ms; $/1k = USD per 1,000 requests')];
  if (b.overhead.length > 0) {
    out.push('', c.bold(`Overhead against ${b.overhead[0]?.baseline}`));
    for (const o of b.overhead) out.push(`  ${rowName({ name: o.target, origin: o.origin })} ${o.metric === 'ttft' ? 'TTFT' : 'e2e'}: ${o.verdict}`);
  }
  const spark = renderSparklines(c.bold('TTFT distribution'), b.targets.map((r) => ({ name: rowName(r), distribution: latencyDistribution(r, 'ttft', m.requests) })), opts.width, opts.unicode ?? true);
  if (spark) out.push('', spark.trimEnd());
  if (m.gates) out.push('', ...gateLines(m.gates, opts.color));
  const warnings = b.warnings.map(warningText);
  if (warnings.length > 0) out.push('', c.bold('Warnings'), ...warnings.map((w) => `  ${c.yellow('!')} ${w}`));
  return out.join('\n') + '\n';
}

function gateLines(gates: readonly GateResult[], color: boolean): string[] {
  const c = paint(color);
  const checked = gates.filter((g) => g.status !== 'not-applicable');
  const failed = checked.filter((g) => g.status === 'fail');
  const lines = [c.bold(failed.length > 0 ? `Gates: ${failed.length} of ${checked.length} checks failed` : `Gates: all ${checked.length} checks passed`)];
  for (const g of failed) lines.push(`  ${c.red('✗')} ${g.message}`);
  return lines;
}
