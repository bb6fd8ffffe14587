import { Command, Option } from 'commander';
import type { Ctx } from './context.js';
import { addAnswerOptions } from './answer-options.js';
import type { RawAnswerFlags } from '../io/answers-input.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { COST_BOUNDS, COST_DEFAULTS, PAYMENT_METHODS, parseModelsFlag, type PartialCostOptions } from '../cost/options.js';
import { opt, withDefault } from './help-style.js';
import { numberFlag } from '../io/flag-numbers.js';
import { addAsOfOption } from './as-of-option.js';
import { inGitHubActions } from '../io/github-actions.js';

/** Raw cost flags as commander hands them over (strings), before validation. */
export interface RawCostFlags {
  models?: string;
  cacheHitRate?: string;
  promptCacheShare?: string;
  payment?: string;
  topUp?: string;
  instanceUsd?: string;
  instances?: string;
  minInstances?: string;
  rpsPerInstance?: string;
  peakFactor?: string;
  postgresUsd?: string;
  redisUsd?: string;
  opsHours?: string;
  opsRate?: string;
  managedBilling?: boolean;
  logpush?: boolean;
  logBytes?: string;
}

export interface CostFlags extends RawAnswerFlags, RawCostFlags {
  json?: boolean;
  details?: boolean;
  dataModels?: string;
  bench?: string;
  asOf?: string;
  benchTokens?: boolean;
}

/** Add every cost-model flag to a command (also used by `choose`). Defaults are shown, not applied: the answers file may set them. */
export function addCostOptions(cmd: Command): Command {
  const d = COST_DEFAULTS;
  const sh = d.selfHosting;
  return cmd
    .addOption(opt('--models <mix>', 'model mix, id=share,... summing to 1; ids from `gateway-scout data models`', d.models.map((m) => `${m.id}=${m.share}`).join(',')))
    .addOption(opt('--cache-hit-rate <0-1>', 'share of requests served by the gateway response cache', d.cacheHitRate))
    .addOption(opt('--prompt-cache-share <0-1>', "share of input tokens billed at the provider's cached-input price", d.promptCacheShare))
    .addOption(withDefault(new Option('--payment <method>', 'how gateway credits are bought').choices(PAYMENT_METHODS), d.payment.method))
    .addOption(opt('--top-up <usd>', 'size of one credit purchase', "one purchase a month covering the month's spend"))
    .addOption(opt('--instance-usd <usd>', 'monthly price of one self-hosted gateway instance', sh.instanceUsdMonthly))
    .addOption(opt('--instances <n>', 'self-hosted instances', 'sized from the peak request rate'))
    .addOption(opt('--min-instances <n>', 'floor for the sized instance count', sh.minInstances))
    .addOption(opt('--rps-per-instance <n>', 'requests per second one instance serves', "the gateway's capacity in the catalog"))
    .addOption(opt('--peak-factor <n>', 'peak ÷ average request rate', sh.peakFactor))
    .addOption(opt('--postgres-usd <usd>', 'monthly price of Postgres', sh.postgresUsdMonthly))
    .addOption(opt('--redis-usd <usd>', 'monthly price of Redis', sh.redisUsdMonthly))
    .addOption(opt('--ops-hours <h>', 'ops hours a month for a moderate-burden gateway', 'by --ops-capacity: none 16, some 8, dedicated 4'))
    .addOption(opt('--ops-rate <usd>', 'loaded cost of one engineer hour', d.opsHourlyUsd))
    .addOption(opt('--managed-billing', 'pay providers through gateway credits where offered', 'only when you hold no provider keys'))
    .option('--no-managed-billing', 'never use gateway credits; always your own provider keys')
    .option('--logpush', 'count paid log export (e.g. Cloudflare Logpush)')
    .addOption(opt('--log-bytes <n>', "bytes one request's log takes at the gateway (logs billed per GB)", '(input + output tokens) × 4 + 1,000'));
}

/** Validate cost flags into partial cost options (only the flags given). Pure; throws UsageError naming the flag. */
export function costOptionsFromFlags(opts: RawCostFlags): PartialCostOptions {
  const out: PartialCostOptions = {};
  if (opts.models !== undefined) out.models = parseModelsFlag(opts.models);
  const B = COST_BOUNDS;
  if (opts.cacheHitRate !== undefined) out.cacheHitRate = numberFlag('--cache-hit-rate', opts.cacheHitRate, B.share, { percent: true });
  if (opts.promptCacheShare !== undefined) out.promptCacheShare = numberFlag('--prompt-cache-share', opts.promptCacheShare, B.share, { percent: true });
  if (opts.payment !== undefined || opts.topUp !== undefined) {
    out.payment = {};
    if (opts.payment !== undefined) {
      if (!(PAYMENT_METHODS as readonly string[]).includes(opts.payment)) throw new UsageError(`--payment expects card or crypto, got "${opts.payment}".`);
      out.payment.method = opts.payment as (typeof PAYMENT_METHODS)[number];
    }
    if (opts.topUp !== undefined) out.payment.topUpUsd = numberFlag('--top-up', opts.topUp, B.topUpUsd);
  }
  const sh: NonNullable<PartialCostOptions['selfHosting']> = {};
  if (opts.instanceUsd !== undefined) sh.instanceUsdMonthly = numberFlag('--instance-usd', opts.instanceUsd, B.instanceUsdMonthly);
  if (opts.instances !== undefined) sh.instances = numberFlag('--instances', opts.instances, B.instances, { count: true });
  if (opts.minInstances !== undefined) sh.minInstances = numberFlag('--min-instances', opts.minInstances, B.minInstances, { count: true });
  if (opts.rpsPerInstance !== undefined) sh.rpsPerInstance = numberFlag('--rps-per-instance', opts.rpsPerInstance, B.rpsPerInstance);
  if (opts.peakFactor !== undefined) sh.peakFactor = numberFlag('--peak-factor', opts.peakFactor, B.peakFactor);
  if (opts.postgresUsd !== undefined) sh.postgresUsdMonthly = numberFlag('--postgres-usd', opts.postgresUsd, B.databaseUsdMonthly);
  if (opts.redisUsd !== undefined) sh.redisUsdMonthly = numberFlag('--redis-usd', opts.redisUsd, B.databaseUsdMonthly);
  if (Object.keys(sh).length > 0) out.selfHosting = sh;
  if (opts.opsHours !== undefined) out.opsHoursPerMonth = numberFlag('--ops-hours', opts.opsHours, B.opsHoursPerMonth);
  if (opts.opsRate !== undefined) out.opsHourlyUsd = numberFlag('--ops-rate', opts.opsRate, B.opsHourlyUsd);
  if (opts.managedBilling !== undefined) out.useManagedBilling = opts.managedBilling;
  if (opts.logpush !== undefined) out.logpush = opts.logpush;
  if (opts.logBytes !== undefined) out.logBytesPerRequest = numberFlag('--log-bytes', opts.logBytes, B.logBytesPerRequest);
  return out;
}

