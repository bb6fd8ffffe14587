#!/usr/bin/env node
// Writes the bench fixtures under test/fixtures/bench/ that the report tests read: seeded, synthetic runs in the
// shape issue 8 pins for `bench --json` (see src/report/bench-input.ts), plus per-request records. Statistics
// here are computed independently of the report code (sorted samples, nearest rank), except the encoded
// histograms, which use the histogram module. Run: npm run build && node scripts/make-bench-fixtures.js
import { mkdir, writeFile } from 'node:fs/promises';
import { encodeValues } from '../dist/histogram/hdr.js';

const dir = new URL('../test/fixtures/bench/', import.meta.url);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (r) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

const config = (over = {}) => ({
  requests: 60,
  warmup: 3,
  concurrency: 4,
  stream: true,
  maxTokens: 128,
  prompt: 'short',
  cache: 'allow',
  timeoutsMs: { connect: 5000, firstByte: 60000, idle: 30000, total: 120000 },
  seed: 7,
  targets: [
    { name: 'direct', gateway: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', baseline: true },
    { name: 'openrouter', gateway: 'openrouter', model: 'openai/gpt-4o-mini', apiKeyEnv: 'OPENROUTER_API_KEY' },
    { name: 'litellm', gateway: 'litellm', baseUrl: 'http://localhost:4000', model: 'gpt-4o-mini', apiKeyEnv: 'LITELLM_API_KEY' },
    { name: 'cloudflare', gateway: 'cloudflare', accountId: 'abc123', gatewayId: 'my-gateway', endpoint: 'compat', model: 'openai/gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', gatewayTokenEnv: 'CF_AIG_TOKEN' },
  ],
  ...over,
});

// Per target: added TTFT (ms), inter-token latency (ms), faults, cost behaviour, cache behaviour.
const PROFILES = {
  direct: { add: 0, itl: 11, faults: {}, cost: 'computed', hit: 0 },
  openrouter: { add: 38, itl: 11.5, faults: { rate_limited: 2 }, cost: 'gateway', drift: 0.012, hit: 0 },
  litellm: { add: 6, itl: 11.1, faults: { stream_interrupted: 1 }, cost: 'gateway', drift: 0, hit: 0 },
  cloudflare: { add: 14, itl: 11.2, faults: { server_error: 1, timeout: 1 }, cost: 'computed', hit: 0.25 },
};
const PRICE = { in: 0.15, out: 0.6 }; // USD per million tokens, gpt-4o-mini

function simulate(cfg, { seed, base, startedAt }) {
  const r = rng(seed);
  const records = [];
  const names = cfg.targets.map((t) => t.name);
  let clock = startedAt;
  for (let round_ = 0; round_ < cfg.requests; round_++) {
    const order = [...names].sort(() => r() - 0.5);
    for (const name of order) {
      const p = PROFILES[name];
      clock += 40 + r() * 30;
      const seq = records.filter((x) => x.target === name).length;
      const faultClass = Object.entries(p.faults).find(([, n], i) => seq % Math.floor(cfg.requests / n) === 7 + 13 * i)?.[0] ?? null;
      const hit = r() < p.hit;
      const input = 42 + Math.floor(r() * 6);
      const output = hit ? 96 : 80 + Math.floor(r() * 48);
      const ttft = hit ? 18 + r() * 8 : base + p.add + Math.exp(Math.log(60) + 0.45 * normal(r));
      const itl = hit ? 0.4 : p.itl * (1 + 0.08 * normal(r));
      const e2e = ttft + itl * (output - 1) + 3 + r() * 4;
      const computed = (input * PRICE.in + output * PRICE.out) / 1e6;
      const ok = faultClass === null;
      const status = { rate_limited: 429, server_error: 502, timeout: null, stream_interrupted: 200 }[faultClass] ?? 200;
      records.push({
        target: name, round: round_, seq, scheduledAt: null, startedAt: Math.round(clock), status: ok ? 200 : status,
        errorClass: faultClass, headersMs: ok || faultClass === 'stream_interrupted' ? round(ttft * 0.6) : null,
        ttftMs: ok || faultClass === 'stream_interrupted' ? round(ttft) : null, e2eMs: ok ? round(e2e) : null, itlMs: ok ? round(itl) : null,
        chunkGapsMs: ok ? [round(itl), round(itl * 1.1), round(itl * 0.9)] : null,
        inputTokens: ok ? input : null, outputTokens: ok ? output : null, tokensSource: ok ? 'usage' : null,
        costUsd: ok ? (hit ? 0 : round(p.cost === 'gateway' ? computed * (1 + (p.drift ?? 0)) : computed, 9)) : null,
        costSource: ok ? p.cost : 'unknown',
        cacheStatus: name === 'cloudflare' ? (hit ? 'HIT' : 'MISS') : null,
        responseId: `chatcmpl-${name}-${round_}`, gatewayRequestId: name === 'direct' ? null : `req-${name}-${seed}-${round_}`,
        retryAfterMs: faultClass === 'rate_limited' ? 1000 : null,
      });
    }
  }
  return records;
}

const nearestRank = (sorted, p) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, p50: null, p90: null, p95: null, p99: null, mean: null, min: null, max: null };
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { n: s.length, p50: nearestRank(s, 50), p90: nearestRank(s, 90), p95: nearestRank(s, 95), p99: nearestRank(s, 99), mean: round(mean), min: s[0], max: s.at(-1) };
}

