import type { DrillScenarioRow } from './document.js';
import { scenarioDef } from './scenarios.js';

/**
 * What the upstreams' logs cannot explain, said in the drill's warnings (pure): answers that reached neither
 * upstream, chat requests without a nonce, and rows where the primary was never tried although it was the one
 * misbehaving (a gateway's cooldown carried over from the scenario before).
 */

const mode = (r: DrillScenarioRow) => (r.stream ? 'stream' : 'non-stream');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Targets none of whose requests reached either upstream: the drill measured nothing about their failover. */
export function unreachedTargets(rows: readonly DrillScenarioRow[]): string[] {
  const targets = [...new Set(rows.map((r) => r.target))];
  return targets.filter((t) => rows.filter((r) => r.target === t).every((r) => r.details.every((d) => d.primaryAttempts === 0 && d.secondaryAttempts === 0 && !d.complete)));
}

function unreachedWarning(target: string, rows: readonly DrillScenarioRow[]): string {
  const seen = rows.find((r) => r.target === target)?.details[0];
  const what = seen?.transportError ? `the client got "${seen.transportError}"` : seen?.clientStatus != null ? `the gateway answered HTTP ${seen.clientStatus}` : 'the client got no answer';
  return `${target}: no request reached either upstream (${what}): the gateway is not reachable at its baseUrl, or does not route the model to the drill's primary and secondary, so nothing here is evidence of its failover. Check baseUrl and model, and point the route at the upstreams (gateway-scout drill init --gateway ID prints that configuration).`;
}

export function drillWarnings(rows: readonly DrillScenarioRow[], unattributed: number, pauseMs: number): string[] {
  const unreached = unreachedTargets(rows);
  const out: string[] = unreached.map((t) => unreachedWarning(t, rows));
  for (const r of rows.filter((x) => !unreached.includes(x.target))) {
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
