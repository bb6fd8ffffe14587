import Table from 'cli-table3';
import type { CostReport } from '../cost/report-schema.js';
import { countShort, renderCostChart } from './cost-chart.js';
import { formatFixed, formatInt } from '../format.js';

/** Human rendering of the cost document: breakdown per gateway, summary, cheapest, break-even, chart, assumptions. Pure. */

const plain = { head: [] as string[], border: [] as string[] };

export function usd(x: number | null): string {
  if (x === null) return 'not published';
  const sign = x < 0 ? '-' : '';
  return `${sign}$${formatFixed(Math.abs(x), 2)}`;
}

export function renderCostReport(doc: CostReport, opts: { width?: number } = {}): string {
  const width = Math.max(80, Math.min(opts.width ?? 120, 160));
  const names = new Map([...doc.gateways, ...doc.stacks].map((g) => [g.gateway, g.name]));
  const name = (id: string | null) => (id === null ? 'neither' : (names.get(id) ?? id));
  const a = doc.inputs.answers;
  const out: string[] = [];
  out.push(
    `Monthly cost at ${formatInt(a.monthlyRequests)} requests/month ` +
      `(${a.avgInputTokens} in / ${a.avgOutputTokens} out tokens; models: ${doc.inputs.cost.models.map((m) => `${m.id} ${Math.round(m.share * 1000) / 10}%`).join(', ')})\n`,
  );

  for (const g of doc.gateways) {
    const how = `${g.hosting}, ${g.billing === 'byok' ? 'your provider keys' : 'gateway credits'}`;
    out.push(`\n${g.name} (${how})${g.eligible ? '' : ' — not eligible'}: ${usd(g.monthlyUsd.total)}/month${g.excludesUnpublished ? ' + unpublished prices' : ''}`);
    const noteW = width - 26 - 14 - 8;
    const t = new Table({ head: ['Line', 'USD/month', 'Assumption / source'], colWidths: [26, 14, noteW], wordWrap: true, style: plain });
    for (const l of g.lines) t.push([l.label, { hAlign: 'right', content: usd(l.usd) }, `${l.assumption}\n(${l.source})`]);
    t.push(['Total', { hAlign: 'right', content: usd(g.monthlyUsd.total) }, g.excludesUnpublished ? 'excludes prices that are not published' : '']);
    out.push(t.toString());
    for (const n of g.notes) out.push(`  note: ${n}`);
  }

  const s = new Table({
    head: ['Gateway', 'Tokens', 'Fees', 'Infra', 'Licence', 'Ops', 'Cache saved', 'Total'],
    style: plain,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const g of doc.gateways) {
    const m = g.monthlyUsd;
    s.push([
      `${g.name}${g.eligible ? '' : ' (not eligible)'}`,
      usd(m.tokens),
      usd(m.fees),
      usd(m.infrastructure),
      g.licenceUnpublished ? `${usd(m.licence)} + n/p` : usd(m.licence),
      usd(m.ops),
      usd(m.cacheSavings),
      usd(m.total),
    ]);
  }
  out.push('\nSummary (USD/month; n/p = price not published, not in the total)');
  out.push(s.toString());

  out.push(
    doc.cheapest
      ? `\nCheapest: ${name(doc.cheapest.gateway)} at ${usd(doc.cheapest.totalUsd)}/month${doc.cheapest.excludesUnpublished ? ' (excluding unpublished prices)' : ''}.`
      : '\nCheapest: none — no gateway is eligible for these answers.',
  );

  if (doc.breakEven.length > 0) {
    out.push('\nBreak-even (all else fixed, 1k–1B requests/month):');
    for (const b of doc.breakEven) {
      if (b.monthlyRequests === null) {
        out.push(`  ${name(b.a)} vs ${name(b.b)}: never — ${b.cheaperBelow === null ? 'equal throughout' : `${name(b.cheaperBelow)} is cheaper throughout`}`);
      } else {
        const more = b.crossings.length > 1 ? ` (crosses again at ${b.crossings.slice(1).map((c) => countShort(c)).join(', ')})` : '';
        out.push(`  ${name(b.a)} vs ${name(b.b)}: ${formatInt(b.monthlyRequests)} requests/month (~${countShort(b.monthlyRequests)}) — ${name(b.cheaperBelow)} cheaper below, ${name(b.cheaperAbove)} from there${more}`);
      }
    }
  }

  const decades = doc.curve.monthlyRequests.map((v, i) => [v, i] as const).filter(([v]) => /^1/.test(String(v)));
  const c = new Table({
    head: ['Requests/month', ...doc.curve.series.map((x) => name(x.gateway))],
    style: plain,
    colAligns: ['right', ...doc.curve.series.map(() => 'right' as const)],
  });
  for (const [v, i] of decades) c.push([countShort(v), ...doc.curve.series.map((x) => (x.totalUsd[i] === null ? 'over a limit' : usd(x.totalUsd[i] ?? null)))]);
  out.push('\nTotal USD/month by volume (all else fixed):');
  out.push(c.toString());
  out.push('\nTotal cost by volume:');
  out.push(renderCostChart(doc.curve.monthlyRequests, doc.curve.series.map((x) => ({ name: name(x.gateway), values: x.totalUsd }))));

  out.push('Assumptions:');
  for (const x of doc.assumptions) out.push(`  - ${x.text}`);
  out.push('Override them with flags (gateway-scout cost --help) or the cost: section of an answers file; see docs/cost-model.md.');
  return out.join('\n') + '\n';
}
