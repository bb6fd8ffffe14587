import { DEFAULT_FAULTS, type FaultSettings } from '../drill/scenarios.js';
import type { DrillTarget } from '../drill/types.js';
import type { TargetSet, UpstreamUrls } from './drill-runner.js';
import { optionalImport } from './optional-import.js';

/**
 * `drill --demo`: the emulated failover gateways (src/drill/demo-gateways.ts) and their short settings
 * (src/drill/demo-settings.ts), reached by URL through the interfaces CONTRACT-21 gives them. The upstreams listen
 * on free ports (0); the demo's gateways are started, pointed at them, once they listen.
 */

interface DemoGatewaysModule {
  startDemoGateways(o: { primaryUrl: string; secondaryUrl: string; gateways?: string[] }): Promise<{ targets: DrillTarget[]; close(): Promise<void> }>;
}
interface DemoSettingsModule {
  DEMO_DRILL: { requests: number; timeoutsMs: { request: number }; faults: Partial<FaultSettings>; pauseMs: number; stream: boolean | 'both' };
}

export interface DrillDemo {
  requests: number;
  timeoutMs: number;
  faults: FaultSettings;
  pauseMs: number;
  stream: boolean | 'both';
  targets(urls: UpstreamUrls): Promise<TargetSet>;
}

export async function loadDrillDemo(): Promise<DrillDemo> {
  const { DEMO_DRILL: d } = await optionalImport<DemoSettingsModule>(new URL('../drill/demo-settings.js', import.meta.url), '`drill --demo`');
  const { startDemoGateways } = await optionalImport<DemoGatewaysModule>(new URL('../drill/demo-gateways.js', import.meta.url), '`drill --demo`');
  return {
    requests: d.requests,
    timeoutMs: d.timeoutsMs.request,
    faults: { ...DEFAULT_FAULTS, ...d.faults },
    pauseMs: d.pauseMs,
    stream: d.stream,
    targets: (urls) => startDemoGateways(urls),
  };
}
