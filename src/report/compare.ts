import type { Fee, Gateway, SupportLevel } from '../catalog/schema.js';
import { FEATURE_IDS } from '../catalog/schema.js';
import { formatNumber } from '../format.js';
import type { CompareDocument } from './compare-document.js';
import { Footnotes, groupedTable, hang, section, type Cell } from './layout.js';
import { paint } from './paint.js';

const WORD: Record<SupportLevel, string> = { yes: 'yes', partial: 'partial', 'enterprise-only': 'enterprise', planned: 'planned', no: 'no' };

const UNIT: Record<Fee['basis'], string> = {
  'credit-purchase': 'purchase',
  'byok-inference': 'request',
  requests: 'request',
  'log-events': 'log event',
  'log-gb': 'GB',
  'log-gb-month': 'GB-month',
  'monthly-flat': 'month',
  models: 'model',
};

/** A price as published: small per-unit prices keep every digit ($0.00002), large ones get separators. */
const usd = (x: number) => `$${x >= 1000 ? formatNumber(x) : String(x)}`;

/** A fee's price as its page states it: "$0.05/M requests", "$9 per 100,000 requests", "graduated: …", "not published". */
function feePrice(f: Fee): string {
  const unit = UNIT[f.basis];
  if (f.unpublished) return 'price not published';
  if (f.tiers) return `graduated per ${unit}: ${f.tiers.map((t) => `${usd(t.usdPerUnit)} ${t.upTo === null ? 'beyond' : `to ${formatNumber(t.upTo)}`}`).join(', ')}`;
  const parts: string[] = [];
  if (f.percent !== undefined) parts.push(`${f.percent}%`);
  if (f.usdPerMillion !== undefined) {
    parts.push(f.blockSize === undefined ? `${usd(f.usdPerMillion)}/M ${unit}s` : `${usd((f.usdPerMillion * f.blockSize) / 1e6)} per ${formatNumber(f.blockSize)} ${unit}s`);
  }
  if (f.usdPerGb !== undefined) parts.push(`${usd(f.usdPerGb)}/${unit}${f.retentionDays !== undefined ? ` (kept ${f.retentionDays} days)` : ''}`);
  if (f.usdPerModel !== undefined) parts.push(`${usd(f.usdPerModel)}/month per model`);
  if (f.usdFlat !== undefined) parts.push(`${usd(f.usdFlat)}/month`);
  return parts.join(' + ');
}

/** When a fee is charged, in words; "always" says nothing. */
const WHEN: Record<Fee['appliesWhen'], string> = {
  always: '',
  'card-credits': 'credits bought by card',
  'crypto-credits': 'credits bought in crypto',
  byok: 'with your own provider keys',
  'managed-billing': 'when it bills the tokens',
  logpush: 'when exporting logs',
  'stored-logs': 'when logs are kept',
  'zero-data-retention': 'with zero data retention',
  'plan-chosen': 'while on this plan',
};

export function describeFee(f: Fee): string {
  const min = f.minimumUsd !== undefined ? `, min $${f.minimumUsd.toFixed(2)}` : '';
  const a = f.freeAllowance;
  const free = a ? `, first ${formatNumber(a.amount)} ${a.unit === 'usd-list-price' ? 'USD list price' : a.unit === 'gb' ? 'GB' : a.unit === 'gb-month' ? 'GB-month' : a.unit}/${a.period} free` : '';
  const when = f.appliesWhen === 'always' ? '' : `; ${WHEN[f.appliesWhen]}`;
  return `${f.label}: ${feePrice(f)}${min}${free}${when}`;
}

/** "proxy (moderate); + postgres for budgets, virtual-keys; + redis for …": what running it takes, by need. */
function operated(g: Gateway): string {
  const ops = g.operations;
  if (ops.components.length === 0) return `nothing to run (burden: ${ops.burden})`;
  if (ops.base === undefined) return `${ops.components.join(', ')} (burden: ${ops.burden})`;
  const extras = ops.components.filter((c) => !ops.base!.components.includes(c));
  const parts = [`${ops.base.components.join(', ')} (burden: ${ops.base.burden})`];
  for (const c of extras) {
    const by = Object.entries(g.features)
      .filter(([, f]) => f?.requires?.includes(c) || f?.requiresAnyOf?.[0] === c)
      .map(([id, f]) => (f?.requiresAnyOf?.[0] === c ? `${id} (or ${f.requiresAnyOf.slice(1).join(' or ')})` : id));
    parts.push(`+ ${c}${by.length > 0 ? ` for ${by.join(', ')}` : ''}`);
  }
  return `${parts.join('; ')}; burden with all of it: ${ops.burden}`;
}

