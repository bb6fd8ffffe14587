import { rowName } from '../bench-input.js';
import type { ReportModel } from '../report-model.js';
import { driftMetric, slicesCaption } from '../slices.js';
import { colorFor, type Chart, type ChartKit } from './charts.js';

/**
 * Latency over time (a run with time slices): p50 and p99 per slice for every target, on one time axis, so a
 * soak run's drift shows. Built as the charts in charts.ts are: Plot into a server-side DOM, with alt text.
 */
export function slicesChart(kit: ChartKit, m: ReportModel): Chart | undefined {
  const s = m.bench.slices;
  if (!s || s.targets.length === 0) return undefined;
  const { Plot } = kit;
  const metric = driftMetric(s);
  const label = metric === 'ttft' ? 'TTFT' : 'e2e';
  const data = s.targets.flatMap((t) =>
    t.slices.flatMap((x) =>
      (['p50', 'p99'] as const).flatMap((q) => (x[metric][q] === null ? [] : [{ row: rowName({ name: t.target, origin: t.origin }), q, at: (x.startS + x.endS) / 2, ms: x[metric][q] as number }])),
    ),
  );
  if (data.length === 0) return undefined;
  const alt = `${label} p50 and p99 per time slice (${slicesCaption(s)}, by scheduled send) for ${s.targets.map((t) => rowName({ name: t.target, origin: t.origin })).join(', ')}: flat lines mean no drift.`;
  const el = Plot.plot({
    document: kit.document,
    className: 'gs-plot',
    ariaLabel: alt,
    style: { background: 'transparent' },
    width: 1100,
    height: 380,
    marginLeft: 60,
    fy: { label: null, domain: ['p50', 'p99'] },
    x: { label: 'time into the measured phase (s) →', grid: true },
    y: { label: `↑ ${label} (ms)`, grid: true, nice: true },
    color: colorFor(m, true),
    marks: [Plot.line(data, { x: 'at', y: 'ms', z: 'row', stroke: 'row', fy: 'q', strokeWidth: 2, marker: 'dot', title: (d: { row: string; q: string }) => `${d.row}: ${d.q}` })],
  });
  const html = el.outerHTML.replace(/<svg ([^>]*\baria-label=)/, '<svg role="img" $1');
  return { id: 'slices', title: `${label} over time`, alt, html, note: 'One point per slice, at its middle; a gap is a slice in which nothing succeeded.' };
}
