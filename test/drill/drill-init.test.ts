import { Readable } from 'node:stream';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { runDrillInit } from '../../src/commands/drill-init.js';
import type { Ctx } from '../../src/commands/context.js';
import { drillConfigSchema } from '../../src/drill/config.js';
import { UsageError } from '../../src/errors.js';

/**
 * `drill init` through runDrillInit with a captured Ctx. The snippets are parsed (YAML with js-yaml, JSON; TOML
 * by its lines) and must hold the drill's ports; the drill.yaml must be a valid drill config.
 */

function capture(width = 100) {
  let stdout = '';
  let stderr = '';
  const ctx: Ctx = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    env: {},
    cwd: process.cwd(),
    tty: { stdin: false, stdout: false, stderr: false },
    width,
    color: false,
    errColor: false,
    prompt: { input: Readable.from(['']), output: process.stderr },
    signal: new AbortController().signal,
    exit: () => undefined,
  };
  return { ctx, out: () => stdout, err: () => stderr };
}

interface Plan {
  schemaVersion: number;
  kind: string;
  gateway: string;
  reachable: boolean;
  format: string;
  snippet: string;
  upstreams: { primary: { port: number; url: string }; secondary: { port: number; url: string } };
  drillConfig: Record<string, unknown> | null;
  drillYaml: string | null;
  source: { id: string; url: string | null };
}

async function plan(gateway: string, primaryPort = 18001, secondaryPort = 18002): Promise<Plan> {
  const c = capture();
  expect(await runDrillInit({ gateway, primaryPort, secondaryPort, json: true }, c.ctx)).toBe(0);
  return JSON.parse(c.out()) as Plan;
}

const P = 'http://127.0.0.1:18001/v1';
const S = 'http://127.0.0.1:18002/v1';

