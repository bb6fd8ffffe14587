import type { Catalog, Gateway } from '../catalog/schema.js';
import { hang, wrap } from '../report/layout.js';

/**
 * `drill init` (pure): the catalog's fallback configuration of a gateway, filled in with the drill's upstream
 * ports, and the drill.yaml that drills it (it matches src/drill/config.ts drillConfigSchema). A managed gateway
 * that cannot reach a port on the user's machine gets its explanation instead of a config.
 */

/** The upstream model the snippets name: the drill's upstreams answer any model. */
export const INIT_MODEL = 'drill-model';
const HOST = '127.0.0.1';

export interface InitPorts {
  primaryPort: number;
  secondaryPort: number;
}

export interface DrillInitPlan {
  gateway: string;
  name: string;
  upstreams: { primary: { port: number; url: string }; secondary: { port: number; url: string } };
  /** False for a managed gateway: no fallback configuration can point at the user's machine. */
  reachable: boolean;
  format: string;
  file: string;
  snippet: string;
  source: { id: string; url: string | null };
  status: string;
  checked: string;
  note: string | null;
  /** The drill config (as drillConfigSchema reads it), or null when the gateway cannot be drilled. */
  drillConfig: Record<string, unknown> | null;
  drillYaml: string | null;
}

/** {primaryUrl} {secondaryUrl} {primaryOrigin} {secondaryOrigin} {model}; any other brace is left as it is. */
export function fillPlaceholders(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{(primaryUrl|secondaryUrl|primaryOrigin|secondaryOrigin|model)\}/g, (_, k: string) => vars[k]!);
}

export function placeholderValues(p: InitPorts): Record<string, string> {
  const origin = (port: number) => `http://${HOST}:${port}`;
  return {
    primaryOrigin: origin(p.primaryPort),
    secondaryOrigin: origin(p.secondaryPort),
    primaryUrl: `${origin(p.primaryPort)}/v1`,
    secondaryUrl: `${origin(p.secondaryPort)}/v1`,
    model: INIT_MODEL,
  };
}

/** The variable the drill reads a Bearer key from, if the gateway documents one sent as Authorization. */
function bearerKeyEnv(g: Gateway): string | undefined {
  return g.api.auth.find((a) => a.header.toLowerCase() === 'authorization' && a.keyEnv !== undefined)?.keyEnv;
}

const q = (s: string): string => JSON.stringify(s);

/** drill.yaml as text, with the comments a user needs; its values are JSON scalars, which YAML reads as they are. */
export function drillYamlText(c: { primaryPort: number; secondaryPort: number; target: { name: string; gateway: string; baseUrl: string; model: string; headers: Record<string, string> } }, keyEnv: string | undefined): string {
  const headers = Object.entries(c.target.headers);
  return [
    '# gateway-scout drill --config drill.yaml  (the drill starts both upstreams, then sends requests through the gateway)',
    'upstreams:',
    `  primary: { port: ${c.primaryPort} }     # the gateway's route points here`,
    `  secondary: { port: ${c.secondaryPort} }   # and its fallback here`,
    '  # Gateway in a container? Add host: 0.0.0.0 to both, and use host.docker.internal in the gateway\'s config.',
    'target:',
    `  name: ${q(c.target.name)}`,
    `  gateway: ${q(c.target.gateway)}`,
    `  baseUrl: ${q(c.target.baseUrl)}`,
    `  model: ${q(c.target.model)}`,
    ...(headers.length > 0 ? ['  headers:', ...headers.map(([k, v]) => `    ${q(k)}: ${q(v)}`)] : []),
    `  # apiKeyEnv: ${keyEnv ?? 'GATEWAY_API_KEY'}   # if the gateway checks a key: the variable holding it, sent as Authorization: Bearer`,
    'requests: 3',
    'stream: both',
    'timeoutsMs: { request: 30000 }',
    '# pauseMs: 0   # raise it if the gateway cools a failing upstream down between scenarios',
    '',
  ].join('\n');
}

export function buildDrillInit(g: Gateway, sources: Catalog['sources'], ports: InitPorts): DrillInitPlan {
  const vars = placeholderValues(ports);
  const fc = g.api.fallbackConfig;
  const upstreams = { primary: { port: ports.primaryPort, url: vars.primaryUrl! }, secondary: { port: ports.secondaryPort, url: vars.secondaryUrl! } };
  const base = { gateway: g.id, name: g.name, upstreams };
  if (!fc) {
    const note = `The catalog has no fallback configuration for ${g.name}.`;
    return { ...base, reachable: false, format: 'text', file: '(none)', snippet: note, source: { id: g.api.source, url: null }, status: 'unverified', checked: g.api.checked, note: null, drillConfig: null, drillYaml: null };
  }
  const source = { id: fc.source, url: sources.find((s) => s.id === fc.source)?.url ?? null };
  const common = { ...base, format: fc.format, file: fc.file, snippet: fillPlaceholders(fc.template, vars), source, status: fc.status, checked: fc.checked, note: fc.note ?? null };
  if (!fc.target) return { ...common, reachable: false, drillConfig: null, drillYaml: null };
  const target = {
    name: g.id,
    gateway: g.id,
    baseUrl: fillPlaceholders(fc.target.baseUrl, vars),
    model: fillPlaceholders(fc.target.model, vars),
    headers: Object.fromEntries(Object.entries(fc.target.headers).map(([k, v]) => [k, fillPlaceholders(v, vars)])),
  };
  const drillConfig = { upstreams: { primary: { port: ports.primaryPort }, secondary: { port: ports.secondaryPort } }, target, requests: 3, stream: 'both', timeoutsMs: { request: 30_000 } };
  return { ...common, reachable: true, drillConfig, drillYaml: drillYamlText({ ...ports, target }, bearerKeyEnv(g)) };
}

/** The human form: upstreams, the gateway's snippet, drill.yaml, and where the snippet comes from. */
export function renderDrillInit(p: DrillInitPlan, width: number): string {
  const src = `Source: ${p.source.url ?? p.source.id} (${p.status}, checked ${p.checked}).${p.note ? ` ${p.note}` : ''}`;
  if (!p.reachable) {
    return [`Failover drill for ${p.name}: not against the managed service`, '', ...wrap(p.snippet, width), '', ...wrap(src, width), ''].join('\n');
  }
  return [
    `Failover drill for ${p.name}`,
    '',
    'The drill\'s upstreams (gateway-scout drill starts them on these ports):',
    `  primary    ${p.upstreams.primary.url}`,
    `  secondary  ${p.upstreams.secondary.url}`,
    '',
    ...hang('1. ', `Point ${p.name} at them: ${p.file}`, width),
    '',
    p.snippet.trimEnd(),
    '',
    '2. Save this as drill.yaml:',
    '',
    p.drillYaml!.trimEnd(),
    '',
    '3. Start the gateway with the configuration above, then: gateway-scout drill --config drill.yaml',
    '',
    ...wrap(src, width),
    '',
  ].join('\n');
}
