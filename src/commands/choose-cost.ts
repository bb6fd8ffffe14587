import type { Answers } from '../advisor/answers.js';
import type { CriteriaExtras } from '../advisor/criteria.js';
import type { Catalog } from '../catalog/schema.js';
import type { ChooseFlags } from './choose.js';

/** The cost model's contribution to `choose`: per-gateway monthly totals for the cost criterion. */
export async function costExtras(
  _answers: Answers,
  _costInput: Record<string, unknown> | undefined,
  _flags: ChooseFlags,
  _catalog: Catalog,
): Promise<{ extras: CriteriaExtras; summary: unknown }> {
  return { extras: {}, summary: undefined };
}
