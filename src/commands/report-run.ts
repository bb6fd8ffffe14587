import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { evaluateGates, failedGates } from '../gates/evaluate.js';
import { checkGateTargets, parseGates } from '../gates/parse.js';
import { inGitHubActions } from '../io/github-actions.js';
import { writeText } from '../io/files.js';
import { readResults } from '../io/results-input.js';
import { mergeRuns } from '../merge/merge-runs.js';
import { VERSION } from '../program.js';
import { cacheHitRate, errorRate, keyVariableNames } from '../report/bench-input.js';
import { cutShortText } from '../report/cut-short.js';
import { REPORT_SCHEMA_VERSION, type ReportDocument } from '../report/report-document.js';
import type { ReportModel } from '../report/report-model.js';
import type { ReportFlags } from './report.js';
import { benchWarnings, maskKeys, printFailedGates, publishToActions } from './ci-output.js';
import type { Ctx } from './context.js';

export async function runReport(paths: string[], flags: ReportFlags, ctx: Ctx): Promise<ExitCode> {
  // Gates are checked before any file is read, so a typo fails fast with where it went wrong.
  const gates = flags.failOn === undefined ? undefined : parseGates(flags.failOn);
  const results = await readResults(paths);
  // Before anything else is printed: the values of every key variable the bench configs name.
  maskKeys(ctx, results.bench.flatMap((r) => keyVariableNames(r.summary.config)));
  if (results.bench.length === 0) throw new UsageError('report needs at least one bench result.', 'Pass a summary.json written by `gateway-scout bench` or its --out folder.');
  const bench = results.bench.length === 1 ? results.bench[0]!.summary : mergeRuns(results.bench.map((r) => ({ file: r.file, summary: r.summary })), 'label');
  const gateResults = gates ? (checkGateTargets(gates, bench.targets.map((t) => t.name)), evaluateGates(gates, bench)) : undefined;
  const requests = results.bench.length === 1 ? results.bench[0]!.requests : undefined;
  const model: ReportModel = {
    bench,
    sources: [...results.bench.map((r) => r.file), ...(results.choose ? [results.choose.file] : []), ...(results.cost ? [results.cost.file] : [])],
    ...(requests ? { requests } : {}),
    ...(results.choose ? { choose: results.choose.doc } : {}),
    ...(results.cost ? { cost: results.cost.doc } : {}),
    ...(gateResults ? { gates: gateResults } : {}),
    generatedAt: new Date().toISOString(),
    version: VERSION,
  };

  const needMarkdown = flags.markdown !== undefined || (inGitHubActions(ctx.env) && ctx.env.GITHUB_STEP_SUMMARY);
  const markdown = needMarkdown ? (await import('../report/markdown.js')).renderMarkdown(model) : undefined;
  if (flags.markdown !== undefined && markdown !== undefined) await writeText(flags.markdown, markdown);
  if (flags.html !== undefined) await writeText(flags.html, await (await import('../report/html/render.js')).renderHtml(model));

  const failed = failedGates(gateResults ?? []);
  if (flags.json) ctx.out(JSON.stringify(reportDocument(model, results, flags), null, 2) + '\n');
  else ctx.out((await import('../report/bench-terminal.js')).renderBenchTerminal(model, { width: ctx.width, color: ctx.color }));
  for (const f of [flags.html, flags.markdown]) if (f !== undefined) ctx.err(`Wrote ${f}.\n`);
  printFailedGates(ctx, gateResults ?? []);
  const watchOuts = (model.choose?.recommendation.watchOuts ?? []).map((w) => ({ title: `Watch out: ${w.gateway}`, message: `${w.title}. ${w.detail}` }));
  await publishToActions(ctx, model, [...benchWarnings(bench.warnings), ...watchOuts], markdown);
  return failed.length > 0 ? EXIT.gateFailed : EXIT.ok;
}

function reportDocument(m: ReportModel, results: Awaited<ReturnType<typeof readResults>>, flags: ReportFlags): ReportDocument {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: m.generatedAt,
    inputs: { bench: results.bench.map((r) => r.file), choose: results.choose?.file ?? null, cost: results.cost?.file ?? null },
    mergedBy: m.bench.merge?.by ?? null,
    targets: m.bench.targets.map((t) => ({
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
    gates: m.gates ?? [],
    passed: failedGates(m.gates ?? []).length === 0,
    written: { html: flags.html ?? null, markdown: flags.markdown ?? null },
    ...cutShortInputs(results),
  };
}

/** Inputs whose summary was rebuilt from requests.jsonl (a run killed before it wrote summary.json). */
function cutShortInputs(results: Awaited<ReturnType<typeof readResults>>): Pick<ReportDocument, 'cutShort'> {
  const cut = results.bench.flatMap((r) => (r.summary.rebuilt ? [{ input: r.file, records: r.summary.rebuilt.records, skippedLines: r.summary.rebuilt.skippedLines, note: cutShortText(r.summary)! }] : []));
  return cut.length === 0 ? {} : { cutShort: cut };
}