/** Figures measured together (same run, same source) on one line: "overhead p50 12 ms, p95 29 ms, …". */
function latencyRuns(g: Gateway): { figures: string; measuredBy: string; conditions: string; doubt: string; source: string }[] {
  const runs = new Map<string, { metric: string; figures: string[]; measuredBy: string; conditions: string; doubt: string; source: string }>();
  for (const l of g.latency) {
    const key = [l.metric, l.measuredBy, l.conditions, l.source, l.status].join('\u0000');
    const value = l.valueMsHigh === undefined ? `${formatNumber(l.valueMs)} ms` : `${formatNumber(l.valueMs)}–${formatNumber(l.valueMsHigh)} ms`;
    const run = runs.get(key) ?? { metric: l.metric, figures: [], measuredBy: l.measuredBy, conditions: l.conditions, doubt: l.status === 'verified' ? '' : ` (${l.status})`, source: l.source };
    run.figures.push(`${l.stat} ${value}`);
    runs.set(key, run);
  }
  return [...runs.values()].map((r) => ({ ...r, figures: `${r.metric} ${r.figures.join(', ')}` }));
}

/**
 * The catalog side by side, laid out for the terminal: one section per aspect. Short facts sit in tables
 * with the gateways as columns; long ones (what you operate, fees, plans, latency figures, combinations)
 * are lists under their gateway; sources are numbered footnotes. Pure.
 */
export function renderCompare(doc: CompareDocument, view: { width: number; color: boolean }): string {
  const { width } = view;
  const c = paint(view.color);
  const gs = doc.gateways;
  const notes = new Footnotes();
  const sources = new Map(doc.sources.map((s) => [s.id, s]));
  const cite = (id: string) => {
    const s = sources.get(id);
    return s ? ` ${notes.ref(s.id, s.title, s.url)}` : '';
  };
  const level = (l: SupportLevel | undefined, status?: string): Cell => {
    if (l === undefined) return { text: '?', style: c.dim };
    const text = WORD[l] + (status && status !== 'verified' ? '*' : '');
    return { text, style: l === 'yes' ? c.green : l === 'no' ? c.red : c.yellow };
  };
  // Nine gateways do not fit side by side in 80 columns: the grid splits into groups of columns that do.
  const grid = (rows: [string, ...(string | Cell)[]][], first = '') =>
    groupedTable({ header: first }, gs.map((g) => ({ header: g.name })), rows, width, { head: c.bold, rule: c.dim });
  const perGateway = (lines: (g: Gateway) => string[]) =>
    gs.flatMap((g) => {
      const items = lines(g);
      if (items.length === 0) items.push('none in the catalog');
      return [...hang('  ', c.bold(g.name), width), ...items.flatMap((t) => hang('    - ', t, width))];
    });

  const out: string[] = [];
  out.push(
    ...hang('', c.bold(`The catalog side by side: ${gs.map((g) => g.name).join(', ')}`), width),
    ...hang('', `Catalog ${doc.catalog.version}, last verified ${doc.catalog.lastVerified}${doc.asOf ? `; prices and facts in force on ${doc.asOf}` : ''}. * = unverified or conflicting sources; --json has every fact with its note and source.`, width, c.dim),
  );
  out.push(
    ...section(
      c.bold('Deployment'),
      grid([
        ['self-hosted', ...gs.map((g) => level(g.deployment.selfHosted.level, g.deployment.selfHosted.status))],
        ['managed', ...gs.map((g) => level(g.deployment.managed.level, g.deployment.managed.status))],
        ['licence', ...gs.map((g) => g.licence.name)],
        ['token markup', ...gs.map((g) => `${g.pricing.tokenMarkupPercent.value}%`)],
        ['last verified', ...gs.map((g) => g.lastVerified)],
      ]),
    ),
  );
  out.push(...section(c.bold('What you operate'), perGateway((g) => [`${operated(g)}${cite(g.operations.source)}`])));
  out.push(...section(c.bold('Fees'), perGateway((g) => (g.pricing.fees.length === 0 ? ['none'] : g.pricing.fees.map((f) => `${describeFee(f)}${cite(f.source)}`)))));
  out.push(
    ...section(
      c.bold('Plans'),
      perGateway((g) => g.pricing.plans.map((p) => `${p.name}: ${p.monthlyUsd === null ? 'price not published' : `$${formatNumber(p.monthlyUsd)}/month`}${cite(p.source)}`)),
    ),
  );
  out.push(...section(c.bold('Features'), grid(FEATURE_IDS.map((f) => [f, ...gs.map((g) => level(g.features[f]?.level, g.features[f]?.status))]), 'feature')));
  out.push(
    ...section(
      c.bold('Published latency figures'),
      perGateway((g) => latencyRuns(g).map((run) => `${run.figures}; measured by ${run.measuredBy}: ${run.conditions}${run.doubt}${cite(run.source)}`)),
    ),
  );
  if (doc.stacks.length > 0) {
    const names = new Map(gs.map((g) => [g.id, g.name]));
    const stacks = doc.stacks.flatMap((s) => [
      ...hang('  ', c.bold(s.name), width),
      ...hang('    ', `${s.topology}${s.status === 'verified' ? '' : ` (${s.status})`}${cite(s.source)}`, width),
      ...hang('    ', `members: ${s.members.map((m) => names.get(m) ?? m).join(', ')}`, width, c.dim),
    ]);
    out.push(...section(c.bold('Combinations'), stacks));
  }
  out.push(...section(c.bold('Sources'), notes.lines(width, c.dim)));
  return out.join('\n') + '\n';
}
