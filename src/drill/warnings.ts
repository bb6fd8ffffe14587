import type { DrillScenarioRow } from './document.js';
import { scenarioDef } from './scenarios.js';

/**
 * What the upstreams' logs cannot explain, said in the drill's warnings (pure): answers that reached neither
 * upstream, chat requests without a nonce, and rows where the primary was never tried although it was the one
 * misbehaving (a gateway's cooldown carried over from the scenario before).
 */

const mode = (r: DrillScenarioRow) => (r.stream ? 'stream' : 'non-stream');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function drillWarnings(rows: readonly DrillScenarioRow[], unattributed: number, pauseMs: number): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const unseen = r.details.filter((d) => d.complete && d.primaryAttempts === 0 && d.secondaryAttempts === 0).length;
    if (unseen > 0) {
      out.push(`${r.target} ${r.id} (${mode(r)}): ${unseen} of ${plural(r.requests, 'request')} answered without reaching either upstream: a cache, or the nonce was stripped; their outcome is not evidence of failover.`);
    }
    if (scenarioDef(r.id).kind !== 'control' && r.primaryAttempts === 0 && r.secondaryAttempts > 0) {
      out.push(
        `${r.target} ${r.id} (${mode(r)}): the primary was never tried, only the secondary: the gateway may have put the primary in cooldown after an earlier scenario, so this row did not drill ${r.id}. Give the cooldown time to run out with pauseMs (now ${pauseMs} ms) in the config.`,
      );
    }
  }
  if (unattributed > 0) {
    out.push(`${plural(unattributed, 'chat request')} reached the upstreams without a drill nonce (a health check, or a gateway that rewrites the prompt); they are not counted in any row.`);
  }
  return out;
}