function bootstrapCi(a, b, seed) {
  const r = rng(seed);
  const pick = (xs) => Array.from({ length: xs.length }, () => xs[Math.floor(r() * xs.length)]).sort((x, y) => x - y);
  const deltas = [];
  for (let i = 0; i < 2000; i++) deltas.push(nearestRank(pick(a), 50) - nearestRank(pick(b), 50));
  deltas.sort((x, y) => x - y);
  return [round(deltas[49], 1), round(deltas[1949], 1)];
}

function summarize(cfg, records, { startedAt, label, environment }) {
  const targets = cfg.targets.map((t) => {
    const rs = records.filter((x) => x.target === t.name);
    const ok = rs.filter((x) => x.errorClass === null);
    const errors = {};
    for (const x of rs) if (x.errorClass) errors[x.errorClass] = (errors[x.errorClass] ?? 0) + 1;
    const tps = ok.map((x) => round(x.outputTokens / ((x.e2eMs - x.ttftMs) / 1000), 2));
    const costs = ok.map((x) => x.costUsd);
    const total = costs.reduce((a, b) => a + b, 0);
    const p = PROFILES[t.name];
    const computedTotal = ok.reduce((a, x) => a + (x.cacheStatus === 'HIT' ? 0 : (x.inputTokens * PRICE.in + x.outputTokens * PRICE.out) / 1e6), 0);
    const hits = rs.filter((x) => x.cacheStatus === 'HIT').length;
    const misses = rs.filter((x) => x.cacheStatus === 'MISS').length;
    const ttft = ok.map((x) => x.ttftMs);
    const e2e = ok.map((x) => x.e2eMs);
    const itl = ok.map((x) => x.itlMs);
    return {
      name: t.name, gateway: t.gateway, model: t.model,
      requests: { sent: rs.length, ok: ok.length, failed: rs.length - ok.length },
      errors,
      latencyMs: { ttft: stats(ttft), e2e: stats(e2e), itl: stats(itl) },
      outputTokensPerSecond: stats(tps),
      tokens: { input: ok.reduce((a, x) => a + x.inputTokens, 0), output: ok.reduce((a, x) => a + x.outputTokens, 0), usageReportedRate: 1 },
      cost: {
        totalUsd: round(total, 6), per1kRequestsUsd: round((total / rs.length) * 1000, 4), source: p.cost,
        reportedVsComputedPct: p.cost === 'gateway' ? round(((total - computedTotal) / computedTotal) * 100, 2) : null,
      },
      cache: { hits, misses, unknown: rs.length - hits - misses },
      histograms: { ttft: encodeValues(ttft), e2e: encodeValues(e2e), itl: encodeValues(itl), outputTokensPerSecond: encodeValues(tps) },
    };
  });
  const base = records.filter((x) => x.target === 'direct' && x.errorClass === null);
  const overhead = [];
  for (const t of cfg.targets.filter((x) => !x.baseline)) {
    const rs = records.filter((x) => x.target === t.name && x.errorClass === null);
    for (const metric of ['ttft', 'e2e']) {
      const key = `${metric}Ms`;
      const a = rs.map((x) => x[key]).sort((x, y) => x - y);
      const b = base.map((x) => x[key]).sort((x, y) => x - y);
      const p50 = round(nearestRank(a, 50) - nearestRank(b, 50), 1);
      const p90 = round(nearestRank(a, 90) - nearestRank(b, 90), 1);
      const ci95 = bootstrapCi(a, b, 99 + metric.length);
      const what = metric === 'ttft' ? 'TTFT' : 'e2e';
      const verdict = ci95[0] > 0 ? `adds ${Math.round(p50)} ms (${Math.round(ci95[0])}–${Math.round(ci95[1])} ms) to ${what}` : ci95[1] < 0 ? `${Math.round(-p50)} ms faster than direct on ${what}` : 'no difference detectable at this sample size';
      overhead.push({ target: t.name, baseline: 'direct', metric, p50DeltaMs: p50, p90DeltaMs: p90, ci95, verdict });
    }
  }
  const finishedAt = new Date(Math.max(...records.map((x) => x.startedAt)) + 5000).toISOString();
  return {
    schemaVersion: 1,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt,
    config: cfg,
    environment: { node: 'v20.18.1', os: 'linux', arch: 'x64', cpus: 2, ...(label ? { label } : {}), ...environment },
    targets,
    overhead,
    warnings: [
      `p99 needs at least 100 requests to be meaningful; each target has ${cfg.requests} (shown, flagged).`,
      'openrouter: 2 requests were rate limited (429); Retry-After was honoured.',
    ],
  };
}

