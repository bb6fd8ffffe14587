import type { Answers } from '../advisor/answers.js';
import type { CriteriaExtras } from '../advisor/criteria.js';
import { advise, type Advice } from '../advisor/score.js';
import { benchRecord, type BenchRecord } from '../bench/bench-record.js';
import type { Measurements } from '../bench/measured.js';
import { chooseChange } from '../bench/pick-change.js';
import type { Catalog } from '../catalog/schema.js';
import { benchTokenFields } from '../cost/measured.js';
import type { CapacityFinding } from '../cost/measured-capacity.js';
import { costExtras, type CostInputs } from './choose-cost.js';

/**
 * `choose --bench`: what the benchmark replaced, and the pick without it, so the document can say whether the
 * measurements changed the pick. The pick without them is the same advice on the catalog's figures alone.
 */
export async function chooseBenchRecord(
  answers: Answers,
  catalog: Catalog,
  inputs: CostInputs,
  m: Measurements,
  measured: { advice: Advice; tokenCost: readonly string[]; capacity?: CapacityFinding[]; drill?: CriteriaExtras['drill'] },
): Promise<BenchRecord> {
  const plain = await costExtras(answers, catalog, { ...inputs, measured: undefined });
  // A drill given too stays in: the comparison is about the benchmark alone.
  const without = advise(catalog, answers, { ...plain.extras, ...(measured.drill ? { drill: measured.drill } : {}) });
  // The latency criterion reads the measured overhead only when latency matters to the answers.
  const overhead = answers.latency === 'relaxed' ? [] : [...m.overhead.keys()];
  const replaced = { tokens: benchTokenFields(m), overhead, tokenCost: measured.tokenCost, capacity: (measured.capacity ?? []).map((c) => c.gateway) };
  const names = new Map([...catalog.gateways, ...catalog.stacks].map((g) => [g.id, g.name]));
  return benchRecord(m, replaced, chooseChange(without, measured.advice, m, replaced, names), measured.capacity);
}
