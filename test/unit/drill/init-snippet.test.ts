import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { catalogSchema, type Catalog, type Gateway } from '../../../src/catalog/schema.js';
import { drillConfigSchema } from '../../../src/drill/config.js';
import { buildDrillInit, drillYamlText, fillPlaceholders, placeholderValues, renderDrillInit } from '../../../src/drill/init-snippet.js';

/** drill init's pure part on a hand-made gateway, so each branch is checked apart from the shipped catalog. */

const catalog: Catalog = catalogSchema.parse(JSON.parse(readFileSync(new URL('../../../data/gateways.json', import.meta.url), 'utf8')));
const litellm = catalog.gateways.find((g) => g.id === 'litellm')!;
const ports = { primaryPort: 18001, secondaryPort: 18002 };

function withConfig(fc: Gateway['api']['fallbackConfig']): Gateway {
  return { ...litellm, id: 'testgw', name: 'Test GW', api: { ...litellm.api, fallbackConfig: fc } };
}
const hand = {
  format: 'yaml' as const,
  file: 'gw.yaml',
  template: 'a: {primaryUrl}\nb: {secondaryUrl}\nc: {primaryOrigin}|{secondaryOrigin}|{model}|{other}\n',
  target: { baseUrl: 'http://localhost:9/{model}', model: 'm-{model}', headers: { 'x-cfg': '{primaryUrl}' } },
  source: 'litellm-docs-reliability',
  checked: '2026-12-06',
  status: 'unverified' as const,
  note: 'A note.',
};

describe('placeholders', () => {
  it('are the ports\' OpenAI bases, their origins and the drill model; other braces stay', () => {
    const v = placeholderValues(ports);
    expect(v).toEqual({ primaryUrl: 'http://127.0.0.1:18001/v1', secondaryUrl: 'http://127.0.0.1:18002/v1', primaryOrigin: 'http://127.0.0.1:18001', secondaryOrigin: 'http://127.0.0.1:18002', model: 'drill-model' });
    expect(fillPlaceholders(hand.template, v)).toBe('a: http://127.0.0.1:18001/v1\nb: http://127.0.0.1:18002/v1\nc: http://127.0.0.1:18001|http://127.0.0.1:18002|drill-model|{other}\n');
  });
});

describe('buildDrillInit', () => {
  it('fills the snippet and the target, and builds a drill config with the ports', () => {
    const p = buildDrillInit(withConfig(hand), catalog.sources, ports);
    expect(p).toMatchObject({
      gateway: 'testgw',
      name: 'Test GW',
      reachable: true,
      format: 'yaml',
      file: 'gw.yaml',
      status: 'unverified',
      checked: '2026-12-06',
      note: 'A note.',
      source: { id: 'litellm-docs-reliability', url: 'https://docs.litellm.ai/docs/proxy/reliability' },
      upstreams: { primary: { port: 18001, url: 'http://127.0.0.1:18001/v1' }, secondary: { port: 18002, url: 'http://127.0.0.1:18002/v1' } },
    });
    expect(p.drillConfig).toEqual({
      upstreams: { primary: { port: 18001 }, secondary: { port: 18002 } },
      target: { name: 'testgw', gateway: 'testgw', baseUrl: 'http://localhost:9/drill-model', model: 'm-drill-model', headers: { 'x-cfg': 'http://127.0.0.1:18001/v1' } },
      requests: 3,
      stream: 'both',
      timeoutsMs: { request: 30_000 },
    });
    // The YAML text says the same as the object.
    expect(drillConfigSchema.parse(yaml.load(p.drillYaml!))).toEqual(drillConfigSchema.parse(p.drillConfig));
  });

  it('a text config (managed gateway): not reachable, no drill config; no config at all says so', () => {
    const text = buildDrillInit(withConfig({ format: 'text', file: '(none)', template: 'Cannot.', source: 'litellm-docs-reliability', checked: '2026-12-06', status: 'verified' }), catalog.sources, ports);
    expect(text).toMatchObject({ reachable: false, snippet: 'Cannot.', drillConfig: null, drillYaml: null, note: null });
    const none = buildDrillInit(withConfig(undefined), catalog.sources, ports);
    expect(none).toEqual({
      gateway: 'testgw',
      name: 'Test GW',
      upstreams: { primary: { port: 18001, url: 'http://127.0.0.1:18001/v1' }, secondary: { port: 18002, url: 'http://127.0.0.1:18002/v1' } },
      reachable: false,
      format: 'text',
      file: '(none)',
      snippet: 'The catalog has no fallback configuration for Test GW.',
      source: { id: litellm.api.source, url: null },
      status: 'unverified',
      checked: litellm.api.checked,
      note: null,
      drillConfig: null,
      drillYaml: null,
    });
  });
});

