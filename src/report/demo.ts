import type { RecommendationDocument } from '../advisor/document-schema.js';
import { formatInt } from '../format.js';
import { hang } from './layout.js';
import { paint } from './paint.js';
import { briefReason, costOf, pickId } from './pick.js';

export interface DemoProfile {
  profile: string;
  description: string;
  result: RecommendationDocument;
}

/** The tour: per example profile, the pick, its cost, its main reasons and watch-outs, whole (wrapped, never cut). Pure. */
export function renderDemo(profiles: readonly DemoProfile[], intro: string, examples: string, view: { width: number; color: boolean }): string {
  const { width } = view;
  const c = paint(view.color);
  const out: string[] = [...hang('', intro, width)];
  for (const p of profiles) {
    const doc = p.result;
    const r = doc.recommendation;
    out.push('', ...hang(`${c.bold(p.profile)}  `, p.description, width, c.dim, 2));
    const id = pickId(doc);
    const cost = id === undefined ? undefined : costOf(doc, id);
    const costText = cost?.costable ? ` · about $${formatInt(cost.total)}/month${cost.licenceUnpublished ? ' + licence' : ''} at ${formatInt(doc.answers.monthlyRequests)} requests` : '';
    out.push(...hang(`  ${c.green('→')} `, `${c.green.bold(r.name)} · score ${r.score} · ${r.confidence === 'only-option' ? 'the only eligible option' : `confidence ${r.confidence}`}${costText}`, width));
    for (const reason of r.reasons.filter((x) => x.effect === 'for').slice(0, 3)) out.push(...hang(`    ${c.green('+')} `, briefReason(reason), width));
    for (const w of r.watchOuts.slice(0, 2)) out.push(...hang(`    ${c.yellow('!')} `, w.title, width));
  }
  const file = `${examples}PROFILE.yaml`;
  out.push('', c.bold('Full reports of a profile'));
  out.push(...hang('  ', `gateway-scout choose --answers ${file}`, width), ...hang('  ', `gateway-scout cost --answers ${file}`, width));
  return out.join('\n') + '\n';
}
