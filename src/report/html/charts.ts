import type { CostReport } from '../../cost/report-schema.js';
import { formatNumber } from '../../format.js';
import { cacheHitRate, ERROR_CLASSES, rowName, type BenchTarget } from '../bench-input.js';
import { cdf, latencyDistribution } from '../distribution.js';
import type { ReportModel } from '../report-model.js';

type PlotModule = typeof import('@observablehq/plot');
type PlotOptions = NonNullable<Parameters<PlotModule['plot']>[0]>;
// Our tsconfig has no DOM library: the document is whatever Plot accepts (here, linkedom's).
type PlotDocument = NonNullable<PlotOptions['document']>;

/** Plot and a server-side DOM for it to draw into. Loaded only when an HTML report is written. */
export interface ChartKit {
  Plot: PlotModule;
  document: PlotDocument;
}

export async function loadChartKit(): Promise<ChartKit> {
  const [Plot, { parseHTML }] = await Promise.all([import('@observablehq/plot'), import('linkedom')]);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return { Plot, document: document as unknown as PlotDocument };
}

/** One chart: SVG (with Plot's legend when it has one), its heading, and a text alternative. */
export interface Chart {
  id: string;
  title: string;
  /** A sentence or two saying what the chart shows, with the key figures: the chart's alt text. */
  alt: string;
  html: string;
  note?: string;
}

const ms = (v: number | null) => (v === null ? 'not measured' : `${formatNumber(v, v < 10 ? 1 : 0)} ms`);

/** Plot's output with the chart's accessible name and role on the SVG element itself. */
export function render(kit: ChartKit, options: PlotOptions, alt: string): string {
  const el = kit.Plot.plot({ ...options, document: kit.document, className: 'gs-plot', ariaLabel: alt, style: { background: 'transparent' } });
  return el.outerHTML.replace(/<svg ([^>]*\baria-label=)/, '<svg role="img" $1');
}

/** One colour per row in every chart; only the charts whose rows are not labelled on an axis show a legend. */
export const colorFor = (m: ReportModel, legend = false) => ({ domain: m.bench.targets.map(rowName), scheme: 'observable10' as const, legend });

export function latencyCdfChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const data: Array<{ row: string; metric: string; ms: number; share: number }> = [];
  for (const t of m.bench.targets) {
    for (const metric of ['ttft', 'e2e'] as const) {
      const d = latencyDistribution(t, metric, m.requests);
      if (!d) continue;
      const label = metric === 'ttft' ? 'TTFT' : 'e2e';
      // Start each curve at 0 so the step begins at the fastest request.
      const points = cdf(d);
      if (points[0]) data.push({ row: rowName(t), metric: label, ms: points[0][0], share: 0 });
      for (const [v, s] of points) data.push({ row: rowName(t), metric: label, ms: v, share: s });
    }
  }
  if (data.length === 0) return undefined;
  const alt = `Cumulative distribution of time to first token and end-to-end latency per target, on shared axes. Median TTFT: ${m.bench.targets.map((t) => `${rowName(t)} ${ms(t.latencyMs.ttft.p50)}`).join(', ')}. Median e2e: ${m.bench.targets.map((t) => `${rowName(t)} ${ms(t.latencyMs.e2e.p50)}`).join(', ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 340,
      marginLeft: 50,
      marginBottom: 40,
      fx: { label: null, domain: ['TTFT', 'e2e'] },
      // Log scale: TTFT (tens to hundreds of ms) and e2e (seconds) stay readable on one shared axis.
      x: { type: 'log', label: 'latency (ms, log scale) →', grid: true, tickFormat: '~s' },
      y: { label: '↑ share of requests at or below', tickFormat: '%', domain: [0, 1], grid: true },
      color: colorFor(m, true),
      marks: [
        Plot.ruleY([0]),
        Plot.line(data, { x: 'ms', y: 'share', z: 'row', stroke: 'row', fx: 'metric', curve: 'step-after', strokeWidth: 2 }),
        Plot.ruleY([0.5], { stroke: 'currentColor', strokeOpacity: 0.3, strokeDasharray: '2,2' }),
      ],
    },
    alt,
  );
  return {
    id: 'latency-cdf',
    title: 'Latency distribution: TTFT and end-to-end',
    alt,
    html,
    note: 'Read across at 50% for the median; further right is slower.',
  };
}

export function overheadChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const data = m.bench.overhead
    .filter((o) => o.p50DeltaMs !== null)
    .map((o) => ({ row: rowName({ name: o.target, origin: o.origin }), metric: o.metric === 'ttft' ? 'TTFT' : 'e2e', p50: o.p50DeltaMs as number, lo: o.ci95?.[0] ?? (o.p50DeltaMs as number), hi: o.ci95?.[1] ?? (o.p50DeltaMs as number), verdict: o.verdict }));
  if (data.length === 0) return undefined;
  const base = m.bench.overhead[0]?.baseline ?? 'baseline';
  const alt = `Gateway overhead against ${base}: p50 difference with its 95% confidence interval. ${data.map((d) => `${d.row} ${d.metric}: ${d.verdict}`).join('; ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 70 + 34 * data.length,
      marginLeft: 170,
      marginRight: 50,
      fy: { label: null },
      y: { label: null },
      x: { label: `difference from ${base} (ms): p50 with 95% interval →`, grid: true, nice: true },
      color: colorFor(m),
      marks: [
        Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
        Plot.ruleY(data, { y: 'row', fy: 'metric', x1: 'lo', x2: 'hi', stroke: 'row', strokeWidth: 4, strokeOpacity: 0.6 }),
        Plot.dot(data, { y: 'row', fy: 'metric', x: 'p50', fill: 'row', r: 5, title: (d: { row: string; verdict: string }) => `${d.row}: ${d.verdict}` }),
      ],
    },
    alt,
  );
  return { id: 'overhead', title: `Overhead against ${base}`, alt, html, note: 'An interval that crosses 0 means no difference can be told apart at this sample size.' };
}

