import { UsageError } from '../errors.js';
import type { GatewayFailover } from './behaviour-schema.js';
import { startDemoGateway, type RunningDemoGateway } from './demo-gateway.js';
import { DEMO_DRILL, DEMO_TIME_SCALE } from './demo-settings.js';
import { shippedFailover } from './failover-data.js';
import type { DrillTarget } from './types.js';

/**
 * The emulated gateways `drill --demo` drills (IO): one generic failover gateway per data/failover.json entry,
 * each on its own 127.0.0.1 port, all using the drill's primary and secondary upstreams.
 */

/** The model the demo's targets name: the drill's upstreams answer any model. */
export const DEMO_MODEL = 'drill-model';

export interface DemoGatewaysOptions {
  primaryUrl: string;
  secondaryUrl: string;
  /** Catalog gateway ids to start (default: every entry, in the file's order). */
  gateways?: string[];
  /** Overrides for tests: the entries, the time scale, and the client's give-up time. */
  behaviours?: GatewayFailover[];
  timeScale?: number;
  clientTimeoutMs?: number;
}

function pick(all: GatewayFailover[], ids: string[] | undefined): GatewayFailover[] {
  if (ids === undefined) return all;
  const unknown = ids.filter((id) => !all.some((b) => b.gateway === id));
  if (unknown.length > 0) throw new UsageError(`No emulated failover behaviour for ${unknown.join(', ')}.`, `Known gateways: ${all.map((b) => b.gateway).join(', ')}.`);
  return ids.map((id) => all.find((b) => b.gateway === id)!);
}

export async function startDemoGateways(o: DemoGatewaysOptions): Promise<{ targets: DrillTarget[]; close(): Promise<void> }> {
  const chosen = pick(o.behaviours ?? shippedFailover(), o.gateways);
  const settled = await Promise.allSettled(
    chosen.map((behaviour) =>
      startDemoGateway({
        behaviour,
        primaryUrl: o.primaryUrl,
        secondaryUrl: o.secondaryUrl,
        timeScale: o.timeScale ?? DEMO_TIME_SCALE,
        clientTimeoutMs: o.clientTimeoutMs ?? DEMO_DRILL.timeoutsMs.request,
      }),
    ),
  );
  const running = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const close = async (): Promise<void> => void (await Promise.all(running.map((g) => g.close())));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const targets = chosen.map((b, i): DrillTarget => ({ name: b.gateway, gateway: b.gateway, baseUrl: `http://127.0.0.1:${(running[i] as RunningDemoGateway).port}/v1`, model: DEMO_MODEL, headers: {} }));
  return { targets, close };
}
