import type { Answers } from '../advisor/answers.js';
import { recommendationDocument } from '../advisor/document.js';
import { advise } from '../advisor/score.js';
import { catalogLastVerified } from '../catalog/rules.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { resolveAnswers } from '../io/answers-input.js';
import { loadCatalog } from '../io/data-files.js';
import { writeText } from '../io/files.js';
import type { ChooseFlags } from './choose.js';
import type { Ctx } from './context.js';

const NO_ANSWERS = new UsageError(
  'No answers to work from, and no terminal to ask them in.',
  'Pass --answers FILE (JSON or YAML), answer flags such as --hosting managed --caching exact, or --defaults. `gateway-scout schema answers` shows the format.',
);

function parseMinScore(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-score expects a number from 0 to 100, got "${raw}".`);
  return n;
}

/** Answers given in any form (a file, flags, --defaults) mean no questions; otherwise ask, in a terminal. */
async function obtainAnswers(flags: ChooseFlags, ctx: Ctx): Promise<{ answers: Answers; cost: Record<string, unknown> | undefined; asked: boolean }> {
  const resolved = await resolveAnswers(flags);
  if (resolved.given) return { ...resolved, asked: false };
  if (!ctx.tty.stdin || !ctx.tty.stderr) throw NO_ANSWERS;
  const [{ askAnswers }, { renderAnswersSummary }] = await Promise.all([import('../ui/questionnaire.js'), import('../report/recommendation.js')]);
  const answers = await askAnswers({}, { ...ctx.prompt, color: ctx.color, signal: ctx.signal }, (a) => renderAnswersSummary(a, ctx.color));
  return { answers, cost: undefined, asked: true };
}

export async function runChoose(flags: ChooseFlags, ctx: Ctx): Promise<ExitCode> {
  const minScore = parseMinScore(flags.minScore);
  const catalog = await loadCatalog(flags.data);
  if (catalog.warnings.length > 0) ctx.err((await import('../report/warnings.js')).renderWarnings(catalog.file, catalog.warnings, ctx.color));
  if (flags.expect !== undefined) {
    const ids = [...catalog.value.gateways.map((g) => g.id), ...catalog.value.stacks.map((s) => s.id)];
    if (!ids.includes(flags.expect)) throw new UsageError(`--expect: unknown gateway or stack "${flags.expect}".`, `Known: ${ids.join(', ')}.`);
  }

  const { answers, cost: costInput, asked } = await obtainAnswers(flags, ctx);
  if (flags.saveAnswers) {
    const body = /\.ya?ml$/i.test(flags.saveAnswers)
      ? (await import('js-yaml')).default.dump(answers)
      : JSON.stringify({ $schema: 'https://unpkg.com/gateway-scout/schemas/answers.schema.json', ...answers }, null, 2) + '\n';
    await writeText(flags.saveAnswers, body);
    ctx.err(`Saved the answers to ${flags.saveAnswers}.\n`);
  }

  const { costOptionsFromFlags } = await import('./cost.js');
  const measured = flags.bench === undefined ? undefined : await import('./bench-input.js').then((b) => b.loadMeasurements(flags.bench!, ctx.cwd));
  const costs = await import('./choose-cost.js').then((m) =>
    m.costExtras(answers, catalog.value, { section: costInput, flags: costOptionsFromFlags(flags), answersFile: flags.answers, modelsFile: flags.dataModels, measured }),
  );
  const now = new Date();
  let extras = costs.extras;
  if (measured) {
    const [{ overheadBySubject }, { describeMeasurements }] = await Promise.all([import('../bench/measured.js'), import('./bench-input.js')]);
    extras = { ...extras, measuredOverheadMs: overheadBySubject(measured, catalog.value) };
    ctx.err(describeMeasurements(measured, new Map(catalog.value.gateways.map((g) => [g.id, g.name]))));
  }
  const advice = advise(catalog.value, answers, extras);
  const doc = recommendationDocument(
    catalog.value,
    { file: catalog.file, lastVerified: catalogLastVerified(catalog.value), warnings: catalog.warnings },
    answers,
    advice,
    now,
    costs.summary,
  );

  if (flags.json) ctx.out(JSON.stringify(doc, null, 2) + '\n');
  else {
    const next = [
      'gateway-scout compare                         the catalog side by side, with sources',
      ...(asked ? ['gateway-scout choose --save-answers answers.json   keep these answers for CI'] : []),
      `gateway-scout choose --answers FILE --json --expect ${doc.recommendation.gateway ?? 'GATEWAY'}   gate a pipeline on this choice`,
    ];
    // Rendering (cli-table3, chalk) is loaded only for people, not for --json in CI.
    const { renderRecommendation } = await import('../report/recommendation.js');
    ctx.err(renderRecommendation(doc, ctx.color, next));
  }

  const top = doc.recommendation;
  const failures: string[] = [];
  if (flags.expect !== undefined) {
    const stackId = advice.stacks.find((s) => s.members.join() === top.stack.join())?.gateway;
    if (top.gateway !== flags.expect && stackId !== flags.expect) failures.push(`expected ${flags.expect}, but the top pick is ${top.name}`);
  }
  if (minScore !== undefined && top.score < minScore) failures.push(`the top pick scores ${top.score}, below --min-score ${minScore}`);
  for (const f of failures) ctx.err(`gate failed: ${f}\n`);
  return failures.length > 0 ? EXIT.gateFailed : EXIT.ok;
}
