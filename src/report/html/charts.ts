import type { CostReport } from '../../cost/report-schema.js';
import { formatNumber } from '../../format.js';
import { cacheHitRate, ERROR_CLASSES, rowName, type BenchTarget } from '../bench-input.js';
import { cdf, latencyDistribution } from '../distribution.js';
import type { ReportModel } from '../report-model.js';
import { labelShare, labelSide, linearDomain, log10Axis, logDomain, longTail, NEUTRAL_PALETTE, onLogLogLine, position, rowMargin, shortNumber, targetColorScale } from './chart-scales.js';

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

/**
 * One colour per row in every chart (the latency, overhead, throughput, cache, slices and sweep charts alike); only
 * the charts whose rows are not labelled on an axis show a legend.
 */
export const colorFor = (m: ReportModel, legend = false) => targetColorScale(m.bench.targets.map(rowName), legend);

/** The targets' colour legend on its own, for a chart drawn as several panels. */
export function legendHtml(kit: ChartKit, m: ReportModel): string {
  const el = kit.Plot.legend({ color: colorFor(m), document: kit.document, className: 'gs-plot' } as Parameters<PlotModule['legend']>[0]);
  return (el as unknown as { outerHTML: string }).outerHTML;
}

type CdfPoint = { row: string; ms: number; share: number };

const msTick = (d: number) => formatNumber(d, d < 1 ? 1 : 0);

function cdfPoints(m: ReportModel, metric: 'ttft' | 'e2e'): CdfPoint[] {
  return m.bench.targets.flatMap((t) => {
    const d = latencyDistribution(t, metric, m.requests);
    if (!d) return [];
    // Start each curve at 0 so the step begins at the fastest request.
    const points = cdf(d);
    return [...(points[0] ? [{ row: rowName(t), ms: points[0][0], share: 0 }] : []), ...points.map(([v, s]) => ({ row: rowName(t), ms: v, share: s }))];
  });
}

/** One panel of the latency distribution, with its own x axis fitted to its own values. */
function cdfPanel(kit: ChartKit, m: ReportModel, data: CdfPoint[], label: string, alt: string): string {
  const { Plot } = kit;
  const values = data.map((d) => d.ms);
  // Linear from zero (cache hits are a step at the left), log when a long tail would squash the rest.
  const log = longTail(values);
  const domain = log ? logDomain(values) : linearDomain(values);
  return render(
    kit,
    {
      width: 540,
      height: 320,
      marginLeft: 50,
      marginRight: 20,
      marginBottom: 40,
      x: { ...(log ? log10Axis(domain, msTick) : { domain, ticks: 6, tickFormat: msTick }), label: `${label} (ms${log ? ', log scale' : ''}) →`, grid: true },
      y: { label: '↑ share of requests at or below', tickFormat: '%', domain: [0, 1], grid: true },
      color: colorFor(m),
      marks: [
        Plot.ruleY([0]),
        Plot.line(data, { x: (d: CdfPoint) => (log ? Math.log10(d.ms) : d.ms), y: 'share', z: 'row', stroke: 'row', curve: 'step-after', strokeWidth: 2, title: (d: CdfPoint) => `${d.row}: ${label}` }),
        Plot.ruleY([0.5], { stroke: 'currentColor', strokeOpacity: 0.3, strokeDasharray: '2,2' }),
      ],
    },
    alt,
  );
}

export function latencyCdfChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const panels = (
    [
      ['ttft', 'TTFT', 'time to first token'],
      ['e2e', 'e2e', 'end-to-end latency'],
    ] as const
  ).flatMap(([metric, label, words]) => {
    const data = cdfPoints(m, metric);
    if (data.length === 0) return [];
    const alt = `Cumulative distribution of ${words} per target, on its own axis. Median ${label}: ${m.bench.targets.map((t) => `${rowName(t)} ${ms(t.latencyMs[metric].p50)}`).join(', ')}.`;
    return [{ alt, html: cdfPanel(kit, m, data, label, alt) }];
  });
  if (panels.length === 0) return undefined;
  return {
    id: 'latency-cdf',
    title: 'Latency distribution: TTFT and end-to-end',
    alt: panels.map((p) => p.alt).join(' '),
    html: `${legendHtml(kit, m)}\n<div class="panels">${panels.map((p) => p.html).join('\n')}</div>`,
    note: 'Read across at 50% for the median; further right is slower. Each panel has its own axis.',
  };
}

