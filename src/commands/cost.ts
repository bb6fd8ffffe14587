import { Command, Option } from 'commander';
import type { Ctx } from './context.js';
import { addAnswerOptions } from './answer-options.js';
import type { RawAnswerFlags } from '../io/answers-input.js';
import { EXIT, UsageError, type ExitCode } from '../errors.js';
import { PAYMENT_METHODS, parseModelsFlag, type PartialCostOptions } from '../cost/options.js';

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
}

export interface CostFlags extends RawAnswerFlags, RawCostFlags {
  json?: boolean;
  dataModels?: string;
  bench?: string;
}

/** Add every cost-model flag to a command (also used by `choose`). */
export function addCostOptions(cmd: Command): Command {
  return cmd
    .option('--models <mix>', 'model mix: id=share,... summing to 1 (default openai/gpt-4o-mini=1)')
    .option('--cache-hit-rate <0-1>', 'share of requests served by the gateway response cache (default 0.1)')
    .option('--prompt-cache-share <0-1>', 'share of input tokens billed at the provider cached-input price (default 0)')
    .addOption(new Option('--payment <method>', 'how gateway credits are bought (default card)').choices(PAYMENT_METHODS))
    .option('--top-up <usd>', 'size of one credit purchase (default: one purchase a month covering the spend)')
    .option('--instance-usd <usd>', 'monthly price of one self-hosted gateway instance (default 130.31)')
    .option('--instances <n>', 'self-hosted instances (default: sized from the peak request rate)')
    .option('--min-instances <n>', 'floor for the sized instance count (default 1)')
    .option('--rps-per-instance <n>', 'requests per second one instance serves (default 500)')
    .option('--peak-factor <n>', 'peak ÷ average request rate (default 3)')
    .option('--postgres-usd <usd>', 'monthly price of Postgres (default 50)')
    .option('--redis-usd <usd>', 'monthly price of Redis (default 23.36)')
    .option('--ops-hours <h>', 'ops hours a month for a moderate-burden gateway (default by --ops-capacity: 4/8/16)')
    .option('--ops-rate <usd>', 'loaded cost of one engineer hour (default 100)')
    .option('--managed-billing', 'pay providers through gateway credits where offered')
    .option('--no-managed-billing', 'never use gateway credits; always your own provider keys')
    .option('--logpush', 'count paid log export (e.g. Cloudflare Logpush)');
}

const number = (flag: string, raw: string, check: (n: number) => boolean, want: string): number => {
  const s = raw.trim().replace(/_/g, '');
  const n = s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
  if (s === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`${flag} expects ${want}, got "${raw}".`);
  return n;
};
const rate = (flag: string, raw: string) => number(flag, raw, (n) => n >= 0 && n <= 1, 'a number from 0 to 1 (or a percentage)');
const money = (flag: string, raw: string) => number(flag, raw, (n) => n >= 0, 'a number of USD ≥ 0');
const whole = (flag: string, raw: string, min: number) => number(flag, raw, (n) => Number.isInteger(n) && n >= min, `a whole number ≥ ${min}`);