async function write(name, doc) {
  await writeFile(new URL(name, dir), JSON.stringify(doc, null, 2) + '\n');
  console.error(`wrote test/fixtures/bench/${name}`);
}

await mkdir(new URL('us-east/', dir), { recursive: true });
const t0 = Date.parse('2026-11-24T02:00:00Z');
const cfg = config();
const usEast = simulate(cfg, { seed: 1, base: 240, startedAt: t0 });
await write('us-east/summary.json', summarize(cfg, usEast, { startedAt: t0, label: 'us-east' }));
await writeFile(new URL('us-east/requests.jsonl', dir), usEast.map((x) => JSON.stringify(x)).join('\n') + '\n');
await write('us-east/config.json', cfg);
await write('eu-west.json', summarize(cfg, simulate(cfg, { seed: 2, base: 310, startedAt: t0 }), { startedAt: t0, label: 'eu-west' }));

// Two shards of one load test: same config, each machine sending its share.
const shardCfg = config({ requests: 40 });
await write('shard-1.json', summarize(shardCfg, simulate(shardCfg, { seed: 11, base: 250, startedAt: t0 }), { startedAt: t0, label: 'shard-1' }));
await write('shard-2.json', summarize(shardCfg, simulate(shardCfg, { seed: 12, base: 250, startedAt: t0 + 1000 }), { startedAt: t0 + 1000, label: 'shard-2' }));
const other = config({ requests: 40, maxTokens: 256 });
await write('other-config.json', summarize(other, simulate(other, { seed: 13, base: 250, startedAt: t0 }), { startedAt: t0, label: 'shard-3' }));

// The pinned shape alone: no histograms, no label (what bench prints if it does not take up the extensions).
const plain = summarize(cfg, simulate(cfg, { seed: 3, base: 240, startedAt: t0 }), { startedAt: t0 });
for (const t of plain.targets) delete t.histograms;
await write('pinned-only.json', plain);
