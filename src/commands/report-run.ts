import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { failedGates } from '../gates/evaluate.js';
import { inGitHubActions } from '../io/github-actions.js';
import { writeText } from '../io/files.js';
import { readResults, type Results } from '../io/results-input.js';
import { mergeRuns } from '../merge/merge-runs.js';
import { VERSION } from '../program.js';
import { cacheHitRate, errorRate, keyVariableNames } from '../report/bench-input.js';
import { cutShortText } from '../report/cut-short.js';
import { REPORT_SCHEMA_VERSION, type ReportDocument } from '../report/report-document.js';
import type { AnyReportModel, ReportModel } from '../report/report-model.js';
import { drillsInReport } from './report-drills.js';
import { evaluateReportGates, parseReportGates } from './report-gates.js';
import type { ReportFlags } from './report.js';
import { benchWarnings, maskKeys, printFailedGates, publishToActions } from './ci-output.js';
import type { Ctx } from './context.js';

export async function runReport(paths: string[], flags: ReportFlags, ctx: Ctx): Promise<ExitCode> {
  // Gates are checked before any file is read, so a typo fails fast with where it went wrong.
  const gates = flags.failOn === undefined ? undefined : parseReportGates(flags.failOn);
  const results = await readResults(paths);
  // Before anything else is printed: the values of every key variable the bench configs name.
  maskKeys(ctx, results.bench.flatMap((r) => keyVariableNames(r.summary.config)));
  if (results.bench.length === 0 && results.drills.length === 0) {
    throw new UsageError('report needs at least one bench result or drill document.', 'Pass a summary.json written by `gateway-scout bench` (or its --out folder), or the JSON of `gateway-scout drill --json`.');
  }
  const common = {
    sources: [...results.bench.map((r) => r.file), ...results.drills.map((d) => d.file), ...(results.choose ? [results.choose.file] : []), ...(results.cost ? [results.cost.file] : [])],
    ...(results.choose ? { choose: results.choose.doc } : {}),
    ...(results.cost ? { cost: results.cost.doc } : {}),
    ...(results.drills.length > 0 ? { drills: results.drills } : {}),
    generatedAt: new Date().toISOString(),
    version: VERSION,
  };
  const drillDocs = results.drills.map((d) => d.doc);
  if (results.bench.length === 0) {
    const drillGates = gates ? evaluateReportGates(gates, undefined, drillDocs) : undefined;
    return emit({ ...common, drills: results.drills, ...(drillGates ? { gates: drillGates } : {}) }, results, flags, ctx);
  }
  const bench = results.bench.length === 1 ? results.bench[0]!.summary : mergeRuns(results.bench.map((r) => ({ file: r.file, summary: r.summary })), 'label');
  const gateResults = gates ? evaluateReportGates(gates, bench, drillDocs) : undefined;
  const requests = results.bench.length === 1 ? results.bench[0]!.requests : undefined;
  const model: ReportModel = { ...common, bench, ...(requests ? { requests } : {}), ...(gateResults ? { gates: gateResults } : {}) };
  return emit(model, results, flags, ctx);
}

/** Every output of a report: markdown and HTML files, JSON or the terminal report on stdout, gates, Actions. */
async function emit(model: AnyReportModel, results: Results, flags: ReportFlags, ctx: Ctx): Promise<ExitCode> {
  const needMarkdown = flags.markdown !== undefined || (inGitHubActions(ctx.env) && ctx.env.GITHUB_STEP_SUMMARY);
  const markdown = needMarkdown ? await markdownOf(model) : undefined;
  if (flags.markdown !== undefined && markdown !== undefined) await writeText(flags.markdown, markdown);
  if (flags.html !== undefined) await writeText(flags.html, await (await import('../report/html/render.js')).renderHtml(model));

  const gateResults = model.gates ?? [];
  const failed = failedGates(gateResults);
  if (flags.json) ctx.out(JSON.stringify(reportDocument(model, results, flags), null, 2) + '\n');
  else ctx.out(await terminalOf(model, ctx));
  for (const f of [flags.html, flags.markdown]) if (f !== undefined) ctx.err(`Wrote ${f}.\n`);
  printFailedGates(ctx, gateResults);
  const watchOuts = (model.choose?.recommendation.watchOuts ?? []).map((w) => ({ title: `Watch out: ${w.gateway}`, message: `${w.title}. ${w.detail}` }));
  await publishToActions(ctx, model, [...benchWarnings(model.bench?.warnings ?? []), ...watchOuts], markdown);
  return failed.length > 0 ? EXIT.gateFailed : EXIT.ok;
}

