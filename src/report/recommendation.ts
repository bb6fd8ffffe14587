import Table from 'cli-table3';
import type { Answers } from '../advisor/answers.js';
import type { RecommendationDocument } from '../advisor/document-schema.js';
import { QUESTIONS } from '../advisor/questions.js';
import { paint } from './paint.js';
import { formatNumber } from '../format.js';

type Doc = RecommendationDocument;
type Reason = Doc['recommendation']['reasons'][number];

export const table = (head: string[], color: boolean) =>
  new Table({ head, style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true } });

export function formatAnswer(a: Answers, id: keyof Answers): string {
  const v = a[id];
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.join(', ');
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

export function renderAnswersSummary(a: Answers, color: boolean): string {
  const c = paint(color);
  const width = Math.max(...QUESTIONS.map((q) => q.id.length));
  return [c.bold('Your answers'), ...QUESTIONS.map((q) => `  ${q.id.padEnd(width)}  ${formatAnswer(a, q.id)}`)].join('\n');
}

function reasonLine(r: Reason, color: boolean): string {
  const c = paint(color);
  const mark = r.effect === 'for' ? c.green('+') : r.effect === 'against' ? c.red('−') : c.yellow('~');
  const doubt = r.status && r.status !== 'verified' ? c.yellow(` (${r.status})`) : '';
  const src = r.source ? c.dim(` [${r.source}]`) : '';
  return `  ${mark} ${r.text}${doubt}${src}`;
}

/** The human report of `choose`: a ranking, the reasons, exclusions, watch-outs and what to run next. */
export function renderRecommendation(doc: Doc, color: boolean, next: string[]): string {
  const c = paint(color);
  const r = doc.recommendation;
  const out: string[] = [];
  if (r.gateway === null) {
    out.push(c.red.bold('No gateway in the catalog meets your hard constraints.'));
  } else {
    out.push(`${c.bold('Recommendation:')} ${c.green.bold(r.name)}  ${c.dim(`score ${r.score}/100, confidence ${r.confidence}${r.runnerUp ? `, runner-up ${r.runnerUp}` : ''}`)}`);
    if (r.topology) out.push(`  ${r.topology}`);
  }

  const t = table(['#', 'gateway', 'score', 'eligible', 'top reason'], color);
  [...doc.ranking, ...doc.stacks].sort((x, y) => Number(y.eligible) - Number(x.eligible) || y.score - x.score).forEach((x, i) => {
    const top = x.eligible ? x.reasons[0]?.text ?? '' : x.excludedBecause[0]?.text ?? '';
    t.push([String(i + 1), x.name, x.eligible ? String(x.score) : c.dim(String(x.score)), x.eligible ? 'yes' : c.red('no'), top.length > 70 ? `${top.slice(0, 69)}…` : top]);
  });
  out.push('', c.bold('Ranking'), t.toString());

  if (r.reasons.length > 0) {
    out.push('', c.bold(r.gateway === null ? 'Why nothing fits' : `Why ${r.name}`));
    for (const reason of r.reasons.filter((x) => x.weight > 0 || x.criterion === 'stack' || x.criterion === 'constraint')) out.push(reasonLine(reason, color));
  }
  const excluded = doc.ranking.filter((x) => !x.eligible);
  if (excluded.length > 0 && r.gateway !== null) {
    out.push('', c.bold('Excluded'));
    for (const x of excluded) for (const e of x.excludedBecause) out.push(`  ${c.red('✗')} ${x.name}: ${e.text}${e.source ? c.dim(` [${e.source}]`) : ''}`);
  }
  if (r.watchOuts.length > 0) {
    out.push('', c.bold('Watch out'));
    for (const w of r.watchOuts) {
      const sev = w.severity === 'high' ? c.red('high') : w.severity === 'warn' ? c.yellow('warn') : c.dim('info');
      const because = w.because.length > 0 ? c.dim(` (because ${w.because.join(', ')})`) : '';
      out.push(`  ! [${sev}] ${w.title}${because}`, `      ${w.detail}${c.dim(` [${w.source}]`)}`);
    }
  }
  // Only what this report cites; --json lists every source the whole ranking cites.
  const cited = new Set([...r.reasons, ...r.watchOuts, ...excluded.flatMap((x) => x.excludedBecause)].map((x) => x.source));
  const sources = doc.sources.filter((s) => cited.has(s.id));
  if (sources.length > 0) {
    out.push('', c.bold('Sources'));
    for (const s of sources) out.push(`  ${c.dim(`[${s.id}]`)} ${s.title}${s.published ? ` (${s.published})` : ''} ${s.url}`);
  }
  out.push('', c.dim(`Catalog ${doc.catalog.version}, last verified ${doc.catalog.lastVerified}.`));
  if (next.length > 0) out.push('', c.bold('Next'), ...next.map((n) => `  ${n}`));
  return out.join('\n') + '\n';
}
