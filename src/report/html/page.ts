import { cutShortText } from '../cut-short.js';
import { formatNumber } from '../../format.js';
import { formatValue } from '../../gates/evaluate.js';
import { BUFFERED_NOTE, cacheHitRate, describeFailure, ERROR_CLASSES, errorRate, isBuffered, rowName, selfReportedText, type BenchTarget, type Stats } from '../bench-input.js';
import { changedPickLine } from '../pick.js';
import { reasonsWithReportMeasurements } from '../report-latency.js';
import { safeConfig, type AnyReportModel, type DrillOnlyModel, type ReportModel } from '../report-model.js';
import { drillSection } from './drill-section.js';
import { pageShell } from './page-shell.js';
import type { Chart } from './charts.js';
import { esc } from './escape.js';
import { sloSection, sweepSection } from './slo-sweep-sections.js';
import { pairwiseSection, verdictSection } from './verdict-section.js';
import { runShape } from '../run-shape.js';
import { marked, smallSampleLegend, type Shown } from '../small-sample.js';
import type { PercentileName } from '../../bench/stats.js';
import { table, type Col } from './table.js';

const ms = (v: number | null) => (v === null ? '—' : formatNumber(v, v < 10 ? 1 : 0));
/** A latency percentile, `~`-marked when its n cannot support it (the caption's legend says so). */
const mms = (s: Stats, key: PercentileName) => marked(s, key, (v) => formatNumber(v, v < 10 ? 1 : 0));
const SHOWN: Shown<BenchTarget>[] = [
  ...(['p50', 'p95', 'p99'] as const).map((key) => ({ stats: (t: BenchTarget) => t.latencyMs.ttft, key })),
  ...(['p50', 'p95'] as const).map((key) => ({ stats: (t: BenchTarget) => t.latencyMs.e2e, key })),
  { stats: (t: BenchTarget) => t.latencyMs.itl, key: 'p50' as const },
];
const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, 1)}%`);
const usd = (v: number | null) => (v === null ? '—' : `$${formatNumber(v, 4)}`);

function figure(c: Chart): string {
  return `<figure class="chart" id="chart-${esc(c.id)}" data-chart="${esc(c.id)}"><figcaption><strong>${esc(c.title)}</strong>${c.note ? `<span class="note">${esc(c.note)}</span>` : ''}</figcaption>\n${c.html}\n</figure>`;
}

/** A stream figure of a buffered target, marked so that nobody reads it as a generation figure. */
const held = (t: BenchTarget, cell: string): string => (isBuffered(t) && cell !== '—' ? `${cell}<br><span class="warn" title="${esc(BUFFERED_NOTE)}">buffered</span>` : cell);

const targetCols: Col<BenchTarget>[] = [
  { head: 'target', cell: (t) => `${esc(rowName(t))}${t.requests.ok === 0 ? ' <span class="fail">✗ not measured</span>' : ''}<br><span class="sub">${esc(t.gateway)} · ${esc(t.model)}</span>` },
  { head: 'ok / sent', num: true, cell: (t) => `${t.requests.ok} / ${t.requests.sent}` },
  { head: 'error rate', num: true, cell: (t) => (t.requests.failed > 0 ? `<span class="fail">${pct(errorRate(t))}</span>` : pct(errorRate(t))) },
  { head: 'TTFT p50', num: true, cell: (t) => held(t, mms(t.latencyMs.ttft, 'p50')) },
  { head: 'TTFT p95', num: true, cell: (t) => held(t, mms(t.latencyMs.ttft, 'p95')) },
  { head: 'TTFT p99', num: true, cell: (t) => held(t, mms(t.latencyMs.ttft, 'p99')) },
  { head: 'e2e p50', num: true, cell: (t) => mms(t.latencyMs.e2e, 'p50') },
  { head: 'e2e p95', num: true, cell: (t) => mms(t.latencyMs.e2e, 'p95') },
  { head: 'ITL p50', num: true, cell: (t) => held(t, mms(t.latencyMs.itl, 'p50')) },
  { head: 'tok/s p50', num: true, cell: (t) => held(t, t.outputTokensPerSecond.p50 === null ? '—' : formatNumber(t.outputTokensPerSecond.p50, 0)) },
  { head: '$ / 1k req', num: true, cell: (t) => `${usd(t.cost.per1kRequestsUsd)}<br><span class="sub">${esc(t.cost.source)}</span>` },
  { head: 'cache hit', num: true, cell: (t) => pct(cacheHitRate(t)) },
];

const smallLegend = (b: ReportModel['bench']): string => {
  const text = smallSampleLegend(b.targets, SHOWN);
  return text ? ` ${text}.` : '';
};

function benchSections(m: ReportModel, charts: Map<string, Chart>): string[] {
  const b = m.bench;
  const chart = (id: string) => (charts.has(id) ? figure(charts.get(id)!) : '');
  const out: string[] = [];
  const failed = b.status.failedTargets;
  out.push(
    `<section aria-labelledby="h-targets"><h2 id="h-targets">Targets</h2>`,
    failed.length > 0
      ? `<div class="failed" role="alert"><p><strong class="fail">Failed: ${failed.length} of ${b.targets.length} ${b.targets.length === 1 ? 'target' : 'targets'} had no successful request (not measured).</strong></p><ul>${failed.map((f) => `<li>${esc(describeFailure(f))}</li>`).join('')}</ul></div>`
      : '',
    table(`Per target: requests, latency in milliseconds, throughput, cost and cache.${smallLegend(b)}`, targetCols, b.targets),
    b.targets.some(isBuffered) ? `<p class="warn"><strong>Buffered:</strong> ${esc(b.targets.filter(isBuffered).map((t) => rowName(t)).join(', '))} — ${esc(BUFFERED_NOTE)}.</p>` : '',
    `</section>`,
  );
  out.push(`<section aria-labelledby="h-latency"><h2 id="h-latency">Latency</h2>`, chart('latency-cdf'), `</section>`);
  if (charts.has('slices')) out.push(`<section aria-labelledby="h-slices"><h2 id="h-slices">Over time</h2>`, chart('slices'), `</section>`);
  if (b.overhead.length > 0) {
    out.push(
      `<section aria-labelledby="h-overhead"><h2 id="h-overhead">Gateway overhead</h2>`,
      chart('overhead'),
      table(
        `Difference from ${b.overhead[0]?.baseline ?? 'the baseline'} in milliseconds; the interval is a 95% bootstrap interval of the p50 difference.`,
        [
          { head: 'target', cell: (o) => esc(rowName({ name: o.target, origin: o.origin })) },
          { head: 'metric', cell: (o) => (o.metric === 'ttft' ? 'TTFT' : 'e2e') },
          { head: 'p50 Δ', num: true, cell: (o) => ms(o.p50DeltaMs) },
          { head: 'p90 Δ', num: true, cell: (o) => ms(o.p90DeltaMs) },
          { head: '95% interval', num: true, cell: (o) => (o.ci95 ? `${formatNumber(o.ci95[0], 1)} to ${formatNumber(o.ci95[1], 1)}` : '—') },
          // The gateway's own figure, only when some gateway reported one.
          ...(b.overhead.some((o) => selfReportedText(b, o) !== undefined)
            ? [{ head: 'gateway says', cell: (o: (typeof b.overhead)[number]) => esc(selfReportedText(b, o) ?? '—') }]
            : []),
          { head: 'verdict', cell: (o) => esc(o.verdict) },
        ],
        b.overhead,
      ),
      `</section>`,
    );
  }
  out.push(pairwiseSection(b));
  out.push(...sloSection(b), ...sweepSection(b, charts, figure));
  const classes = ERROR_CLASSES.filter((c) => b.targets.some((t) => (t.errors[c] ?? 0) > 0));
  out.push(
    `<section aria-labelledby="h-errors"><h2 id="h-errors">Errors</h2>`,
    chart('errors'),
    classes.length > 0
      ? table('Failed requests per error class.', [{ head: 'target', cell: (t: BenchTarget) => esc(rowName(t)) }, ...classes.map((c) => ({ head: c, num: true, cell: (t: BenchTarget) => String(t.errors[c] ?? 0) }))], b.targets)
      : '<p>No request failed.</p>',
    `</section>`,
  );
  out.push(`<section aria-labelledby="h-throughput"><h2 id="h-throughput">Throughput</h2>`, chart('tokens-per-second'), `</section>`);
  out.push(
    `<section aria-labelledby="h-cost-run"><h2 id="h-cost-run">Cost of the run</h2>`,
    chart('cost-per-1k'),
    table(
      'Cost per 1,000 requests as the gateway reported it and as the price table computes it.',
      [
        { head: 'target', cell: (t: BenchTarget) => esc(rowName(t)) },
        { head: 'source', cell: (t) => esc(t.cost.source) },
        { head: 'reported / 1k', num: true, cell: (t) => usd(t.cost.reportedPer1kUsd) },
        { head: 'computed / 1k', num: true, cell: (t) => usd(t.cost.computedPer1kUsd) },
        { head: 'difference', num: true, cell: (t) => (t.cost.reportedVsComputedPct === null ? '—' : `${formatNumber(t.cost.reportedVsComputedPct, 2)}%`) },
        { head: 'total', num: true, cell: (t) => usd(t.cost.totalUsd) },
      ],
      b.targets,
    ),
    `</section>`,
  );
  out.push(`<section aria-labelledby="h-cache"><h2 id="h-cache">Cache</h2>`, charts.has('cache') ? chart('cache') : '<p>No target reported a cache status.</p>', `</section>`);
  return out;
}

function gatesSection(m: ReportModel): string {
  if (!m.gates) return '';
  const checked = m.gates.filter((g) => g.status !== 'not-applicable');
  const failed = checked.filter((g) => g.status === 'fail');
  return [
    `<section aria-labelledby="h-gates"><h2 id="h-gates">Gates</h2>`,
    `<p><span class="badge ${failed.length > 0 ? 'fail' : 'pass'}">${failed.length > 0 ? `${failed.length} of ${checked.length} checks failed` : `all ${checked.length} checks passed`}</span></p>`,
    table(
      'Each gate checked for each target it applies to.',
      [
        { head: 'gate', cell: (g) => `<code>${esc(g.gate)}</code>` },
        { head: 'target', cell: (g) => esc(rowName({ name: g.target, origin: g.origin })) },
        { head: 'measured', num: true, cell: (g) => (g.measured === null ? 'not measured' : esc(formatValue(g.measured, g.unit))) },
        { head: 'fails if', num: true, cell: (g) => esc(`${g.op} ${formatValue(g.limit, g.unit)}`) },
        { head: 'result', cell: (g) => `<span class="${g.status === 'fail' ? 'fail' : 'pass'}">${g.status === 'fail' ? '✗ failed' : '✓ passed'}</span>` },
      ],
      [...checked].sort((a, b) => Number(b.status === 'fail') - Number(a.status === 'fail')),
    ),
    `</section>`,
  ].join('\n');
}

function recommendationSection(m: AnyReportModel): string {
  if (!m.choose) return '';
  // The report's own run may have measured what the choose document (made without it) calls unknown.
  const r = { ...m.choose.recommendation, reasons: m.bench ? reasonsWithReportMeasurements(m.choose.recommendation.reasons, m.choose.recommendation.stack, m.bench) : m.choose.recommendation.reasons };
  // The benchmark's and the drill's, each when it changed the pick.
  const changed = [m.choose.bench?.changedPick, m.choose.drill?.changedPick].filter((c) => c != null);
  const sourceIds = new Set([...r.reasons, ...r.watchOuts].map((x) => x.source).filter(Boolean));
  const sources = m.choose.sources.filter((s) => sourceIds.has(s.id));
  const mark = { for: '+', against: '−', neutral: '~' } as const;
  return [
    `<section aria-labelledby="h-rec"><h2 id="h-rec">Recommendation</h2>`,
    ...changed.map((c) => `<p class="warn"><strong>${esc(changedPickLine(c, 'pick'))}</strong></p>`),
    r.gateway === null
      ? '<p><strong>No gateway in the catalog meets the hard constraints.</strong></p>'
      : `<p><strong>${esc(r.name)}</strong> — score ${r.score}/100, confidence ${esc(r.confidence)}${r.runnerUp ? `, runner-up ${esc(r.runnerUp)}` : ''}.${r.topology ? ` ${esc(r.topology)}` : ''}</p>`,
    r.reasons.length > 0 ? `<h3>Why</h3><ul class="reasons">${r.reasons.map((x) => `<li><span aria-hidden="true">${mark[x.effect]}</span> <span class="sr-only">${x.effect}:</span> ${esc(x.text)}${x.source ? ` <span class="muted">[${esc(x.source)}]</span>` : ''}</li>`).join('')}</ul>` : '',
    r.watchOuts.length > 0 ? `<h3>Watch out</h3><ul class="reasons">${r.watchOuts.map((w) => `<li><span class="${w.severity === 'high' ? 'fail' : 'warn'}">${esc(w.severity)}</span> <strong>${esc(w.title)}</strong> — ${esc(w.detail)}</li>`).join('')}</ul>` : '',
    table(
      'Every gateway and stack, best first.',
      [
        { head: 'gateway', cell: (x) => esc(x.name) },
        { head: 'score', num: true, cell: (x) => String(x.score) },
        { head: 'eligible', cell: (x) => (x.eligible ? 'yes' : '<span class="fail">no</span>') },
      ],
      [...m.choose.ranking, ...m.choose.stacks].sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score),
    ),
    sources.length > 0 ? `<h3>Sources</h3><ul>${sources.map((s) => `<li>[${esc(s.id)}] ${esc(s.title)}${s.published ? ` (${esc(s.published)})` : ''} — <a href="${esc(s.url)}" rel="noreferrer">${esc(s.url)}</a></li>`).join('')}</ul>` : '',
    `<p class="muted">Catalog ${esc(m.choose.catalog.version)}, last verified ${esc(m.choose.catalog.lastVerified)}${m.choose.asOf ? `; prices and facts in force on ${esc(m.choose.asOf)}` : ''}.</p>`,
    `</section>`,
  ].join('\n');
}

function costSection(m: AnyReportModel, charts: Map<string, Chart>): string {
  if (!m.cost) return '';
  const money = (v: number) => `$${formatNumber(v, 2)}`;
  return [
    `<section aria-labelledby="h-cost"><h2 id="h-cost">Monthly cost for your workload</h2>`,
    table(
      'USD per month by gateway, line by line. + leaves out a line whose price is not published.',
      [
        { head: 'gateway', cell: (g) => `${esc(g.name)}${g.eligible ? '' : ' <span class="muted">(not eligible)</span>'}` },
        { head: 'total', num: true, cell: (g) => `${money(g.monthlyUsd.total)}${g.excludesUnpublished ? ' +' : ''}` },
        { head: 'tokens', num: true, cell: (g) => money(g.monthlyUsd.tokens) },
        { head: 'fees', num: true, cell: (g) => money(g.monthlyUsd.fees) },
        { head: 'infrastructure', num: true, cell: (g) => money(g.monthlyUsd.infrastructure) },
        { head: 'plan, licence', num: true, cell: (g) => money(g.monthlyUsd.licence) },
        { head: 'ops', num: true, cell: (g) => money(g.monthlyUsd.ops) },
        { head: 'cache savings', num: true, cell: (g) => money(g.monthlyUsd.cacheSavings) },
      ],
      [...m.cost.gateways, ...m.cost.stacks],
    ),
    charts.has('break-even') ? figure(charts.get('break-even')!) : '',
    `</section>`,
  ].join('\n');
}

function runSection(m: ReportModel): string {
  const b = m.bench;
  const env = b.merge
    ? table(
        `${b.merge.runs.length} runs merged by ${b.merge.by}.`,
        [
          { head: 'origin', cell: (r) => esc(r.label) },
          { head: 'file', cell: (r) => esc(r.file) },
          { head: 'started', cell: (r) => esc(r.startedAt) },
          { head: 'Node', cell: (r) => esc(String(r.environment?.node ?? '—')) },
          { head: 'OS', cell: (r) => esc([r.environment?.os, r.environment?.arch].filter(Boolean).join(' ') || '—') },
          { head: 'CPUs', num: true, cell: (r) => esc(String(r.environment?.cpus ?? '—')) },
        ],
        b.merge.runs,
      )
    : table(
        'Where the run was measured.',
        [
          { head: 'field', cell: ([k]: [string, unknown]) => esc(k) },
          { head: 'value', cell: ([, v]) => esc(v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v)) },
        ],
        Object.entries(b.environment ?? {}),
      );
  return [
    `<section aria-labelledby="h-run"><h2 id="h-run">Run configuration and environment</h2>`,
    `<p class="meta">Started ${esc(b.startedAt)}, finished ${esc(b.finishedAt)}. Keys are read from the environment variables named below; no key is in this report.</p>`,
    env,
    `<h3>Configuration</h3><pre>${esc(JSON.stringify(safeConfig(b.config), null, 2))}</pre>`,
    b.warnings.length > 0 ? `<h3>Warnings</h3><ul>${b.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>` : '',
    `</section>`,
  ].join('\n');
}

/** The whole page: one self-contained file (inline style and SVG, no script, no external resource). */
export function renderPage(m: AnyReportModel, charts: Map<string, Chart>): string {
  return m.bench === undefined ? drillOnlyPage(m, charts) : benchPage(m, charts);
}

function benchPage(m: ReportModel, charts: Map<string, Chart>): string {
  const b = m.bench;
  const failed = m.gates?.filter((g) => g.status === 'fail').length ?? 0;
  const origin = b.merge ? `${b.merge.runs.length} runs merged by ${b.merge.by}: ${b.merge.runs.map((r) => r.label).join(', ')}` : b.environment?.label ? `measured from ${b.environment.label}` : '';
  const nav = [
    ['h-verdict', 'Verdict'],
    ['h-targets', 'Targets'],
    ['h-latency', 'Latency'],
    ...(b.overhead.length > 0 ? [['h-overhead', 'Overhead']] : []),
    ...((b.pairwise ?? []).length > 0 ? [['h-pairwise', 'Gateway vs gateway']] : []),
    ...(b.targets.some((t) => t.slo) ? [['h-slo', 'SLO']] : []),
    ...(b.sweep ? [['h-sweep', 'Rate sweep']] : []),
    ['h-errors', 'Errors'],
    ['h-throughput', 'Throughput'],
    ['h-cost-run', 'Cost of the run'],
    ['h-cache', 'Cache'],
    ...(m.drills?.length ? [['h-drill', 'Failover drill']] : []),
    ...(m.gates ? [['h-gates', 'Gates']] : []),
    ...(m.choose ? [['h-rec', 'Recommendation']] : []),
    ...(m.cost ? [['h-cost', 'Monthly cost']] : []),
    ['h-run', 'Configuration'],
  ] as [string, string][];
  const header = [
    `<p class="meta">${b.targets.length} targets${origin ? ` · ${esc(origin)}` : ''} · generated ${esc(m.generatedAt)} by gateway-scout ${esc(m.version)}</p>`,
    cutShortText(b) !== undefined ? `<p><span class="badge fail">Run ${esc(cutShortText(b)!)}</span></p>` : '',
    `<p class="run-shape">${esc(runShape(b))}</p>`,
    b.status.failedTargets.length > 0 ? `<p><span class="badge fail">run failed: ${b.status.failedTargets.length} target${b.status.failedTargets.length === 1 ? '' : 's'} not measured</span></p>` : '',
    m.gates ? `<p><span class="badge ${failed > 0 ? 'fail' : 'pass'}">${failed > 0 ? `${failed} gate check${failed === 1 ? '' : 's'} failed` : 'all gates passed'}</span></p>` : '',
  ];
  const sections = [verdictSection(b), ...benchSections(m, charts), drillSection(m.drills), gatesSection(m), recommendationSection(m), costSection(m, charts), runSection(m)];
  return pageShell({ title: `gateway-scout benchmark — ${b.startedAt.slice(0, 10)}`, header, nav, sections, sources: m.sources });
}

/** Drills alone: no bench sections (nothing measured their latency or cost), the drill first. */
function drillOnlyPage(m: DrillOnlyModel, charts: Map<string, Chart>): string {
  const day = m.drills.map((d) => d.doc.generatedAt).sort()[0]?.slice(0, 10) ?? m.generatedAt.slice(0, 10);
  const targets = m.drills.reduce((n, d) => n + d.doc.targets.length, 0);
  const nav = [['h-drill', 'Failover drill'], ...(m.choose ? [['h-rec', 'Recommendation']] : []), ...(m.cost ? [['h-cost', 'Monthly cost']] : [])] as [string, string][];
  const header = [`<p class="meta">${targets} drilled target${targets === 1 ? '' : 's'} · generated ${esc(m.generatedAt)} by gateway-scout ${esc(m.version)}</p>`];
  const sections = [drillSection(m.drills), recommendationSection(m), costSection(m, charts)];
  return pageShell({ title: `gateway-scout failover drill — ${day}`, header, nav, sections, sources: m.sources });
}
