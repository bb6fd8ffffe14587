import type { Answers } from '../advisor/answers.js';
import { recommendationDocument } from '../advisor/document.js';
import { advise } from '../advisor/score.js';
import { catalogLastVerified } from '../catalog/rules.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { resolveAnswers } from '../io/answers-input.js';
import { loadCatalogAsOf, showWarnings, stalenessWarnings } from './as-of.js';
import { decidingFacts } from '../advisor/deciding-facts.js';
import { numberFlag } from '../io/flag-numbers.js';
import { fileExists, unwritable, writeText } from '../io/files.js';
import { inGitHubActions } from '../io/github-actions.js';
import type { ChooseFlags } from './choose.js';
import type { Ctx } from './context.js';

const NO_ANSWERS = new UsageError(
  'No answers to work from, and no terminal to ask them in.',
  'Pass --answers FILE (JSON or YAML), answer flags such as --hosting managed --caching exact, or --defaults. `gateway-scout schema answers` shows the format.',
);

/** Where the questionnaire offers to keep the answers, in the current directory. */
export const DEFAULT_ANSWERS_FILE = '.gateway-scout.yaml';

interface Obtained {
  answers: Answers;
  cost: Record<string, unknown> | undefined;
  /** The file the answers now live in, if any: the one given, or the one just saved. */
  file: string | undefined;
}

/** Answers given in any form (a file, flags, --defaults) mean no questions; otherwise ask, in a terminal, and offer to save. */
async function obtainAnswers(flags: ChooseFlags, ctx: Ctx): Promise<Obtained> {
  const resolved = await resolveAnswers(flags);
  if (resolved.given) return { answers: resolved.answers, cost: resolved.cost, file: flags.saveAnswers ?? flags.answers };
  if (!ctx.tty.stdin || !ctx.tty.stderr) throw NO_ANSWERS;
  const [{ askAnswers, askSaveAnswers }, { renderAnswersSummary }] = await Promise.all([import('../ui/questionnaire.js'), import('../report/recommendation.js')]);
  const io = { ...ctx.prompt, color: ctx.errColor, signal: ctx.signal };
  const answers = await askAnswers({}, io, (a) => renderAnswersSummary(a, ctx.errColor));
  const file = flags.saveAnswers ?? (await askSaveAnswers(io, DEFAULT_ANSWERS_FILE, unwritable, fileExists));
  return { answers, cost: undefined, file };
}

