import type { RecommendationDocument } from '../advisor/document-schema.js';
import { hang, shellLines, table, visibleWidth } from './layout.js';
import { paint } from './paint.js';

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

/** A command to run next and what it gives. */
export interface NextStep {
  command: string;
  why: string;
}

/** Commands on the left, what they do on the right, aligned; one under the other when the width is short. */
export function renderNext(steps: readonly NextStep[], width: number, color: boolean): string[] {
  const c = paint(color);
  const widest = Math.max(0, ...steps.map((s) => visibleWidth(s.command)));
  // Side by side while the commands leave room for their reasons; otherwise each reason under its command,
  // and a command too long for the line continued with " \" so that it still pastes whole.
  if (widest + 2 + 24 <= width - 2) {
    return table([{ header: '', fixed: true }, { header: '' }], steps.map((s) => [s.command, { text: s.why, style: c.dim }]), width, { headless: true });
  }
  return steps.flatMap((s, i) => [...(i > 0 ? [''] : []), ...shellLines(s.command, width, 2), ...hang('      ', s.why, width, c.dim)]);
}