// Each drill as `drill` itself prints it (its verdict, then a table per target), after the bench report.
async function terminalOf(model: AnyReportModel, ctx: Ctx): Promise<string> {
  const { renderDrillTerminal } = await import('../report/drill-terminal.js');
  const drills = (model.drills ?? []).map((d) => renderDrillTerminal(d.doc, { width: ctx.width, color: ctx.color }));
  const bench = model.bench === undefined ? '' : (await import('../report/bench-terminal.js')).renderBenchTerminal(model, { width: ctx.width, color: ctx.color });
  return drills.length === 0 ? bench : `${bench}${bench === '' ? '' : '\n'}${drills.join('\n')}`;
}

async function markdownOf(model: AnyReportModel): Promise<string> {
  const { renderDrillMarkdown } = await import('../report/drill-markdown.js');
  const drills = (model.drills ?? []).map((d) => renderDrillMarkdown(d.doc));
  const bench = model.bench === undefined ? '' : (await import('../report/markdown.js')).renderMarkdown(model);
  return drills.length === 0 ? bench : `${bench}${bench === '' ? '' : '\n'}${drills.join('\n')}`;
}

function reportDocument(m: AnyReportModel, results: Results, flags: ReportFlags): ReportDocument {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: m.generatedAt,
    inputs: { bench: results.bench.map((r) => r.file), choose: results.choose?.file ?? null, cost: results.cost?.file ?? null, drill: results.drills.map((d) => d.file) },
    mergedBy: m.bench?.merge?.by ?? null,
    targets: (m.bench?.targets ?? []).map((t) => ({
      target: t.name,
      ...(t.origin ? { origin: t.origin } : {}),
      gateway: t.gateway,
      model: t.model,
      sent: t.requests.sent,
      ok: t.requests.ok,
      failed: t.requests.ok === 0,
      errorRate: errorRate(t),
      ttftP50Ms: t.latencyMs.ttft.p50,
      ttftP95Ms: t.latencyMs.ttft.p95,
      e2eP50Ms: t.latencyMs.e2e.p50,
      e2eP95Ms: t.latencyMs.e2e.p95,
      outputTokensPerSecondP50: t.outputTokensPerSecond.p50,
      costPer1kRequestsUsd: t.cost.per1kRequestsUsd,
      cacheHitRate: cacheHitRate(t),
      ...(t.slo ? { slo: { attainment: t.slo.attainment, met: t.slo.met, goodputRps: t.slo.goodputRps } } : {}),
    })),
    drills: drillsInReport(results.drills),
    gates: m.gates ?? [],
    passed: failedGates(m.gates ?? []).length === 0,
    written: { html: flags.html ?? null, markdown: flags.markdown ?? null },
    ...cutShortInputs(results),
  };
}

/** Inputs whose summary was rebuilt from requests.jsonl (a run killed before it wrote summary.json). */
function cutShortInputs(results: Results): Pick<ReportDocument, 'cutShort'> {
  const cut = results.bench.flatMap((r) => (r.summary.rebuilt ? [{ input: r.file, records: r.summary.rebuilt.records, skippedLines: r.summary.rebuilt.skippedLines, note: cutShortText(r.summary)! }] : []));
  return cut.length === 0 ? {} : { cutShort: cut };
}
