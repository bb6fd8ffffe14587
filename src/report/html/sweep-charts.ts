import type { SweepDoc, SweepStepDoc } from '../../bench/document.js';
import { formatNumber } from '../../format.js';
import type { ReportModel } from '../report-model.js';
import { kneeSentence, ranSteps, sweepHasSlo, sweepTargets } from '../sweep-text.js';
import { colorFor, render, type Chart, type ChartKit } from './charts.js';

/**
 * The sweep view: per target, p50 and p99 of TTFT and of e2e (from the scheduled send) against the offered
 * rate, on a log axis of the rates tried. Each panel gets its own x and y domain, fitted to its data with room
 * for the marks and labels; skipped steps are absent (nothing was measured); saturated steps carry a cross; the
 * knee (the highest sustained rate) is a vertical rule, labelled on the side that keeps the label inside.
 */

interface Point {
  row: string;
  rate: number;
  pct: 'p50' | 'p99';
  ms: number;
  saturated: boolean;
}

const METRICS = [
  ['ttft', 'TTFT'],
  ['e2e', 'e2e'],
] as const;

function points(target: string, steps: readonly SweepStepDoc[], metric: 'ttft' | 'e2e'): Point[] {
  return steps.flatMap((s) =>
    (['p50', 'p99'] as const).flatMap((pct) => {
      const v = s.latencyMs[metric][pct];
      return v === null ? [] : [{ row: target, rate: s.offeredRps, pct, ms: v, saturated: s.saturated }];
    }),
  );
}

/** A log domain around the rates with a margin each side (a single rate gets a window around it). */
export function rateDomain(rates: readonly number[]): [number, number] {
  const lo = Math.min(...rates);
  const hi = Math.max(...rates);
  const pad = lo === hi ? 1.5 : Math.max(1.08, (hi / lo) ** 0.06);
  return [lo / pad, hi * pad];
}

function panel(kit: ChartKit, m: ReportModel, s: SweepDoc, target: string, metric: 'ttft' | 'e2e', label: string): string | undefined {
  const { Plot } = kit;
  const steps = ranSteps(s, target);
  const data = points(target, steps, metric);
  if (data.length === 0) return undefined;
  const rates = [...new Set(steps.map((x) => x.offeredRps))];
  const domain = rateDomain(rates);
  const top = Math.max(...data.map((d) => d.ms)) * 1.15;
  const knee = s.knees.find((k) => k.target === target);
  // The knee only means something when a step saturated; without one, every rate tried was sustained.
  const kneeAt = knee?.saturated && knee.maxSustainedRps !== null ? knee.maxSustainedRps : undefined;
  const right = kneeAt !== undefined && Math.log(kneeAt / domain[0]) > Math.log(domain[1] / domain[0]) / 2;
  const alt = `${target}: ${label} p50 and p99 (ms, from the scheduled send) against offered rate. ${steps
    .map((x) => `${formatNumber(x.offeredRps, 1)} req/s: p50 ${fmt(x.latencyMs[metric].p50)}, p99 ${fmt(x.latencyMs[metric].p99)}${x.saturated ? ' (saturated)' : ''}`)
    .join('; ')}.${kneeAt !== undefined ? ` Knee at ${formatNumber(kneeAt, 1)} req/s.` : ''}`;
  return render(
    kit,
    {
      width: 540,
      height: 300,
      marginLeft: 56,
      marginRight: 24,
      marginTop: 28,
      marginBottom: 42,
      x: { type: 'log', domain, ticks: rates, tickFormat: (d: number) => formatNumber(d, 1), label: 'offered rate (req/s, log scale) →', grid: true },
      y: { domain: [0, top], label: `↑ ${label} (ms)`, grid: true, nice: false },
      color: colorFor(m),
      marks: [
        Plot.ruleY([0]),
        Plot.line(data.filter((d) => d.pct === 'p50'), { x: 'rate', y: 'ms', stroke: 'row', strokeWidth: 2, title: (d: Point) => `${d.row}: p50` }),
        Plot.line(data.filter((d) => d.pct === 'p99'), { x: 'rate', y: 'ms', stroke: 'row', strokeWidth: 2, strokeDasharray: '5,4', title: (d: Point) => `${d.row}: p99` }),
        Plot.dot(data, { x: 'rate', y: 'ms', fill: 'row', r: 3.5, title: (d: Point) => `${d.row}: ${d.pct} ${fmt(d.ms)} at ${formatNumber(d.rate, 1)} req/s${d.saturated ? ' (saturated)' : ''}` }),
        Plot.dot(data.filter((d) => d.saturated), { x: 'rate', y: 'ms', symbol: 'times', r: 7, stroke: 'var(--bad, #cf222e)', strokeWidth: 2 }),
        ...(kneeAt === undefined
          ? []
          : [
              Plot.ruleX([kneeAt], { stroke: 'currentColor', strokeOpacity: 0.7, strokeDasharray: '2,3' }),
              Plot.text([kneeAt], { x: (d: number) => d, frameAnchor: 'top', dy: -14, dx: right ? -4 : 4, textAnchor: right ? 'end' : 'start', text: (d: number) => `knee ${formatNumber(d, 1)} req/s` }),
            ]),
        Plot.text(['p50 solid, p99 dashed'], { frameAnchor: 'top-left', dy: -14, dx: 0, text: (d: string) => d, fillOpacity: 0.7, ...(kneeAt !== undefined && !right ? { frameAnchor: 'top-right', textAnchor: 'end' } : {}) }),
      ],
    },
    alt,
  );
}

const fmt = (v: number | null) => (v === null ? 'not measured' : `${formatNumber(v, v < 10 ? 1 : 0)} ms`);

/** One chart per target of the sweep, each with a TTFT and an e2e panel (a panel with no data is left out). */
export function sweepCharts(kit: ChartKit, m: ReportModel): Chart[] {
  const s = m.bench.sweep;
  if (!s) return [];
  const slo = sweepHasSlo(s);
  return sweepTargets(s).flatMap((target, i) => {
    const panels = METRICS.map(([metric, label]) => panel(kit, m, s, target, metric, label)).filter((p): p is string => p !== undefined);
    if (panels.length === 0) return [];
    const knee = s.knees.find((k) => k.target === target);
    const sentence = knee ? kneeSentence(s, knee, slo) : `${target}: knee not determined`;
    return [{ id: `sweep-${i + 1}`, title: `Rate sweep: ${target}`, alt: sentence, html: `<div class="panels">${panels.join('\n')}</div>`, note: `${sentence}. Crosses mark saturated steps; skipped steps are not drawn.` }];
  });
}