export async function runChoose(flags: ChooseFlags, ctx: Ctx): Promise<ExitCode> {
  const minScore = flags.minScore === undefined ? undefined : numberFlag('--min-score', flags.minScore, { min: 0, max: 100 });
  // Before any question: a bad place to save would otherwise be found only after all of them.
  if (flags.saveAnswers !== undefined) {
    const problem = await unwritable(flags.saveAnswers);
    if (problem) throw new UsageError(`--save-answers: ${problem}.`);
  }
  const catalog = await loadCatalogAsOf(flags.data, flags.asOf);
  if (catalog.warnings.length > 0) ctx.err((await import('../report/warnings.js')).renderWarnings(catalog.file, catalog.warnings, ctx.errColor));
  if (flags.expect !== undefined) {
    const ids = [...catalog.value.gateways.map((g) => g.id), ...catalog.value.stacks.map((s) => s.id)];
    if (!ids.includes(flags.expect)) throw new UsageError(`--expect: unknown gateway or stack "${flags.expect}".`, `Known: ${ids.join(', ')}.`);
  }

  // Before any question: a bad or demo drill would otherwise be found only after all of them.
  const drill = flags.drill === undefined ? undefined : await import('./choose-drill.js').then(async (d) => ({ d, evidence: await d.loadDrill(flags.drill!, ctx.cwd, catalog.value.gateways.map((g) => g.id)) }));

  const { answers, cost: costInput, file } = await obtainAnswers(flags, ctx);
  if (file !== undefined && file !== flags.answers) {
    const { answersFileText } = await import('../io/answers-file.js');
    await writeText(file, await answersFileText(answers, file), '--save-answers');
    ctx.err(`Saved the answers to ${file}.\n`);
  }

  const { costOptionsFromFlags } = await import('./cost.js');
  const measured = flags.bench === undefined && !flags.benchTokens ? undefined : await import('./bench-input.js').then((b) => b.benchFromFlags(flags, ctx.cwd));
  const costInputs = { section: costInput, flags: costOptionsFromFlags(flags), answersFile: flags.answers, modelsFile: flags.dataModels };
  // A rate sweep's knee replaces the catalog's capacity per instance of the gateways it measured (the cost model's sizing).
  const capacity = measured?.knees?.size ? await import('../cost/measured-capacity.js') : undefined;
  const costCatalog = measured && capacity ? capacity.withMeasuredCapacity(catalog.value, measured.knees!, measured.file, measured.date) : catalog.value;
  const costs = await import('./choose-cost.js').then((m) => m.costExtras(answers, costCatalog, { ...costInputs, measured }));
  let extras = costs.extras;
  if (measured) {
    const [{ overheadBySubject }, { describeMeasurements }] = await Promise.all([import('../bench/measured.js'), import('./bench-input.js')]);
    extras = { ...extras, measuredOverheadMs: overheadBySubject(measured, catalog.value) };
    ctx.err(describeMeasurements(measured, new Map(catalog.value.gateways.map((g) => [g.id, g.name]))));
  }
  if (drill) {
    extras = { ...extras, drill: drill.evidence.byGateway };
    ctx.err(drill.d.describeDrill(drill.evidence, new Map(catalog.value.gateways.map((g) => [g.id, g.name]))));
  }
  const advice = advise(catalog.value, answers, extras);
  // The pick without the drill (all else equal): the document says when the drill changed it.
  const drillRecord = drill && drill.d.chooseDrillRecord(drill.evidence, advise(catalog.value, answers, { ...extras, drill: undefined }), advice);
  const warnings = stalenessWarnings(catalog.value, catalog.asOf, decidingFacts(advice));
  // What the benchmark replaced, and the pick without it: the document says when measurements changed the pick.
  const bench = measured && (await import('./choose-bench.js').then((b) => b.chooseBenchRecord(answers, catalog.value, costInputs, measured, {
        advice,
        tokenCost: costs.tokenCost,
        ...(drill ? { drill: drill.evidence.byGateway } : {}),
        ...(capacity && costs.extras.workload ? { capacity: capacity.capacityFindings(catalog.value, answers, costs.extras.workload, costs.options.selfHosting, measured.knees!, measured.file) } : {}),
      })));
  const doc = recommendationDocument(
    catalog.value,
    { file: catalog.file, lastVerified: catalogLastVerified(catalog.value), warnings: catalog.warnings },
    answers,
    advice,
    new Date(),
    costs.summary,
    bench,
    { asOf: catalog.asOf, warnings },
    drillRecord,
  );
  showWarnings(ctx, warnings, flags.json);

  if (flags.json) ctx.out(JSON.stringify(doc, null, 2) + '\n');
  else {
    // Rendering (layout, chalk) is loaded only for people, not for --json in CI.
    const [{ renderRecommendation }, { nextSteps }] = await Promise.all([import('../report/recommendation.js'), import('./next-steps.js')]);
    ctx.out(renderRecommendation(doc, { width: ctx.width, color: ctx.color, details: flags.details === true, next: nextSteps(doc, file) }));
  }

  const top = doc.recommendation;
  const failures: string[] = [];
  if (flags.expect !== undefined) {
    const stackId = advice.stacks.find((s) => s.members.join() === top.stack.join())?.gateway;
    if (top.gateway !== flags.expect && stackId !== flags.expect) failures.push(`expected ${flags.expect}, but the top pick is ${top.name}`);
  }
  if (minScore !== undefined && top.score < minScore) failures.push(`the top pick scores ${top.score}, below --min-score ${minScore}`);
  if (failures.length > 0) {
    const { paint } = await import('../report/paint.js');
    for (const f of failures) ctx.err(`${paint(ctx.errColor).red.bold('gate failed:')} ${f}\n`);
  }
  if (inGitHubActions(ctx.env)) {
    const [{ publishPick }, { chooseSummaryMarkdown }] = await Promise.all([import('./ci-output.js'), import('../report/pick-summary.js')]);
    await publishPick(ctx, chooseSummaryMarkdown(doc, failures, flags.expect !== undefined || minScore !== undefined), failures);
  }
  return failures.length > 0 ? EXIT.gateFailed : EXIT.ok;
}