/** Validate cost flags into partial cost options (only the flags given). Pure; throws UsageError naming the flag. */
export function costOptionsFromFlags(opts: RawCostFlags): PartialCostOptions {
  const out: PartialCostOptions = {};
  if (opts.models !== undefined) out.models = parseModelsFlag(opts.models);
  if (opts.cacheHitRate !== undefined) out.cacheHitRate = rate('--cache-hit-rate', opts.cacheHitRate);
  if (opts.promptCacheShare !== undefined) out.promptCacheShare = rate('--prompt-cache-share', opts.promptCacheShare);
  if (opts.payment !== undefined || opts.topUp !== undefined) {
    out.payment = {};
    if (opts.payment !== undefined) {
      if (!(PAYMENT_METHODS as readonly string[]).includes(opts.payment)) throw new UsageError(`--payment expects card or crypto, got "${opts.payment}".`);
      out.payment.method = opts.payment as (typeof PAYMENT_METHODS)[number];
    }
    if (opts.topUp !== undefined) out.payment.topUpUsd = number('--top-up', opts.topUp, (n) => n > 0, 'a number of USD > 0');
  }
  const sh: NonNullable<PartialCostOptions['selfHosting']> = {};
  if (opts.instanceUsd !== undefined) sh.instanceUsdMonthly = money('--instance-usd', opts.instanceUsd);
  if (opts.instances !== undefined) sh.instances = whole('--instances', opts.instances, 1);
  if (opts.minInstances !== undefined) sh.minInstances = whole('--min-instances', opts.minInstances, 1);
  if (opts.rpsPerInstance !== undefined) sh.rpsPerInstance = number('--rps-per-instance', opts.rpsPerInstance, (n) => n > 0, 'a number > 0');
  if (opts.peakFactor !== undefined) sh.peakFactor = number('--peak-factor', opts.peakFactor, (n) => n >= 1, 'a number ≥ 1');
  if (opts.postgresUsd !== undefined) sh.postgresUsdMonthly = money('--postgres-usd', opts.postgresUsd);
  if (opts.redisUsd !== undefined) sh.redisUsdMonthly = money('--redis-usd', opts.redisUsd);
  if (Object.keys(sh).length > 0) out.selfHosting = sh;
  if (opts.opsHours !== undefined) out.opsHoursPerMonth = money('--ops-hours', opts.opsHours);
  if (opts.opsRate !== undefined) out.opsHourlyUsd = money('--ops-rate', opts.opsRate);
  if (opts.managedBilling !== undefined) out.useManagedBilling = opts.managedBilling;
  if (opts.logpush !== undefined) out.logpush = opts.logpush;
  return out;
}

/** `gateway-scout cost`: monthly cost per gateway, line by line, break-even points and a sensitivity chart. */
export function costCommand(ctx: Ctx): Command {
  const cmd = new Command('cost')
    .description('monthly cost of each gateway for your workload, line by line, with break-even points')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema cost`)')
    .option('--data-models <file>', 'model price table to use instead of the built-in one')
    .option('--bench <file>', 'a `bench` summary.json: measured tokens per request and gateway-vs-price-table cost differences');
  addCostOptions(addAnswerOptions(cmd));
  return cmd.action(async (flags: CostFlags) => {
    ctx.exit(await runCost(flags, ctx));
  });
}

/** The body of `gateway-scout cost`; heavy parts are imported here, so `--help` stays fast. */
export async function runCost(flags: CostFlags, ctx: Ctx): Promise<ExitCode> {
  const costFlags = costOptionsFromFlags(flags);
  const [{ resolveAnswers }, { loadCatalog, loadModels }, { resolveCostOptions }, { buildCostReport }, { renderCostReport }, { renderWarnings }] =
    await Promise.all([
      import('../io/answers-input.js'),
      import('../io/data-files.js'),
      import('../cost/options.js'),
      import('../cost/report.js'),
      import('../report/cost-table.js'),
      import('../report/warnings.js'),
    ]);
  const { answers: answered, cost } = await resolveAnswers(flags);
  const [catalog, models] = await Promise.all([loadCatalog(flags.data), loadModels(flags.dataModels)]);
  const measured = flags.bench === undefined ? undefined : await import('./bench-input.js').then((b) => b.loadMeasurements(flags.bench!, ctx.cwd));
  const withMeasured = measured ? await import('../cost/measured.js') : undefined;
  const answers = measured && withMeasured ? withMeasured.measuredAnswers(answered, measured) : answered;
  for (const loaded of [catalog, models]) {
    if (loaded.warnings.length > 0) ctx.err(renderWarnings(loaded.file, loaded.warnings, ctx.color));
  }
  const fromFile = cost === undefined ? undefined : (await import('../cost/options-schema.js')).parseCostSection(cost, flags.answers);
  const options = resolveCostOptions(fromFile, costFlags, models.value, flags.answers);
  let result;
  if (measured && withMeasured) {
    const { computeCosts } = await import('../cost/model.js');
    result = withMeasured.withMeasuredCosts(computeCosts(answers, options, catalog.value, models.value), answers, options, catalog.value, models.value, measured);
    ctx.err((await import('./bench-input.js')).describeMeasurements(measured, new Map(catalog.value.gateways.map((g) => [g.id, g.name]))));
  }
  const doc = buildCostReport(answers, options, catalog, models, result);
  // The result on stdout is the JSON document; the human report, like every human output, goes to stderr.
  if (flags.json) ctx.out(JSON.stringify(doc, null, 2) + '\n');
  else ctx.err(renderCostReport(doc));
  return EXIT.ok;
}
