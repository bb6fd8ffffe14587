import { DEFAULT_FAULTS, type FaultSettings } from '../drill/scenarios.js';
import type { TargetSet, UpstreamUrls } from './drill-runner.js';

/**
 * `drill --demo`: the emulated failover gateways (src/drill/demo-gateways.ts) and their short settings
 * (src/drill/demo-settings.ts), imported lazily. The upstreams listen on free ports (0); the demo's gateways are
 * started, pointed at them, once they listen.
 */

export interface DrillDemo {
  requests: number;
  timeoutMs: number;
  faults: FaultSettings;
  pauseMs: number;
  stream: boolean | 'both';
  targets(urls: UpstreamUrls): Promise<TargetSet>;
}

export async function loadDrillDemo(): Promise<DrillDemo> {
  const { DEMO_DRILL: d } = await import('../drill/demo-settings.js');
  const { startDemoGateways } = await import('../drill/demo-gateways.js');
  return {
    requests: d.requests,
    timeoutMs: d.timeoutsMs.request,
    faults: { ...DEFAULT_FAULTS, ...d.faults },
    pauseMs: d.pauseMs,
    stream: d.stream,
    targets: (urls) => startDemoGateways(urls),
  };
}