export function errorsChart(kit: ChartKit, m: ReportModel): Chart {
  const { Plot } = kit;
  const rows = m.bench.targets.map(rowName);
  const data = m.bench.targets.flatMap((t) =>
    ERROR_CLASSES.filter((c) => (t.errors[c] ?? 0) > 0).map((c) => ({ row: rowName(t), cls: c, share: (t.errors[c] as number) / Math.max(1, t.requests.sent), count: t.errors[c] as number })),
  );
  const alt = `Failed requests by error class per target, as a share of requests sent. ${m.bench.targets.map((t) => `${rowName(t)}: ${t.requests.failed} of ${t.requests.sent} failed${errorList(t)}`).join('; ')}.`;
  const classes = [...new Set(data.map((d) => d.cls))];
  const html = render(
    kit,
    {
      width: 1100,
      height: 60 + 30 * rows.length,
      marginLeft: 170,
      y: { label: null, domain: rows },
      x: { label: 'share of requests sent →', tickFormat: '.1%', grid: true, domain: [0, Math.max(0.02, ...m.bench.targets.map((t) => t.requests.failed / Math.max(1, t.requests.sent)))] },
      color: { domain: classes.length > 0 ? classes : ['none'], scheme: 'set2', legend: classes.length > 0 },
      marks: [
        Plot.barX(data, Plot.stackX({ y: 'row', x: 'share', fill: 'cls', title: (d: { row: string; cls: string; count: number }) => `${d.row}: ${d.count} ${d.cls}` })),
        Plot.text(
          m.bench.targets.filter((t) => t.requests.failed === 0),
          { y: rowName, x: 0, text: () => 'no errors', textAnchor: 'start', dx: 6, fillOpacity: 0.7 },
        ),
        Plot.ruleX([0]),
      ],
    },
    alt,
  );
  return { id: 'errors', title: 'Errors by class', alt, html };
}

