import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import { recommendationDocument } from '../../../src/advisor/document.js';
import { advise } from '../../../src/advisor/score.js';
import { renderHtml } from '../../../src/report/html/render.js';
import { reasonsWithReportMeasurements } from '../../../src/report/report-latency.js';
import { makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';
import { makeCatalog, makeGateway } from '../../helpers/builders.js';

/**
 * A report holds a benchmark and a `choose` document made without it. The catalog has no verified overhead for
 * "Edge Gateway", so the choose document says "unknown … measure it"; the report's own run measured it.
 */
const catalog = makeCatalog([makeGateway('edge', { name: 'Edge Gateway', levels: { byok: 'yes' } })]);
const answers = mergeAnswers({ latency: 'critical', needs: [] });
const choose = recommendationDocument(catalog, { file: 'catalog.json', lastVerified: '2026-11-01', warnings: [] }, answers, advise(catalog, answers), new Date('2026-11-25T00:00:00Z'));
const latencyOf = (reasons: readonly { criterion: string; text: string }[]) => reasons.find((r) => r.criterion === 'latency')!.text;

const bench = (edge: { p50: number; ci: [number, number] } | null, emulated?: string[]) => {
  const view = makeSummary(
    [makeTarget('direct', { gateway: 'openai-compatible', baseline: true }), makeTarget('edge-1', { gateway: 'edge' })],
    edge ? [makeOverhead('edge-1', 'ttft', edge.p50, edge.ci, { n: 80 }), makeOverhead('edge-1', 'e2e', edge.p50 + 5, edge.ci)] : [],
  );
  return emulated ? { ...view, run: { ...view.run!, emulatedTargets: emulated } } : view;
};

describe('the recommendation in a report that measured the pick', () => {
  it('the choose document alone says the overhead is unknown', () => {
    expect(latencyOf(choose.recommendation.reasons)).toMatch(/added latency is unknown .* measure it with `gateway-scout bench`/);
  });

  it('shows the report\'s own TTFT measurement instead, and says the score did not use it', () => {
    const reasons = reasonsWithReportMeasurements(choose.recommendation.reasons, ['edge'], bench({ p50: 18.4, ci: [16.1, 20.2] }));
    // TTFT before e2e; the interval is 4.1 ms wide → one decimal (fmtDelta); n is the TTFT row's
    expect(latencyOf(reasons)).toBe(
      'Latency is critical: measured in this report: +18.4 ms (16.1–20.2) to TTFT (p50 vs direct, 95% interval, n=80, target edge-1); the score above did not use it (neutral: the choose document was made without this run); pass this run\'s summary.json to `choose --bench` to score with it.',
    );
    expect(latencyOf(reasons)).not.toContain('measure it with');
    // every other reason is untouched
    expect(reasons.filter((r) => r.criterion !== 'latency')).toEqual(choose.recommendation.reasons.filter((r) => r.criterion !== 'latency'));
  });

  it('a run against the emulators is named as such, not passed off as the gateway\'s overhead', () => {
    // the interval is 4 ms wide → one decimal
    const reasons = reasonsWithReportMeasurements(choose.recommendation.reasons, ['edge'], bench({ p50: 25, ci: [23, 27] }, ['direct', 'edge-1']));
    expect(latencyOf(reasons)).toContain("+25.0 ms (23.0–27.0) to TTFT (p50 vs direct, 95% interval, n=80, target edge-1) — against gateway-scout's emulators (edge-1), not the real gateway, so an illustrative setting;");
    expect(latencyOf(reasons)).toMatch(/benchmark the real gateways to score with a measurement\.$/);
  });

  it('a pick the run did not measure keeps its reason', () => {
    const reasons = reasonsWithReportMeasurements(choose.recommendation.reasons, ['edge'], bench(null));
    expect(reasons).toEqual(choose.recommendation.reasons);
  });

  it('the HTML report\'s recommendation section shows the measurement, never "unknown, measure it"', async () => {
    const html = await renderHtml({ bench: bench({ p50: 18.4, ci: [16.1, 20.2] }), sources: ['summary.json'], choose, generatedAt: '2026-11-25T00:00:00Z', version: '0.1.0' });
    const section = html.slice(html.indexOf('<h2 id="h-rec">'), html.indexOf('</section>', html.indexOf('<h2 id="h-rec">')));
    expect(section).toContain('Latency is critical: measured in this report: +18.4 ms (16.1–20.2) to TTFT');
    expect(section).not.toMatch(/unknown|measure it with/);
  });

  it('the HTML report says first when the choose document\'s measurements changed the pick', async () => {
    const changed = {
      ...choose,
      bench: { file: 'summary.json', measuredAt: '2026-11-24T02:01:00.000Z', replaced: ['overhead:edge'], measuredTokensPerRequest: null, changedPick: { from: { id: 'b', name: 'B' }, to: { id: 'edge', name: 'Edge Gateway' }, why: 'measured overhead' } },
    };
    const html = await renderHtml({ bench: bench(null), sources: ['summary.json'], choose: changed, generatedAt: '2026-11-25T00:00:00Z', version: '0.1.0' });
    const section = html.slice(html.indexOf('<h2 id="h-rec">'));
    expect(section.indexOf('Your measurements changed the pick: B → Edge Gateway (measured overhead).')).toBeGreaterThan(0);
    expect(section.indexOf('Your measurements changed the pick')).toBeLessThan(section.indexOf('<strong>Edge Gateway</strong>'));
  });
});

describe('the report\'s measurement of a stack, of a pick with a catalog figure, of runs merged by label', () => {
  const reason = (text: string, source?: string) => ({ criterion: 'latency', answer: 'latency=sensitive', effect: 'neutral' as const, weight: 2, text, ...(source ? { source, note: 'n' } : {}) });
  const run = () =>
    makeSummary(
      [makeTarget('direct', { gateway: 'openai-compatible', baseline: true }), makeTarget('e', { gateway: 'edge' }), makeTarget('r', { gateway: 'relay' })],
      [makeOverhead('e', 'ttft', 2.5, [1.5, 3.5], { n: 40 }), makeOverhead('r', 'e2e', 10, [8, 12], { n: 40 })],
    );

  it('a stack measured member by member: the members\' overheads add up', () => {
    const [x] = reasonsWithReportMeasurements([reason("Latency is sensitive: Edge + Relay's added latency is unknown (no verified figure), so it counts as neutral")], ['edge', 'relay'], run());
    // 2.5 + 10 = 12.5, at the decimals of the first member's interval (2 ms wide → one decimal)
    expect(x!.text).toBe(
      "Latency is sensitive: measured in this report: e +2.5 ms (1.5–3.5) to TTFT + r +10.0 ms (8.0–12.0) to e2e = +12.5 ms (p50 vs direct, 95% interval); the score above did not use it (neutral: the choose document was made without this run); pass this run's summary.json to `choose --bench` to score with it.",
    );
    // a stack with a member the run did not measure keeps its reason
    const untouched = [reason('Latency is sensitive: unknown')];
    expect(reasonsWithReportMeasurements(untouched, ['edge', 'other'], run())).toEqual(untouched);
    // nothing eligible: no pick, nothing to measure
    expect(reasonsWithReportMeasurements(untouched, [], run())).toEqual(untouched);
  });

  it('a reason with a catalog figure keeps it and its source, and gains the measurement; a measured reason is left alone', () => {
    const [x] = reasonsWithReportMeasurements([reason('Latency is sensitive: typical added latency about 4 ms (vendor figure)', 'vendor-doc')], ['edge'], run());
    expect(x).toEqual({
      criterion: 'latency',
      answer: 'latency=sensitive',
      effect: 'neutral',
      weight: 2,
      source: 'vendor-doc',
      text: "Latency is sensitive: measured in this report: +2.5 ms (1.5–3.5) to TTFT (p50 vs direct, 95% interval, n=40, target e); the score above used the catalog figure (typical added latency about 4 ms (vendor figure)); pass this run's summary.json to `choose --bench` to score with it.",
    });
    const mine = [reason('Latency is sensitive: measured by you on 2026-11-20: +2 ms')];
    expect(reasonsWithReportMeasurements(mine, ['edge'], run())).toEqual(mine);
  });

  it('runs merged by label: a target emulated in one of them is named', () => {
    const base = run();
    const merged = { ...base, run: null, merge: { by: 'label' as const, runs: [{ file: 'a.json', label: 'a', startedAt: base.startedAt, finishedAt: base.finishedAt, status: 'completed' as const, environment: base.environment!, run: { ...base.run!, emulatedTargets: ['e'] } }] } };
    const [x] = reasonsWithReportMeasurements([reason("Latency is sensitive: Edge's added latency is unknown (no verified figure)")], ['edge'], merged);
    expect(x!.text).toContain("— against gateway-scout's emulators (e), not the real gateway");
  });
});