describe('the key variable in drill.yaml', () => {
  it('is the catalog\'s variable for an Authorization key (sent as Bearer), else a placeholder name', () => {
    // LiteLLM: Authorization: Bearer {key}, keyEnv LITELLM_API_KEY.
    expect(buildDrillInit(withConfig(hand), catalog.sources, ports).drillYaml).toContain('# apiKeyEnv: LITELLM_API_KEY ');
    // A key in another header, and an Authorization header with no variable: neither is what apiKeyEnv sends.
    const other: Gateway = { ...withConfig(hand), api: { ...withConfig(hand).api, auth: [{ header: 'apikey', value: '{key}', required: 'always', keyEnv: 'KONG_API_KEY' }, { header: 'AUTHORIZATION', value: 'Bearer {k}', required: 'optional' }] } };
    expect(buildDrillInit(other, catalog.sources, ports).drillYaml).toContain('# apiKeyEnv: GATEWAY_API_KEY ');
    const upper: Gateway = { ...other, api: { ...other.api, auth: [{ header: 'AUTHORIZATION', value: 'Bearer {k}', required: 'always', keyEnv: 'UPPER_KEY' }] } };
    expect(buildDrillInit(upper, catalog.sources, ports).drillYaml).toContain('# apiKeyEnv: UPPER_KEY ');
  });
});

describe('drillYamlText', () => {
  it('writes the whole file, comments included', () => {
    expect(drillYamlText({ ...ports, target: { name: 'g', gateway: 'g', baseUrl: 'http://h', model: 'm', headers: { 'x-a': 'b' } } }, 'K')).toBe(
      [
        '# gateway-scout drill --config drill.yaml  (the drill starts both upstreams, then sends requests through the gateway)',
        'upstreams:',
        '  primary: { port: 18001 }     # the gateway\'s route points here',
        '  secondary: { port: 18002 }   # and its fallback here',
        '  # Gateway in a container? Add host: 0.0.0.0 to both, and use host.docker.internal in the gateway\'s config.',
        'target:',
        '  name: "g"',
        '  gateway: "g"',
        '  baseUrl: "http://h"',
        '  model: "m"',
        '  headers:',
        '    "x-a": "b"',
        '  # apiKeyEnv: K   # if the gateway checks a key: the variable holding it, sent as Authorization: Bearer',
        'requests: 3',
        'stream: both',
        'timeoutsMs: { request: 30000 }',
        '# pauseMs: 0   # raise it if the gateway cools a failing upstream down between scenarios',
        '',
      ].join('\n'),
    );
  });

  it('names the Bearer key variable in a comment, and writes headers only when there are some', () => {
    const target = { name: 'g', gateway: 'g', baseUrl: 'http://h', model: 'm', headers: {} };
    const plain = drillYamlText({ ...ports, target }, undefined);
    expect(plain).toContain('# apiKeyEnv: GATEWAY_API_KEY');
    expect(plain).not.toContain('headers:');
    const withHeaders = drillYamlText({ ...ports, target: { ...target, headers: { 'x-a': '{"j":1}' } } }, 'LITELLM_API_KEY');
    expect(withHeaders).toContain('# apiKeyEnv: LITELLM_API_KEY');
    expect((yaml.load(withHeaders) as { target: { headers: Record<string, string> } }).target.headers).toEqual({ 'x-a': '{"j":1}' });
  });
});

describe('renderDrillInit', () => {
  it('a managed gateway: the title, its explanation wrapped to the width, then the source', () => {
    const fc = { format: 'text' as const, file: '(none)', template: 'Cannot reach your machine, so no configuration can point at the upstreams.', source: 'litellm-docs-reliability', checked: '2026-12-06', status: 'verified' as const };
    expect(renderDrillInit(buildDrillInit(withConfig(fc), catalog.sources, ports), 40)).toBe(
      [
        'Failover drill for Test GW: not against the managed service',
        '',
        'Cannot reach your machine, so no',
        'configuration can point at the',
        'upstreams.',
        '',
        'Source:',
        'https://docs.litellm.ai/docs/proxy/reliability',
        '(verified, checked 2026-12-06).',
        '',
      ].join('\n'),
    );
  });

  it('steps 1–3 with the snippet and drill.yaml; the source and note last', () => {
    const text = renderDrillInit(buildDrillInit(withConfig(hand), catalog.sources, ports), 100);
    expect(text.split('\n').slice(0, 5)).toEqual(['Failover drill for Test GW', '', "The drill's upstreams (gateway-scout drill starts them on these ports):", '  primary    http://127.0.0.1:18001/v1', '  secondary  http://127.0.0.1:18002/v1']);
    expect(text).toContain('1. Point Test GW at them: gw.yaml\n\na: http://127.0.0.1:18001/v1');
    expect(text).toContain('2. Save this as drill.yaml:\n\n# gateway-scout drill --config drill.yaml');
    expect(text.trimEnd().endsWith('Source: https://docs.litellm.ai/docs/proxy/reliability (unverified, checked 2026-12-06). A note.')).toBe(true);
  });
});
