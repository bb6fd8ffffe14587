import type { Fee, Gateway, SupportLevel } from '../catalog/schema.js';
import { FEATURE_IDS } from '../catalog/schema.js';
import type { CompareDocument } from './compare-document.js';
import { paint } from './paint.js';
import { table } from './recommendation.js';
import { formatNumber } from '../format.js';

const SYMBOL: Record<SupportLevel, string> = { yes: 'yes', partial: 'partial', 'enterprise-only': 'enterprise', planned: 'planned', no: 'no' };

export function describeFee(f: Fee): string {
  const amount =
    f.percent !== undefined ? `${f.percent}%` : f.usdPerMillion !== undefined ? `$${f.usdPerMillion}/M ${f.basis === 'requests' ? 'requests' : 'units'}` : `$${f.usdFlat}/month`;
  const min = f.minimumUsd !== undefined ? `, min $${f.minimumUsd.toFixed(2)}` : '';
  const free = f.freeAllowance ? `, first ${formatNumber(f.freeAllowance.amount)} ${f.freeAllowance.unit === 'usd-list-price' ? 'USD list price' : f.freeAllowance.unit}/${f.freeAllowance.period} free` : '';
  return `${f.label}: ${amount}${min}${free}`;
}

const cell = (g: Gateway, color: boolean, level: SupportLevel | undefined, status?: string) => {
  const c = paint(color);
  if (level === undefined) return c.dim('?');
  const text = SYMBOL[level] + (status && status !== 'verified' ? '*' : '');
  void g;
  return level === 'yes' ? c.green(text) : level === 'no' ? c.red(text) : c.yellow(text);
};

/** "proxy (moderate); + postgres for budgets, virtual-keys; + redis for …": what running it takes, by need. */
function operated(g: Gateway): string {
  const ops = g.operations;
  if (ops.components.length === 0) return `nothing (${ops.burden})`;
  if (ops.base === undefined) return `${ops.components.join(', ')} (${ops.burden})`;
  const extras = ops.components.filter((c) => !ops.base!.components.includes(c));
  const lines = [`${ops.base.components.join(', ')} (${ops.base.burden})`];
  for (const c of extras) {
    const by = Object.entries(g.features)
      .filter(([, f]) => f?.requires?.includes(c) || f?.requiresAnyOf?.[0] === c)
      .map(([id, f]) => (f?.requiresAnyOf?.[0] === c ? `${id} (or ${f.requiresAnyOf.slice(1).join(' or ')})` : id));
    lines.push(`+ ${c}${by.length > 0 ? ` for ${by.join(', ')}` : ''}`);
  }
  return `${lines.join('\n')}\n(${ops.burden} with all)`;
}

/** The catalog side by side: deployment, pricing, features, latency figures, with their sources. */
export function renderCompare(doc: CompareDocument, color: boolean): string {
  const c = paint(color);
  const gs = doc.gateways;
  const head = ['', ...gs.map((g) => g.name)];
  const basics = table(head, color);
  basics.push(
    ['self-hosted', ...gs.map((g) => cell(g, color, g.deployment.selfHosted.level, g.deployment.selfHosted.status))],
    ['managed', ...gs.map((g) => cell(g, color, g.deployment.managed.level, g.deployment.managed.status))],
    ['licence', ...gs.map((g) => g.licence.name)],
    ['you operate', ...gs.map(operated)],
    ['token markup', ...gs.map((g) => `${g.pricing.tokenMarkupPercent.value}%`)],
    ['fees', ...gs.map((g) => (g.pricing.fees.length === 0 ? 'none' : g.pricing.fees.map(describeFee).join('\n')))],
    ['plans', ...gs.map((g) => g.pricing.plans.map((p) => `${p.name}: ${p.monthlyUsd === null ? 'price not published' : `$${p.monthlyUsd}/month`}`).join('\n'))],
    ['last verified', ...gs.map((g) => g.lastVerified)],
  );
  const features = table(['feature', ...gs.map((g) => g.name)], color);
  for (const f of FEATURE_IDS) features.push([f, ...gs.map((g) => cell(g, color, g.features[f]?.level, g.features[f]?.status))]);

  const latency: string[] = [];
  for (const g of gs) {
    for (const l of g.latency) {
      const value = l.valueMsHigh === undefined ? `${l.valueMs} ms` : `${l.valueMs}–${l.valueMsHigh} ms`;
      const doubt = l.status === 'verified' ? '' : c.yellow(` (${l.status})`);
      latency.push(`  ${g.name}: ${l.metric} ${l.stat} ${value}, ${l.measuredBy}: ${l.conditions}${doubt} ${c.dim(`[${l.source}]`)}`);
    }
  }
  return [
    c.bold('Deployment and pricing'),
    basics.toString(),
    '',
    c.bold('Features') + c.dim('  (* = unverified or conflicting sources; `--json` has every note and source)'),
    features.toString(),
    '',
    c.bold('Published latency figures'),
    ...latency,
    '',
    c.bold('Sources'),
    ...doc.sources.map((s) => `  ${c.dim(`[${s.id}]`)} ${s.title} ${s.url}`),
    '',
    c.dim(`Catalog ${doc.catalog.version}, last verified ${doc.catalog.lastVerified}.`),
  ].join('\n') + '\n';
}