describe('drill init --json: one document, the snippet filled with the ports', () => {
  it('LiteLLM: config.yaml with the two model groups on the drill ports and the fallback between them', async () => {
    const p = await plan('litellm');
    expect(p).toMatchObject({ schemaVersion: 1, kind: 'drill-init', gateway: 'litellm', reachable: true, format: 'yaml', upstreams: { primary: { port: 18001, url: P }, secondary: { port: 18002, url: S } } });
    const cfg = yaml.load(p.snippet) as { model_list: { model_name: string; litellm_params: { api_base: string; model: string } }[]; router_settings: { fallbacks: unknown } };
    expect(cfg.model_list.map((m) => [m.model_name, m.litellm_params.api_base, m.litellm_params.model])).toEqual([
      ['drill-primary', P, 'openai/drill-model'],
      ['drill-secondary', S, 'openai/drill-model'],
    ]);
    expect(cfg.router_settings.fallbacks).toEqual([{ 'drill-primary': ['drill-secondary'] }]);
    expect(p.source.url).toBe('https://docs.litellm.ai/docs/proxy/reliability');
  });

  it('Portkey: the x-portkey-config JSON, the same one in the target\'s header, custom_host on each port', async () => {
    const p = await plan('portkey');
    expect(p.format).toBe('headers');
    const doc = JSON.parse(p.snippet) as { strategy: { mode: string }; targets: { custom_host: string }[] };
    expect(doc.strategy.mode).toBe('fallback');
    expect(doc.targets.map((t) => t.custom_host)).toEqual([P, S]);
    const target = (p.drillConfig as { target: { headers: Record<string, string>; baseUrl: string } }).target;
    expect(JSON.parse(target.headers['x-portkey-config']!)).toEqual(doc);
    expect(target.baseUrl).toBe('http://localhost:8787/v1');
  });

  it('Bifrost: config.json with the primary and secondary origins (no /v1: Bifrost adds it)', async () => {
    const doc = JSON.parse((await plan('bifrost')).snippet) as { providers: Record<string, { network_config: { base_url: string } }> };
    expect(doc.providers.openai!.network_config.base_url).toBe('http://127.0.0.1:18001');
    expect(doc.providers['drill-secondary']!.network_config.base_url).toBe('http://127.0.0.1:18002');
  });

  it('TensorZero: tensorzero.toml, routing primary then secondary, each api_base on its port', async () => {
    const toml = (await plan('tensorzero')).snippet;
    expect(toml).toMatch(/^routing = \["primary", "secondary"\]$/m);
    // Each provider section's api_base line, read by hand.
    const section = (name: string) => toml.split(`[models.drill.providers.${name}]`)[1]!.split('\n[')[0]!;
    expect(section('primary')).toMatch(new RegExp(`^api_base = "${P}"$`, 'm'));
    expect(section('secondary')).toMatch(new RegExp(`^api_base = "${S}"$`, 'm'));
  });

  it('Kong: ai-proxy-advanced targets whose upstream_url is each port\'s chat endpoint', async () => {
    const doc = yaml.load((await plan('kong')).snippet) as { plugins: { config: { targets: { model: { options: { upstream_url: string } } }[]; balancer: { failover_criteria: string[] } } }[] };
    const config = doc.plugins[0]!.config;
    expect(config.targets.map((t) => t.model.options.upstream_url)).toEqual([`${P}/chat/completions`, `${S}/chat/completions`]);
    expect(config.balancer.failover_criteria).toContain('non_idempotent');
  });

  it.each(['litellm', 'portkey', 'bifrost', 'tensorzero', 'kong'])('%s: drill.yaml is a valid drill config with the ports and the gateway target', async (id) => {
    const p = await plan(id, 19001, 19002);
    const parsed = drillConfigSchema.parse(yaml.load(p.drillYaml!));
    expect(parsed.upstreams).toEqual({ primary: { port: 19001, host: '127.0.0.1' }, secondary: { port: 19002, host: '127.0.0.1' } });
    expect(parsed.target.gateway).toBe(id);
    expect(parsed).toEqual(drillConfigSchema.parse(p.drillConfig));
  });

  it.each(['openrouter', 'vercel', 'cloudflare', 'helicone'])('%s (managed): no config and no drill.yaml, an honest explanation instead', async (id) => {
    const p = await plan(id);
    expect(p).toMatchObject({ reachable: false, format: 'text', drillConfig: null, drillYaml: null });
    expect(p.snippet).toMatch(/cannot reach the drill's upstreams on a port of your machine/);
    expect(p.snippet).toContain('gateway-scout drill --demo');
  });
});

describe('drill init, human form', () => {
  it('prints the upstreams, the snippet and a drill.yaml that parses', async () => {
    const c = capture();
    expect(await runDrillInit({ gateway: 'litellm', primaryPort: 18001, secondaryPort: 18002, json: false }, c.ctx)).toBe(0);
    const text = c.out();
    expect(text).toContain(`  primary    ${P}\n  secondary  ${S}`);
    expect(text).toContain(`api_base: ${P}`);
    const drillYaml = text.split('2. Save this as drill.yaml:\n\n')[1]!.split('\n\n3. ')[0]!;
    expect(drillConfigSchema.parse(yaml.load(drillYaml)).target.model).toBe('drill-primary');
    expect(text).toContain('gateway-scout drill --config drill.yaml');
    expect(c.err()).toBe('');
  });

  it('a managed gateway: says so, with the source', async () => {
    const c = capture(80);
    await runDrillInit({ gateway: 'openrouter', primaryPort: 18001, secondaryPort: 18002, json: false }, c.ctx);
    expect(c.out()).toMatch(/^Failover drill for OpenRouter: not against the managed service/);
    // The URL is longer than the width, so it goes on a line of its own (the one line allowed to be wider).
    expect(c.out()).toContain('Source:\nhttps://github.com/OpenRouterTeam/docs/blob/c26125a5fa92cb52ac67f0c75b717229567db716/guides/routing/model-fallbacks.mdx\n(verified');
    for (const line of c.out().split('\n')) if (!/^https:\/\/\S+$/.test(line)) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('drill init, bad usage (exit 2)', () => {
  it('an unknown gateway lists the catalog ids', async () => {
    const err = await runDrillInit({ gateway: 'nope', primaryPort: 18001, secondaryPort: 18002, json: false }, capture().ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).hint).toBe('Use one of: litellm, openrouter, cloudflare, portkey, vercel, kong, bifrost, tensorzero, helicone.');
  });

  it('the same port twice, or no port at all', async () => {
    await expect(runDrillInit({ gateway: 'litellm', primaryPort: 18001, secondaryPort: 18001, json: false }, capture().ctx)).rejects.toThrow(/both on port 18001/);
    await expect(runDrillInit({ gateway: 'litellm', primaryPort: 0, secondaryPort: 18001, json: false }, capture().ctx)).rejects.toThrow(/--primary-port 0 is not a port/);
  });
});