/** `gateway-scout cost`: monthly cost per gateway, line by line, break-even points and a sensitivity chart. */
export function costCommand(ctx: Ctx): Command {
  const cmd = new Command('cost')
    .description('monthly cost of each gateway for your workload, with break-even points')
    .option('--details', 'every cost line with its assumption and source, totals by volume, the chart and the assumptions')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema cost`)')
    .addOption(opt('--data-models <file>', 'model price table to use', 'the built-in data/models.json'))
    .option('--bench <file>', 'a `bench` summary.json (of real gateways, not a demo): measured gateway-vs-price-table cost differences')
    .option('--bench-tokens', "with --bench: use the run's token sizes per request (only if its prompts came from your own file); --avg-*-tokens still win");
  addAsOfOption(addCostOptions(addAnswerOptions(cmd)));
  return cmd.action(async (flags: CostFlags) => {
    ctx.exit(await runCost(flags, ctx));
  });
}

/** The body of `gateway-scout cost`; heavy parts are imported here, so `--help` stays fast. */
export async function runCost(flags: CostFlags, ctx: Ctx): Promise<ExitCode> {
  const costFlags = costOptionsFromFlags(flags);
  const [{ resolveAnswers }, { loadModels }, { resolveCostOptions }, { buildCostReport, costDecidingFacts }, { renderWarnings }, { computeCosts }, { loadCatalogAsOf, showWarnings, stalenessWarnings }] = await Promise.all([
    import('../io/answers-input.js'),
    import('../io/data-files.js'),
    import('../cost/options.js'),
    import('../cost/report.js'),
    import('../report/warnings.js'),
    import('../cost/model.js'),
    import('./as-of.js'),
  ]);
  const { answers: answered, cost } = await resolveAnswers(flags);
  const [catalog, models] = await Promise.all([loadCatalogAsOf(flags.data, flags.asOf), loadModels(flags.dataModels)]);
  const measured = flags.bench === undefined && !flags.benchTokens ? undefined : await import('./bench-input.js').then((b) => b.benchFromFlags(flags, ctx.cwd));
  const withMeasured = measured ? await import('../cost/measured.js') : undefined;
  const answers = measured && withMeasured ? withMeasured.measuredAnswers(answered, measured) : answered;
  for (const loaded of [catalog, models]) {
    if (loaded.warnings.length > 0) ctx.err(renderWarnings(loaded.file, loaded.warnings, ctx.errColor));
  }
  const fromFile = cost === undefined ? undefined : (await import('../cost/options-schema.js')).parseCostSection(cost, flags.answers);
  const options = resolveCostOptions(fromFile, costFlags, models.value, flags.answers);
  let result;
  // A rate sweep's knee replaces the catalog's capacity per instance of the gateways it measured (and only that).
  const knees = measured?.knees;
  const measuredCatalog = measured && knees && knees.size > 0 ? (await import('../cost/measured-capacity.js')).withMeasuredCapacity(catalog.value, knees, measured.file, measured.date) : catalog.value;
  if (measured && withMeasured) {
    result = withMeasured.withMeasuredCosts(answers, options, measuredCatalog, models.value, measured);
    ctx.err((await import('./bench-input.js')).describeMeasurements(measured, new Map(catalog.value.gateways.map((g) => [g.id, g.name]))));
  }
  const bench = measured && result && (await import('./cost-bench.js')).costBenchRecord(answered, options, catalog.value, models.value, measured, result);
  result ??= computeCosts(answers, options, catalog.value, models.value);
  const warnings = stalenessWarnings(catalog.value, catalog.asOf, costDecidingFacts(result));
  const doc = { ...buildCostReport(answers, options, catalog, models, result, { asOf: catalog.asOf, warnings }), ...(bench ? { bench } : {}) };
  showWarnings(ctx, warnings, flags.json);
  if (flags.json) ctx.out(JSON.stringify(doc, null, 2) + '\n');
  else {
    const { renderCostReport } = await import('../report/cost-table.js');
    ctx.out(renderCostReport(doc, { width: ctx.width, color: ctx.color, details: flags.details === true }));
  }
  if (inGitHubActions(ctx.env)) {
    const [{ publishPick }, { costSummaryMarkdown }] = await Promise.all([import('./ci-output.js'), import('../report/pick-summary.js')]);
    await publishPick(ctx, costSummaryMarkdown(doc), []);
  }
  return EXIT.ok;
}
