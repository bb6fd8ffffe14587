import type { DecidingFact } from '../catalog/staleness.js';
import type { Advice, Ranked, Reason } from './score.js';

const SHORT = 80;
function short(text: string): string {
  return text.length <= SHORT ? text : `${text.slice(0, SHORT - 1)}…`;
}

/** The two options the answer turns on: the top two eligible by score, or, when none is, the first two excluded. */
export function topTwo(advice: Advice): Ranked[] {
  const all = [...advice.ranking, ...advice.stacks];
  const eligible = all.filter((r) => r.eligible).sort((a, b) => b.score - a.score);
  return (eligible.length > 0 ? eligible : advice.ranking).slice(0, 2);
}

function fromReason(option: string, r: Reason): DecidingFact {
  return { option, gateway: r.gateway, what: short(r.text), source: r.source, checked: r.checked };
}

/** The catalog facts behind the top two options: their reasons and the exclusions that rule them out. Pure. */
export function decidingFacts(advice: Advice): DecidingFact[] {
  return topTwo(advice).flatMap((r) => [...r.reasons, ...r.excludedBecause].map((x) => fromReason(r.name, x)));
}
