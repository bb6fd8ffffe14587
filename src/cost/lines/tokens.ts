import type { FeatureId } from '../../catalog/schema.js';
import type { Answers } from '../../advisor/answers.js';
import type { MemberSetup } from '../../advisor/eligibility.js';
import { scaleOutOf, scaleOutWhy } from '../../advisor/scale-out.js';
import { formatInt } from '../../format.js';
import { num, pct, type CostContext, type CostLine } from './types.js';

/**
 * Provider token spend, one line per model of the mix. A share of input tokens is billed at the cached-input
 * price where the model has one and every gateway in the path passes prompt caching through.
 */
export function tokenLines(ctx: CostContext, a: Answers, passesPromptCache: boolean): CostLine[] {
  const share = ctx.options.promptCacheShare;
  return ctx.mix.map(({ price, share: mixShare, source }) => {
    const reqs = a.monthlyRequests * mixShare;
    const p = price.cachedInputPerMTok !== null && passesPromptCache ? share : 0;
    const inputRate = (1 - p) * price.inputPerMTok + p * (price.cachedInputPerMTok ?? price.inputPerMTok);
    const usd = (reqs * (a.avgInputTokens * inputRate + a.avgOutputTokens * price.outputPerMTok)) / 1e6;
    const cached =
      p > 0
        ? ` (${pct(p)} of input at the cached-input price $${price.cachedInputPerMTok}/M)`
        : share > 0 && !passesPromptCache
          ? ' (provider prompt caching not passed through by this gateway)'
          : '';
    // A price nobody confirmed against its source says so where it is used, not only in the data file.
    const doubt = price.status === 'verified' ? '' : ` (${price.status} price)`;
    return {
      kind: 'tokens',
      label: `Tokens: ${price.name}${doubt}${ctx.mix.length > 1 ? ` (${pct(mixShare)} of requests)` : ''}`,
      usd,
      assumption:
        `${num(reqs)} requests × (${num(a.avgInputTokens)} input tokens × $${price.inputPerMTok}/M${cached} + ` +
        `${num(a.avgOutputTokens)} output tokens × $${price.outputPerMTok}/M); ` +
        `${price.provider} list price${doubt ? `, ${price.status}: not confirmed against its source (last dated ${price.checked})` : ` checked ${price.checked}`}${price.note ? ` — ${price.note}` : ''}`,
      source,
      checked: price.checked,
    };
  });
}

/**
 * What the gateway's response cache saves: the hit rate × token spend, where it has the caching the member serves
 * (`yes` or `partial`); otherwise a $0 line that says why. Nothing when no caching is wanted of it. When a limit
 * splits the traffic over N scopes (gateways), each keeps its own cache and the hit rate is divided by N: with
 * traffic spread evenly and blind to the prompt, a repeat lands on the scope that cached the first one 1 time in N.
 * (Routing by a hash of the prompt would keep the rate, at the price of routing code that canonicalises requests;
 * the model does not assume it.)
 */
export function cacheSavingsLines(ctx: CostContext, m: MemberSetup, grossTokens: number): CostLine[] {
  const caching = m.answers.caching;
  if (caching === 'none') return [];
  const g = m.gateway;
  const feature: FeatureId = caching === 'exact' ? 'exact-cache' : 'semantic-cache';
  const f = g.features[feature];
  const label = `Response cache savings (${caching})`;
  // An enterprise-only cache saves once the licence that unlocks it is bought (the licence line costs it).
  const unlocked = f?.level === 'enterprise-only' && m.licensed.includes(feature);
  if (f === undefined || (f.level !== 'yes' && f.level !== 'partial' && !unlocked)) {
    return [{ kind: 'cache-savings', label, usd: 0, assumption: `no saving: ${feature} is ${f ? f.level : 'not listed'} for ${g.name}`, source: f ? ctx.sourceUrl(f.source) : 'catalog' }];
  }
  const split = scaleOutOf(m.limits);
  const rate = ctx.options.cacheHitRate / (split?.scopes ?? 1);
  const partial = f.level === 'partial' ? ` (support is partial${f.note ? `: ${f.note}` : ''})` : unlocked ? ' (with the enterprise licence costed below)' : '';
  const spread = split
    ? `; ${pct(ctx.options.cacheHitRate)} hit rate ÷ ${formatInt(split.scopes)}: the traffic is split over ${scaleOutWhy(split)}, each with its own cache, and a repeat is a hit only when it lands on the ${split.scope} that cached it (1 in ${formatInt(split.scopes)} with even routing blind to the prompt; routing by a hash of the prompt would keep ${pct(ctx.options.cacheHitRate)})`
    : '';
  return [
    {
      kind: 'cache-savings',
      label,
      usd: -Math.min(grossTokens, grossTokens * rate),
      assumption: `${pct(rate)} of requests served from the gateway's ${caching} cache, so their token spend is not paid${partial}${spread}`,
      source: ctx.sourceUrl(f.source),
    },
  ];
}
