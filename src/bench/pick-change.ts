import type { Advice } from '../advisor/score.js';
import { pickChange, type BenchRecord, type Pick, type Replaced } from './bench-record.js';
import type { Measurements } from './measured.js';
import { fmtDelta } from './stats.js';

/**
 * Did the measurements change the pick? `choose` and `cost` compute it twice, with and without the benchmark,
 * and this compares the two (pure). The reason names what was measured for the two options and their scores
 * (choose) or totals (cost) either way, so a reader can check it.
 */

/** The pick of an advice: the id a user gives --expect (a gateway, or the stack whose members it is). */
export function advicePick(a: Advice): Pick {
  const r = a.recommendation;
  // A single gateway's members are never a stack's (a stack has two or more): it goes by its own id, or null.
  const stack = a.stacks.find((s) => s.members.join() === r.stack.join());
  return { id: stack?.gateway ?? r.gateway, name: r.name };
}

/** What was measured for these gateways, in words: overhead, reported cost, and the token sizes when they were replaced. */
function measuredWords(m: Measurements, replaced: Replaced, gateways: readonly string[], name: (id: string) => string): string[] {
  const out: string[] = [];
  const over = gateways.filter((g) => replaced.overhead.includes(g)).map((g) => {
    const o = m.overhead.get(g)!;
    return `${name(g)} ${fmtDelta(o.p50DeltaMs, o.ci95)} to ${o.metric === 'ttft' ? 'TTFT' : 'e2e'}`;
  });
  if (over.length > 0) out.push(`measured overhead ${over.join(', ')}`);
  const cost = gateways.filter((g) => replaced.tokenCost.includes(g)).map((g) => {
    const pct = m.reportedVsComputedPct.get(g)!;
    return `${name(g)} ${pct > 0 ? '+' : ''}${pct.toFixed(2)}%`;
  });
  if (cost.length > 0) out.push(`reported cost against the price table ${cost.join(', ')}`);
  if (replaced.tokens.length > 0 && m.tokensPerRequest) {
    out.push(`token sizes of your own prompts (${replaced.tokens.map((f) => `${m.tokensPerRequest![f]} ${f}`).join(', ')})`);
  }
  return out;
}

function membersOf(a: Advice, id: string | null): string[] {
  return [...a.ranking, ...a.stacks].find((x) => x.gateway === id)?.members ?? [];
}

/** `choose`: the pick without the measurements and with them, and why, in scores. */
export function chooseChange(without: Advice, withMeasured: Advice, m: Measurements, replaced: Replaced, names: ReadonlyMap<string, string>): BenchRecord['changedPick'] {
  const from = advicePick(without);
  const to = advicePick(withMeasured);
  const name = (id: string) => names.get(id) ?? id;
  const gateways = [...new Set([...membersOf(without, from.id), ...membersOf(withMeasured, to.id)])];
  const score = (a: Advice, p: Pick) => [...a.ranking, ...a.stacks].find((x) => x.gateway === p.id)?.score;
  const scores = (a: Advice) => [from, to].filter((p) => p.id !== null).map((p) => `${p.name} ${score(a, p) ?? '—'}`).join(', ');
  const words = measuredWords(m, replaced, gateways, name);
  const what = words.length > 0 ? words.join('; ') : 'measurements of other options';
  return pickChange(from, to, `${what}; scores without your measurements: ${scores(without)}; with them: ${scores(withMeasured)}`);
}

export interface CheapestOption {
  gateway: string;
  name: string;
  totalUsd: number;
  members: readonly string[];
}

/** `cost`: the cheapest option without the measurements and with them, and why, in monthly totals. */
export function costChange(
  without: CheapestOption | undefined,
  withMeasured: CheapestOption | undefined,
  totals: { without: ReadonlyMap<string, number>; with: ReadonlyMap<string, number> },
  m: Measurements,
  replaced: Replaced,
  names: ReadonlyMap<string, string>,
): BenchRecord['changedPick'] {
  const pick = (c: CheapestOption | undefined): Pick => (c ? { id: c.gateway, name: c.name } : { id: null, name: 'none' });
  const from = pick(without);
  const to = pick(withMeasured);
  const name = (id: string) => names.get(id) ?? id;
  const gateways = [...new Set([...(without?.members ?? []), ...(withMeasured?.members ?? [])])];
  const usd = (x: number | undefined) => (x === undefined ? '—' : `$${x.toFixed(2)}`);
  const list = (t: ReadonlyMap<string, number>) => [from, to].filter((p) => p.id !== null).map((p) => `${p.name} ${usd(t.get(p.id!))}`).join(', ');
  const words = measuredWords(m, replaced, gateways, name);
  const what = words.length > 0 ? words.join('; ') : 'measurements of other options';
  return pickChange(from, to, `${what}; monthly without your measurements: ${list(totals.without)}; with them: ${list(totals.with)}`);
}