const errorList = (t: BenchTarget) => {
  const parts = ERROR_CLASSES.filter((c) => (t.errors[c] ?? 0) > 0).map((c) => `${t.errors[c]} ${c}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

export function tokensPerSecondChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const data = m.bench.targets
    .filter((t) => t.outputTokensPerSecond.p50 !== null)
    .map((t) => ({ row: rowName(t), min: t.outputTokensPerSecond.min ?? 0, max: t.outputTokensPerSecond.max ?? 0, p50: t.outputTokensPerSecond.p50 as number, p90: t.outputTokensPerSecond.p90 }));
  if (data.length === 0) return undefined;
  const alt = `Output tokens per second per target: median, with the range from slowest to fastest request. ${data.map((d) => `${d.row} median ${formatNumber(d.p50, 0)} (${formatNumber(d.min, 0)}–${formatNumber(d.max, 0)})`).join(', ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 60 + 30 * data.length,
      marginLeft: 170,
      y: { label: null, domain: data.map((d) => d.row) },
      x: { label: 'output tokens per second (higher is faster) →', grid: true, zero: true },
      color: colorFor(m),
      marks: [
        Plot.ruleY(data, { y: 'row', x1: 'min', x2: 'max', stroke: 'row', strokeOpacity: 0.5, strokeWidth: 2 }),
        Plot.dot(data, { y: 'row', x: 'p50', fill: 'row', r: 5 }),
        Plot.text(data, { y: 'row', x: 'p50', text: (d: { p50: number }) => `median ${formatNumber(d.p50, 0)}`, textAnchor: 'start', dx: 8, dy: -9 }),
      ],
    },
    alt,
  );
  return { id: 'tokens-per-second', title: 'Output tokens per second', alt, html, note: 'Dot: median; line: slowest to fastest request.' };
}

export function costChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const data = m.bench.targets.flatMap((t) => {
    const c = { reported: t.cost.reportedPer1kUsd, computed: t.cost.computedPer1kUsd };
    return [
      ...(c.reported !== null ? [{ row: rowName(t), kind: 'reported by the gateway', usd: c.reported }] : []),
      ...(c.computed !== null ? [{ row: rowName(t), kind: 'computed from the price table', usd: c.computed }] : []),
    ];
  });
  if (data.length === 0) return undefined;
  const alt = `Cost per 1,000 requests, as reported by each gateway and as computed from the price table. ${m.bench.targets
    .map((t) => {
      const c = { reported: t.cost.reportedPer1kUsd, computed: t.cost.computedPer1kUsd };
      return `${rowName(t)}: ${c.reported === null ? 'not reported' : `reported $${formatNumber(c.reported, 4)}`}, ${c.computed === null ? 'not computed' : `computed $${formatNumber(c.computed, 4)}`}`;
    })
    .join('; ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 60 + 22 * data.length + 10 * m.bench.targets.length,
      marginLeft: 170,
      marginRight: 80,
      fy: { label: null, domain: m.bench.targets.map(rowName) },
      y: { label: null, axis: null },
      x: { label: 'USD per 1,000 requests →', grid: true },
      color: { domain: ['reported by the gateway', 'computed from the price table'], range: ['#4269d0', '#97bbf5'], legend: true },
      marks: [
        Plot.barX(data, { y: 'kind', fy: 'row', x: 'usd', fill: 'kind' }),
        Plot.text(data, { y: 'kind', fy: 'row', x: 'usd', text: (d: { usd: number }) => `$${formatNumber(d.usd, 4)}`, textAnchor: 'start', dx: 4 }),
        Plot.ruleX([0]),
      ],
    },
    alt,
  );
  return { id: 'cost-per-1k', title: 'Cost per 1,000 requests: reported vs computed', alt, html };
}

export function cacheChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const data = m.bench.targets.map((t) => ({ row: rowName(t), rate: cacheHitRate(t), hits: t.cache.hits, known: t.cache.hits + t.cache.misses }));
  if (data.every((d) => d.rate === null)) return undefined;
  const alt = `Cache hit rate per target, over requests whose cache status was reported. ${data.map((d) => (d.rate === null ? `${d.row}: no cache status` : `${d.row}: ${formatNumber(d.rate * 100, 1)}% (${d.hits} of ${d.known})`)).join('; ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 60 + 30 * data.length,
      marginLeft: 170,
      y: { label: null, domain: data.map((d) => d.row) },
      marginRight: 40,
      x: { label: 'cache hit rate →', tickFormat: '%', domain: [0, 1], grid: true },
      color: colorFor(m),
      marks: [
        Plot.barX(data.filter((d) => d.rate !== null), { y: 'row', x: 'rate', fill: 'row' }),
        Plot.text(data, { y: 'row', x: (d: { rate: number | null }) => d.rate ?? 0, text: (d: { rate: number | null; hits: number; known: number }) => (d.rate === null ? 'no cache status reported' : `${formatNumber(d.rate * 100, 1)}% (${d.hits} of ${d.known})`), textAnchor: 'start', dx: 6 }),
        Plot.ruleX([0]),
      ],
    },
    alt,
  );
  return { id: 'cache', title: 'Cache hit rate', alt, html };
}

export function breakEvenChart(kit: ChartKit, doc: CostReport): Chart | undefined {
  const { Plot } = kit;
  const names = new Map([...doc.gateways, ...doc.stacks].map((g) => [g.gateway, g.name]));
  const data = doc.curve.series.flatMap((s) => s.totalUsd.map((usd, i) => ({ gateway: names.get(s.gateway) ?? s.gateway, requests: doc.curve.monthlyRequests[i] as number, usd })));
  const points = doc.breakEven
    .filter((b) => b.monthlyRequests !== null)
    .map((b) => {
      const i = doc.curve.monthlyRequests.findIndex((r) => r >= (b.monthlyRequests as number));
      const usd = doc.curve.series.find((s) => s.gateway === b.a)?.totalUsd[Math.max(0, i)] ?? 0;
      return { requests: b.monthlyRequests as number, usd, label: `${names.get(b.a) ?? b.a} = ${names.get(b.b) ?? b.b}` };
    });
  // null: a limit stops that option at that volume, so it has no point there.
  const positive = data.filter((d): d is typeof d & { usd: number } => d.usd !== null && d.usd > 0 && d.requests > 0);
  if (positive.length === 0) return undefined;
  const alt = `Monthly cost of each gateway against monthly requests, both on log scales. ${doc.breakEven.map((b) => (b.monthlyRequests === null ? `${names.get(b.a) ?? b.a} and ${names.get(b.b) ?? b.b} never cross` : `${names.get(b.a) ?? b.a} and ${names.get(b.b) ?? b.b} cost the same near ${formatNumber(b.monthlyRequests, 0)} requests a month`)).join('; ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 380,
      marginLeft: 70,
      x: { type: 'log', label: 'requests per month →', grid: true },
      y: { type: 'log', label: '↑ USD per month', grid: true },
      color: { legend: true, scheme: 'observable10' },
      marks: [
        Plot.line(positive, { x: 'requests', y: 'usd', stroke: 'gateway', strokeWidth: 2 }),
        Plot.dot(points.filter((p) => p.usd > 0), { x: 'requests', y: 'usd', r: 5, stroke: 'currentColor', title: 'label' }),
      ],
    },
    alt,
  );
  return { id: 'break-even', title: 'Monthly cost by volume, with break-even points', alt, html, note: 'Circles mark where two gateways cost the same.' };
}
