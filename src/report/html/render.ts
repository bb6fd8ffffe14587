import { inertFor } from '../inert-model.js';
import type { AnyReportModel, ReportModel } from '../report-model.js';
import { breakEvenChart, cacheChart, costChart, errorsChart, latencyCdfChart, loadChartKit, overheadChart, tokensPerSecondChart, type Chart, type ChartKit } from './charts.js';
import { renderPage } from './page.js';
import { sweepCharts } from './sweep-charts.js';
import { slicesChart } from './slices-chart.js';

/** The HTML report. Async only because the chart library is loaded on first use. */
export async function renderHtml(input: AnyReportModel): Promise<string> {
  // Control characters in the result shown escaped; markup is escaped where the page and charts are built.
  const m = inertFor(input, 'html');
  const kit = await loadChartKit();
  // Drills alone have no bench charts: only the cost document's break-even, when one was given.
  const list: Array<Chart | undefined> = [...(m.bench !== undefined ? benchCharts(kit, m) : []), m.cost ? breakEvenChart(kit, m.cost) : undefined];
  const charts = new Map(list.filter((c): c is Chart => c !== undefined).map((c) => [c.id, c]));
  return renderPage(m, charts);
}

function benchCharts(kit: ChartKit, m: ReportModel): Array<Chart | undefined> {
  return [
    latencyCdfChart(kit, m),
    slicesChart(kit, m),
    overheadChart(kit, m),
    errorsChart(kit, m),
    tokensPerSecondChart(kit, m),
    costChart(kit, m),
    cacheChart(kit, m),
    ...sweepCharts(kit, m),
  ];
}

/** The ids of the charts a model gets, for tests and the browser check. */
export async function chartIds(m: AnyReportModel): Promise<string[]> {
  const html = await renderHtml(m);
  return [...html.matchAll(/data-chart="([^"]+)"/g)].map((x) => x[1] as string);
}
