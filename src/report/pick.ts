import type { RecommendationDocument } from '../advisor/document-schema.js';

/** Reading the recommendation document: what the pick is called and costs, reasons without notes. No chalk, no layout. */

type Doc = RecommendationDocument;

/**
 * A reason without the catalog note it quotes ("fallbacks is yes (Router retries …)" → "fallbacks is yes"):
 * the claim and its figures stay, the note is for --details. Text without a known note is kept whole.
 */
export function briefReason(r: { text: string; note?: string | undefined }): string {
  if (!r.note) return r.text;
  const at = r.text.indexOf(` (${r.note}`);
  if (at < 0) return r.text;
  // The note may be followed by more inside the same parenthesis ("…, unverified)"): drop through its close.
  let depth = 0;
  for (let i = at + 1; i < r.text.length; i++) {
    const ch = r.text[i];
    if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return (r.text.slice(0, at) + r.text.slice(i + 1)).trimEnd();
  }
  return r.text.slice(0, at);
}

/** The id the pick goes by: a gateway id, or the id of the stack whose members it is. */
export function pickId(doc: Doc): string | undefined {
  const r = doc.recommendation;
  if (r.gateway === null) return undefined;
  if (r.stack.length <= 1) return r.gateway;
  return doc.stacks.find((s) => s.members.join() === r.stack.join())?.gateway;
}

export interface SubjectCost {
  total: number;
  licenceUnpublished: boolean;
  costable: boolean;
}

/** A gateway's or stack's monthly total from the document's cost summary, when there is one. */
export function costOf(doc: { cost?: unknown }, id: string): SubjectCost | undefined {
  const all = (doc.cost as { monthlyUsd?: Record<string, Partial<SubjectCost>> } | undefined)?.monthlyUsd;
  const c = all?.[id];
  if (!c || typeof c.total !== 'number') return undefined;
  return { total: c.total, licenceUnpublished: c.licenceUnpublished === true, costable: c.costable !== false };
}

/** The line a person reads first when their measurements changed the pick (`choose`) or the cheapest option (`cost`). */
export function changedPickLine(c: { from: { name: string }; to: { name: string }; why: string }, what: 'pick' | 'cheapest option'): string {
  return `Your measurements changed the ${what}: ${c.from.name} → ${c.to.name} (${c.why}).`;
}