export function overheadChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const left = rowMargin(m.bench.targets.map(rowName));
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
      marginLeft: left,
      marginRight: 50,
      fy: { label: null },
      y: { label: null },
      x: { label: `difference from ${base} (ms): p50 with 95% interval →`, grid: true, nice: true },
      color: colorFor(m),
      marks: [
        Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
        Plot.ruleY(data, { y: 'row', fy: 'metric', x1: 'lo', x2: 'hi', stroke: 'row', strokeWidth: 4, strokeOpacity: 0.6, title: (d: { row: string; verdict: string }) => `${d.row}: ${d.verdict}` }),
        Plot.dot(data, { y: 'row', fy: 'metric', x: 'p50', fill: 'row', r: 5, title: (d: { row: string; verdict: string }) => `${d.row}: ${d.verdict}` }),
      ],
    },
    alt,
  );
  return { id: 'overhead', title: `Overhead against ${base}`, alt, html, note: 'An interval that crosses 0 means no difference can be told apart at this sample size.' };
}

export function errorsChart(kit: ChartKit, m: ReportModel): Chart {
  const { Plot } = kit;
  const left = rowMargin(m.bench.targets.map(rowName));
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
      marginLeft: left,
      y: { label: null, domain: rows },
      x: { label: 'share of requests sent →', tickFormat: '.1%', grid: true, domain: [0, Math.max(0.02, ...m.bench.targets.map((t) => t.requests.failed / Math.max(1, t.requests.sent)))] },
      // Neutral tones: error classes are not targets, and must not take a target's colour.
      color: { domain: classes.length > 0 ? classes : ['none'], range: [...NEUTRAL_PALETTE], legend: classes.length > 0 },
      marks: [
        Plot.barX(data, Plot.stackX({ y: 'row', x: 'share', fill: 'cls', title: (d: { row: string; cls: string; count: number }) => `${d.count} ${d.cls} (${d.row})` })),
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
  const left = rowMargin(m.bench.targets.map(rowName));
  const data = m.bench.targets
    .filter((t) => t.outputTokensPerSecond.p50 !== null)
    .map((t) => ({ row: rowName(t), min: t.outputTokensPerSecond.min ?? 0, max: t.outputTokensPerSecond.max ?? 0, p50: t.outputTokensPerSecond.p50 as number, p90: t.outputTokensPerSecond.p90 }));
  if (data.length === 0) return undefined;
  const alt = `Output tokens per second per target: median, with the range from slowest to fastest request. ${data.map((d) => `${d.row} median ${formatNumber(d.p50, 0)} (${formatNumber(d.min, 0)}–${formatNumber(d.max, 0)})`).join(', ')}.`;
  const values = data.flatMap((d) => [d.min, d.max, d.p50]);
  // A cached answer can come back at 100,000 tokens/s beside 100 for the rest: then a log axis keeps the medians apart.
  const log = longTail(values);
  const domain = log ? logDomain(values) : linearDomain(values);
  const text = (d: { p50: number }) => `median ${formatNumber(d.p50, 0)}`;
  const range = (d: (typeof data)[number]) => `${d.row}: median ${formatNumber(d.p50, 0)}, ${formatNumber(d.min, 0)} to ${formatNumber(d.max, 0)} tokens/s`;
  const at = (k: 'min' | 'max' | 'p50') => (d: (typeof data)[number]) => (log ? Math.log10(Math.max(d[k], domain[0])) : d[k]);
  const side = (d: (typeof data)[number]) => labelSide(position(d.p50, domain, log), labelShare(text(d), 1100 - left - 30));
  const html = render(
    kit,
    {
      width: 1100,
      height: 60 + 30 * data.length,
      marginLeft: left,
      marginRight: 30,
      y: { label: null, domain: data.map((d) => d.row) },
      x: { ...(log ? log10Axis(domain, shortNumber) : { domain }), label: `output tokens per second (higher is faster${log ? ', log scale' : ''}) →`, grid: true },
      color: colorFor(m),
      marks: [
        Plot.ruleY(data, { y: 'row', x1: at('min'), x2: at('max'), stroke: 'row', strokeOpacity: 0.5, strokeWidth: 2, title: range }),
        Plot.dot(data, { y: 'row', x: at('p50'), fill: 'row', r: 5, title: range }),
        // Each label on the side of its dot that keeps it inside the frame.
        ...(['start', 'end'] as const).map((anchor) => Plot.text(data.filter((d) => side(d).textAnchor === anchor), { y: 'row', x: at('p50'), text, textAnchor: anchor, dx: anchor === 'start' ? 8 : -8, dy: -9 })),
      ],
    },
    alt,
  );
  return { id: 'tokens-per-second', title: 'Output tokens per second', alt, html, note: 'Dot: median; line: slowest to fastest request.' };
}

export function costChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const left = rowMargin(m.bench.targets.map(rowName));
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
      marginLeft: left,
      marginRight: 30,
      fy: { label: null, domain: m.bench.targets.map(rowName) },
      y: { label: null, axis: null },
      // Room on the right for the longest figure, so that every label stays inside the frame.
      x: { label: 'USD per 1,000 requests →', grid: true, domain: costDomain(data.map((d) => d.usd), 1100 - left - 30) },
      // Neutral tones: these two are not targets, and must not look like one.
      color: { domain: ['reported by the gateway', 'computed from the price table'], range: [NEUTRAL_PALETTE[0], NEUTRAL_PALETTE[1]], legend: true },
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

/** From 0 to past the largest bar by the width the longest `$0.0115` label needs. */
function costDomain(values: number[], framePx: number): [number, number] {
  const hi = Math.max(...values, 0) || 1;
  const share = Math.max(...values.map((v) => labelShare(`$${formatNumber(v, 4)}`, framePx)));
  return [0, hi / (1 - share)];
}

export function cacheChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const { Plot } = kit;
  const left = rowMargin(m.bench.targets.map(rowName));
  const data = m.bench.targets.map((t) => ({ row: rowName(t), rate: cacheHitRate(t), hits: t.cache.hits, known: t.cache.hits + t.cache.misses }));
  if (data.every((d) => d.rate === null)) return undefined;
  type CacheRow = (typeof data)[number];
  const cacheText = (d: CacheRow) => (d.rate === null ? 'no cache status reported' : `${formatNumber(d.rate * 100, 1)}% (${d.hits} of ${d.known})`);
  // A label past the bar while it fits, else inside the bar's end (a hit rate near 100%).
  const cacheSide = (d: CacheRow) => labelSide(d.rate ?? 0, labelShare(cacheText(d), 1100 - left - 40)).textAnchor;
  const alt = `Cache hit rate per target, over requests whose cache status was reported. ${data.map((d) => (d.rate === null ? `${d.row}: no cache status` : `${d.row}: ${formatNumber(d.rate * 100, 1)}% (${d.hits} of ${d.known})`)).join('; ')}.`;
  const html = render(
    kit,
    {
      width: 1100,
      height: 60 + 30 * data.length,
      marginLeft: left,
      y: { label: null, domain: data.map((d) => d.row) },
      marginRight: 40,
      x: { label: 'cache hit rate →', tickFormat: '%', domain: [0, 1], grid: true },
      color: colorFor(m),
      marks: [
        Plot.barX(data.filter((d) => d.rate !== null), { y: 'row', x: 'rate', fill: 'row', title: (d: CacheRow) => `${d.row}: ${cacheText(d)}` }),
        ...(['start', 'end'] as const).map((anchor) => Plot.text(data.filter((d) => cacheSide(d) === anchor), { y: 'row', x: (d: CacheRow) => d.rate ?? 0, text: cacheText, textAnchor: anchor, dx: anchor === 'start' ? 6 : -6 })),
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
      // On gateway a's line as drawn (it was placed at the next volume of the curve, off the line).
      const usd = onLogLogLine(doc.curve.monthlyRequests, doc.curve.series.find((s) => s.gateway === b.a)?.totalUsd ?? [], b.monthlyRequests as number) ?? 0;
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
