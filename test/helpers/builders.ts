import type { CatalogInput } from '../../src/catalog/schema.js';
import { catalogSchema, FEATURE_IDS, type Catalog, type FeatureId, type SupportLevel } from '../../src/catalog/schema.js';

type GatewayInput = CatalogInput['gateways'][number];

export const fact = { source: 'src', checked: '2026-11-01' } as const;

/** A complete, valid gateway that takes your provider keys; tests override only what they are about. */
export function makeGateway(id: string, over: Partial<GatewayInput> & { levels?: Partial<Record<FeatureId, SupportLevel>> } = {}): GatewayInput {
  const { levels = {}, ...rest } = over;
  const level = (f: FeatureId) => levels[f] ?? (f === 'byok' ? 'yes' : 'no');
  const features = Object.fromEntries(FEATURE_IDS.map((f) => [f, { level: level(f), ...fact }]));
  return {
    id,
    name: id.toUpperCase(),
    vendor: 'Test',
    homepage: 'https://example.com/',
    summary: 'test gateway',
    lastVerified: '2026-11-01',
    deployment: { selfHosted: { level: 'no', ...fact }, managed: { level: 'yes', ...fact } },
    licence: { name: 'Proprietary', spdx: null, openSource: false, ...fact },
    operations: { burden: 'none', components: [], ...fact },
    reach: { providers: 10, models: null, ...fact },
    pricing: { tokenMarkupPercent: { value: 0, ...fact }, fees: [], plans: [], limits: [] },
    features,
    api: {
      baseUrl: 'https://example.com/v1',
      chatPath: '/chat/completions',
      auth: [{ header: 'Authorization', value: 'Bearer {key}', required: 'always' }],
      modelNaming: { pattern: '{model}', example: 'gpt-4o-mini' },
      cost: { where: 'none', streaming: 'none' },
      cacheStatus: { where: 'none' },
      requestId: { where: 'none' },
      ...fact,
    },
    latency: [],
    pitfalls: [],
    ...rest,
  };
}

export function makeCatalog(gateways: GatewayInput[], over: Partial<CatalogInput> = {}): Catalog {
  return catalogSchema.parse({
    version: 'test',
    sources: [{ id: 'src', title: 'Test source', url: 'https://example.com/src', publisher: 'vendor' }],
    gateways,
    ...over,
  });
}
