import type { SweepDoc } from '../bench/document.js';
import { fmtMs } from '../bench/stats.js';
import { formatNumber } from '../format.js';
import { hang, table, type Cell, type Column } from './layout.js';
import type { paint } from './paint.js';

/**
 * A sweep's compact terminal view (pure): one table, each target's steps together (offered and achieved rate,
 * ok/sent, errors, TTFT and e2e p50/p99 from the scheduled send, SLO attainment, what saturated it), then one
 * knee line per target. Fitted to `width` like the bench table: lesser columns give way first.
 */

type Step = SweepDoc['steps'][number];
type Paint = ReturnType<typeof paint>;

const rate = (x: number | null) => (x === null ? '—' : formatNumber(x, x >= 100 ? 0 : 1));
const ms = (x: number | null) => (x === null ? '—' : fmtMs(x));
const pct = (x: number | null) => (x === null ? '—' : `${formatNumber(x * 100, 1)}%`);

/** Short words in the table; the line under it says what each means. */
const WHY: Record<Step['saturatedBy'][number], string> = { 'achieved-rate': 'rate', 'latency-climbing': 'latency', errors: 'errors' };

function mark(s: Step, c: Paint): Cell {
  if (s.skipped) return { text: 'skipped', style: c.dim };
  if (s.clientBound) return { text: 'client-bound', style: c.yellow };
  if (s.saturated) return { text: `SATURATED (${s.saturatedBy.map((r) => WHY[r]).join(', ')})`, style: c.red };
  return { text: 'ok', style: c.green };
}

function columns(slo: boolean): Column[] {
  return [
    { header: 'target' },
    { header: 'offered/s', align: 'right', fixed: true },
    { header: 'achieved/s', align: 'right', fixed: true },
    // On a narrow terminal the counts go first (the step's verdict names errors), then the TTFT, then e2e p99.
    { header: 'ok/sent', align: 'right', fixed: true, drop: 10 },
    { header: 'errors', align: 'right', fixed: true, drop: 20 },
    { header: 'TTFT p50', align: 'right', fixed: true, drop: 40 },
    { header: 'TTFT p99', align: 'right', fixed: true, drop: 30 },
    { header: 'e2e p50', align: 'right', fixed: true },
    { header: 'e2e p99', align: 'right', fixed: true, drop: 50 },
    ...(slo ? [{ header: 'SLO', align: 'right' as const, fixed: true, drop: 60 }] : []),
    { header: 'step' },
  ];
}

function row(s: Step, first: boolean, slo: boolean, c: Paint, minRateRequests: number): (string | Cell)[] {
  const skipped = s.skipped;
  // Too few requests to judge a rate by: shown, marked as the other small-sample figures are.
  const few = !skipped && s.achievedRps !== null && s.sent < minRateRequests;
  return [
    first ? s.target : '',
    rate(s.offeredRps),
    `${few ? '~' : ''}${rate(s.achievedRps)}`,
    skipped ? '—' : `${s.ok}/${s.sent}`,
    pct(s.errorRate),
    ms(s.latencyMs.ttft.p50),
    ms(s.latencyMs.ttft.p99),
    ms(s.latencyMs.e2e.p50),
    ms(s.latencyMs.e2e.p99),
    ...(slo ? [pct(s.sloAttainment)] : []),
    mark(s, c),
  ];
}

/** "litellm: sustained 20/s; saturated at 40/s; SLO met up to 10/s". */
export function kneeLine(k: SweepDoc['knees'][number], slo: boolean): string {
  const parts = [k.maxSustainedRps === null ? 'no step sustained' : `sustained ${rate(k.maxSustainedRps)}/s`];
  parts.push(k.saturated ? `saturated at ${rate(k.saturatedAtRps)}/s` : 'not saturated in the sweep');
  if (slo) parts.push(k.maxRpsMeetingSlo === null ? 'SLO met at no step' : `SLO met up to ${rate(k.maxRpsMeetingSlo)}/s`);
  return `${k.target}: ${parts.join('; ')}`;
}

export function renderSweep(s: SweepDoc, width: number, c: Paint, slo: boolean): string[] {
  const cols = columns(slo);
  const rows = s.steps.map((st, i) => row(st, i === 0 || s.steps[i - 1]!.target !== st.target, slo, c, s.criteria.minRateRequests));
  const length = s.stepRequests !== null ? `${s.stepRequests} requests` : `${formatNumber(s.stepDurationS ?? 0, 3)} s`;
  const title = `Rate sweep: ${s.rates.map((r) => rate(r)).join(', ')}/s per target, ${length} a step (+${s.warmupPerStep} warmup); latency in ms from the scheduled send`;
  const lines = ['', ...hang('', title, width, c.bold, 2), '', ...table(cols, rows, width, { head: c.bold, rule: c.dim })];
  lines.push('', ...hang('', 'Knee (highest rate not saturated)', width, c.bold, 2), ...s.knees.flatMap((k) => hang(`  ${k.saturated ? c.red('▲') : c.green('·')} `, kneeLine(k, slo), width)));
  const l = s.criteria.latencyClimb;
  const crit = `Saturated by rate: completions < ${formatNumber(s.criteria.minAchievedRatio * 100, 1)}% of the rate sent (steps of ${s.criteria.minRateRequests}+ requests; ~ marks a rate from fewer, not judged); latency: e2e from the send climbing through the step (slope t ≥ ${l.minT}, rise ≥ ${formatNumber(l.minRiseRatio * 100, 0)}% of the median and ≥ ${l.minRiseMs} ms); errors: over ${formatNumber(s.criteria.maxErrorRate * 100, 1)}%. Higher steps of a saturated target are skipped.`;
  lines.push(...hang('  ', crit, width, c.dim));
  if (s.clientBound) lines.push(...hang(`  ${c.yellow('!')} `, `Stopped at ${rate(s.clientBound.atRps)}/s per target: ${s.clientBound.reason}.`, width));
  return lines;
}
