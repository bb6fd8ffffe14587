#!/usr/bin/env node
// Throughput of the emulators (issue 4): the zero-latency profile driven by autocannon at fixed concurrency,
// non-streamed (and streamed) requests to the direct provider and to each gateway; then 500 concurrent open
// streams per endpoint with a slow profile. The emulators run in a child process (one core), the load
// generator in this one (the other core). Needs the build: `npx tsc -p tsconfig.build.json`.
//
//   node scripts/bench-emulator.js     env: BENCH_DURATION=5 BENCH_CONNECTIONS=64 BENCH_STREAMS=500 BENCH_RAMP_MS=1000
//                                      BENCH_HOP=http (gateways reach the provider over a real HTTP hop)
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const dist = new URL('../dist/emulator/', import.meta.url);

/** Child: start the emulators with a profile, report the endpoints over IPC, stop on 'stop'. */
async function serve(profileName) {
  const { startEmulators } = await import(new URL('server.js', dist).href);
  const { ZERO_PROFILE } = await import(new URL('profile.js', dist).href);
  const { loadPriceTable, defaultModelsPath } = await import(new URL('run.js', dist).href);
  const { priceTableFromRecord } = await import(new URL('model.js', dist).href);
  const prices = existsSync(defaultModelsPath())
    ? await loadPriceTable(defaultModelsPath())
    : priceTableFromRecord({ 'openai/gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 } });
  const profile =
    profileName === 'zero'
      ? ZERO_PROFILE
      : {
          ...ZERO_PROFILE,
          name: 'streams',
          provider: { ...ZERO_PROFILE.provider, ttftMs: 200, interTokenMs: 20, tokensPerChunk: 1 },
        };
  const emu = await startEmulators({ prices, profile, seed: 1, hop: process.env.BENCH_HOP === 'http' ? 'http' : 'in-process' });
  process.send({ endpoints: emu.endpoints });
  process.on('message', async (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      await emu.close();
      process.exit(0);
    }
  });
}

function startChild(profileName) {
  const child = fork(self, ['--serve', profileName], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, endpoints: m.endpoints }));
    child.once('exit', (code) => reject(new Error(`emulator child exited ${code}`)));
  });
}

async function stopChild(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await exited;
}

const modelFor = (id) => (id === 'openrouter' || id === 'cloudflare' ? 'openai/gpt-4o-mini' : 'gpt-4o-mini');
const bodyFor = (id, stream, maxTokens) =>
  JSON.stringify({ model: modelFor(id), messages: [{ role: 'user', content: 'Benchmark the emulator, please.' }], max_tokens: maxTokens, stream });
const headersFor = (ep) => ({ 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, ...ep.headers });

async function main() {
  if (!existsSync(new URL('server.js', dist))) {
    console.error('dist/emulator/server.js is missing: run `npx tsc -p tsconfig.build.json` first.');
    process.exitCode = 1;
    return;
  }
  const { default: autocannon } = await import('autocannon');
  const duration = Number(process.env.BENCH_DURATION ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const streams = Number(process.env.BENCH_STREAMS ?? 500);
  console.log(
    `node ${process.version}; emulators in a child process (hop: ${process.env.BENCH_HOP === 'http' ? 'http' : 'in-process'}); autocannon ${connections} connections × ${duration} s per row; zero-latency profile`,
  );

  const { child, endpoints } = await startChild('zero');
  const rows = [];
  try {
    for (const stream of [false, true]) {
      for (const ep of endpoints) {
        const opts = { url: ep.chatUrl, method: 'POST', connections, duration, headers: headersFor(ep), body: bodyFor(ep.id, stream, 16) };
        await autocannon({ ...opts, duration: 1 }); // warm-up
        const r = await autocannon(opts);
        rows.push({
          endpoint: ep.id,
          mode: stream ? 'stream (16 chunks)' : 'non-streamed',
          'req/s': Math.round(r.requests.average),
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          'non-2xx': r.non2xx,
          errors: r.errors + r.timeouts,
        });
      }
    }
  } finally {
    await stopChild(child);
  }
  console.log('\nThroughput (latency in ms):');
  console.table(rows);

  // Concurrent open streams: TTFT 200 ms, 50 tokens at 20 ms → each stream stays open ~1.18 s. Starts are spread
  // evenly over RAMP ms (a thundering herd of 500 requests in one millisecond measures the client's dispatch
  // queue, not the emulator), so all streams are open together once the ramp ends.
  const ramp = Number(process.env.BENCH_RAMP_MS ?? 1000);
  const slow = await startChild('streams');
  const { Agent, request } = await import('undici');
  const srows = [];
  try {
    for (const ep of slow.endpoints) {
      const agent = new Agent({ connections: streams + 10, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
      const body = bodyFor(ep.id, true, 50);
      const warm = bodyFor(ep.id, false, 1);
      // open the connections first (a real benchmark warms up too)
      await Promise.all(
        Array.from({ length: streams }, async () => {
          const r = await request(ep.chatUrl, { method: 'POST', headers: headersFor(ep), body: warm, dispatcher: agent });
          await r.body.text();
        }),
      );
      let open = 0;
      let maxOpen = 0;
      const ttfts = [];
      const afterHeaders = [];
      const decode = [];
      let failures = 0;
      const t00 = performance.now();
      await Promise.all(
        Array.from({ length: streams }, async (_, i) => {
          await new Promise((r) => setTimeout(r, (i * ramp) / streams));
          const t0 = performance.now();
          try {
            const res = await request(ep.chatUrl, { method: 'POST', headers: headersFor(ep), body, dispatcher: agent });
            const th = performance.now();
            if (res.statusCode !== 200) {
              failures++;
              await res.body.dump();
              return;
            }
            open++;
            maxOpen = Math.max(maxOpen, open);
            let first;
            let last;
            for await (const chunk of res.body) {
              const now = performance.now();
              if (first === undefined) {
                if (/"content":"[^"]/.test(chunk.toString())) first = now;
              }
              if (chunk.includes('"content":"')) last = now;
            }
            open--;
            ttfts.push(first - t0);
            afterHeaders.push(first - th);
            decode.push(last - first);
          } catch {
            failures++;
          }
        }),
      );
      const wall = performance.now() - t00;
      await agent.close();
      const pct = (xs, p) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length ? Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1)) : NaN;
      };
      srows.push({
        endpoint: ep.id,
        'max open': maxOpen,
        ok: decode.length,
        failed: failures,
        'TTFT p50': pct(ttfts, 50),
        'TTFT p99': pct(ttfts, 99),
        'exp. TTFT': 200 + ep.overheadMs,
        'hdr→1st p50': pct(afterHeaders, 50),
        'hdr→1st p99': pct(afterHeaders, 99),
        'decode p50': pct(decode, 50),
        'decode p99': pct(decode, 99),
        'exp. decode': 49 * 20,
        'wall ms': Math.round(wall),
      });
    }
  } finally {
    await stopChild(slow.child);
  }
  console.log(
    `\n${streams} concurrent streams per endpoint, started over ${ramp} ms (profile: TTFT 200 ms, 20 ms/token, 50 tokens; ms; hdr→1st = first content after the response headers, expected 200; decode = last − first content chunk):`,
  );
  console.table(srows);
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] ?? 'zero');
} else {
  await main();
}
