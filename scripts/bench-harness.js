#!/usr/bin/env node
// npm run bench:harness — the benchmark harness measured against itself (issue 8): not a timed test.
//
//   1. Added cost per request: the real harness path (engine + SSE decoding + records written to a JSONL file)
//      against a bare undici request loop, in the same process, same emulator (zero-latency profile), in
//      alternating blocks so drift hits both alike. Cycle time = time from one send to the next at concurrency 1.
//   2. TTFT measurement error: the emulated provider stamps its first content chunk with the time it wrote it
//      (epoch ms); error = when the client saw that chunk − that stamp. Harness and a bare undici reader, at
//      concurrency 1 and with 200 concurrent streams.
//   3. Peak RSS over 20,000 requests (records go to disk).
//   4. Capacity: against the same zero-latency endpoint in one run, autocannon's req/s (before and after), then
//      the highest open-loop rate `bench` sustains (achieved ≥ 95% of offered, every request ok, send lag p50
//      ≤ 5 ms and p99 under a bound) from one process and from worker threads, as absolute figures and as a ratio to autocannon.
//
// The emulators run in a child process (the other core); the client runs here. Needs the build (npm run build).
//   env: HARNESS_BLOCKS=6 HARNESS_BLOCK=300 HARNESS_RSS_REQUESTS=20000 HARNESS_STREAMS=200
//        HARNESS_ONLY=cost|ttft|rss|capacity (one part)
//        capacity: HARNESS_CAP_SECONDS=3 (per step) HARNESS_LAG_P99_MS=250 HARNESS_WORKERS=(cores − 1, at least 2)
//                  HARNESS_CANNON_CONNECTIONS=64 HARNESS_CANNON_SECONDS=5 HARNESS_CAP_STREAM=1 (streamed, 16 tokens)
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const dist = new URL('../dist/', import.meta.url);
const mod = (p) => import(new URL(p, dist).href);

const PROFILES = {
  zero: null,
  // Short streams for TTFT at concurrency 1: TTFT 20 ms, then a token every 20 ms.
  short: { ttftMs: 20, interTokenMs: 20 },
  // Long-lived streams so that 200 are open at once: TTFT 100 ms, 20 ms per token.
  long: { ttftMs: 100, interTokenMs: 20 },
};

async function serve(name) {
  const { startEmulators } = await mod('emulator/server.js');
  const { ZERO_PROFILE } = await mod('emulator/profile.js');
  const { priceTableFromRecord } = await mod('emulator/model.js');
  const p = PROFILES[name];
  const profile = p ? { ...ZERO_PROFILE, name, provider: { ...ZERO_PROFILE.provider, ...p } } : ZERO_PROFILE;
  const prices = priceTableFromRecord({ 'openai/gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 } });
  const emu = await startEmulators({ prices, profile, seed: 1, stampFirstContent: true });
  process.send({ baseUrl: emu.byId.provider.baseUrl, key: emu.byId.provider.apiKey });
  process.on('message', async (m) => {
    if (m === 'stop') {
      await emu.close();
      process.exit(0);
    }
  });
}

function startChild(name) {
  const child = fork(self, ['--serve', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ...m }));
    child.once('exit', (code) => reject(new Error(`emulator child exited ${code}`)));
  });
}
async function stopChild(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await exited;
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = Float64Array.from(xs).sort();
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
const f = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** The harness: config → targets → executeBench, exactly as `gateway-scout bench` runs it. */
async function harness(server, config, opts = {}) {
  const { benchConfigSchema } = await mod('bench/config.js');
  const { resolveTargets } = await mod('bench/targets.js');
  const { executeBench } = await mod('bench/execute.js');
  const { PROMPT_TEXTS } = await mod('bench/plan.js');
  const { loadCatalog, loadModels } = await mod('io/data-files.js');
  const { JsonlWriter } = await mod('io/jsonl.js');
  const parsed = benchConfigSchema.parse({
    ...config,
    targets: [{ name: 'direct', gateway: 'openai-compatible', baseUrl: server.baseUrl, model: 'gpt-4o-mini', apiKeyEnv: 'KEY', baseline: true }],
  });
  const [catalog, models] = await Promise.all([loadCatalog(), loadModels()]);
  const { targets } = resolveTargets(parsed, catalog.value, models.value);
  const out = mkdtempSync(join(tmpdir(), 'gs-harness-'));
  const writer = new JsonlWriter(join(out, 'requests.jsonl'));
  try {
    const doc = await executeBench({
      config: parsed,
      targets,
      secrets: new Map([['KEY', server.key]]),
      prompts: [PROMPT_TEXTS.short],
      ...(opts.workers ? { workers: opts.workers } : {}),
      ...(opts.transport ? { transport: opts.transport } : {}),
      onEvent: (e) => {
        if (e.type === 'done' && !e.job.warmup) writer.write(e.record);
        opts.onEvent?.(e);
      },
    });
    await writer.close();
    return doc;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A bare undici loop: send, read the body to the end, nothing else. */
async function bareLoop(server, n, concurrency, stream, maxTokens, onFirstContent) {
  const { Agent } = await import('undici');
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
  const url = new URL(`${server.baseUrl}/chat/completions`);
  const sends = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const body = JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `[run ${i.toString(16).padStart(8, '0')}] In two sentences, what does an API gateway add between an application and a model provider?` }],
        max_tokens: maxTokens,
        stream,
        ...(stream ? { stream_options: { include_usage: true } } : {}),
      });
      sends.push(performance.now());
      const res = await agent.request({
        origin: url.origin,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
        body,
      });
      let seen = false;
      for await (const piece of res.body) {
        if (onFirstContent && !seen) {
          const text = piece.toString();
          if (/"content":"[^"]/.test(text)) {
            seen = true;
            const stamp = /"emulator_sent_at":([0-9.]+)/.exec(text);
            if (stamp) onFirstContent(performance.timeOrigin + performance.now() - Number(stamp[1]));
          }
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await agent.close();
  return sends;
}

const cycles = (sends) => sends.slice(1).map((t, i) => t - sends[i]);

async function addedCost() {
  const blocks = Number(process.env.HARNESS_BLOCKS ?? 6);
  const per = Number(process.env.HARNESS_BLOCK ?? 300);
  const server = await startChild('zero');
  const rows = [];
  try {
    for (const [stream, maxTokens] of [
      [true, 16],
      [true, 128],
      [false, 16],
    ]) {
      const bare = [];
      const ours = [];
      const e2eBare = [];
      const e2eOurs = [];
      await bareLoop(server, 100, 1, stream, maxTokens); // warm both paths
      for (let b = 0; b < blocks; b++) {
        const s = await bareLoop(server, per, 1, stream, maxTokens);
        bare.push(...cycles(s));
        const sent = [];
        const doc = await harness(server, { requests: per, warmup: 5, concurrency: 1, stream, maxTokens }, { onEvent: (e) => e.type === 'sent' && !e.job.warmup && sent.push(performance.now()) });
        ours.push(...cycles(sent));
        e2eOurs.push(doc.targets[0].latencyMs.e2e.p50);
        e2eBare.push(median(cycles(s)));
      }
      rows.push({
        label: `${stream ? 'streamed' : 'whole'}, max_tokens ${maxTokens}`,
        bare: median(bare),
        ours: median(ours),
        added: median(ours) - median(bare),
        bareP90: quantile(bare, 0.9),
        oursP90: quantile(ours, 0.9),
        n: ours.length,
        e2e: median(e2eOurs),
      });
    }
  } finally {
    await stopChild(server.child);
  }
  console.log(`\n1. Added cost per request (concurrency 1, zero-latency emulator, ${blocks} alternating blocks of ${per}):`);
  console.log('   workload                   bare cycle p50   harness cycle p50   added p50   bare p90 / harness p90   harness e2e p50');
  for (const r of rows) {
    console.log(
      `   ${r.label.padEnd(26)} ${f(r.bare).padStart(10)} ms   ${f(r.ours).padStart(13)} ms   ${f(r.added).padStart(6)} ms   ${f(r.bareP90)} / ${f(r.oursP90)} ms   ${f(r.e2e)} ms`,
    );
  }
  return rows;
}

async function ttftError(profile, concurrency, n) {
  const server = await startChild(profile);
  const { undiciTransport } = await mod('bench/engine.js');
  try {
    // bare reader
    const bareErr = [];
    await bareLoop(server, Math.min(n, 2 * concurrency), concurrency, true, 4, () => {}); // warm
    await bareLoop(server, n, concurrency, true, profile === 'long' ? 20 : 4, (e) => bareErr.push(e));
    // harness: wrap its transport only to read the stamp out of the first content chunk
    const stamps = [];
    const seen = [];
    let current = -1;
    let sentCount = 0;
    const timeouts = { connect: 5000, firstByte: 60000, idle: 30000, total: 120000 };
    const inner = undiciTransport(1, timeouts, concurrency);
    const transport = {
      async send(target, req) {
        const slot = current;
        const res = await inner.send(target, req);
        return {
          ...res,
          body: (async function* () {
            let found = false;
            for await (const piece of res.body) {
              if (!found) {
                const m = /"emulator_sent_at":([0-9.]+)/.exec(typeof piece === 'string' ? piece : Buffer.from(piece).toString());
                if (m) {
                  found = true;
                  stamps[slot] = Number(m[1]);
                }
              }
              yield piece;
            }
          })(),
        };
      },
      close: () => inner.close(),
    };
    const keyOf = new Map();
    await harness(
      server,
      { requests: n, warmup: Math.min(concurrency, 20), concurrency, stream: true, maxTokens: profile === 'long' ? 20 : 4 },
      {
        transport,
        onEvent: (e) => {
          if (e.type === 'sent') {
            current = sentCount++;
            keyOf.set(e.job, current);
          }
          if (e.type === 'first-token' && !e.job.warmup) seen[keyOf.get(e.job)] = performance.timeOrigin + e.at;
        },
      },
    );
    const ours = [];
    for (let i = 0; i < sentCount; i++) if (stamps[i] !== undefined && seen[i] !== undefined) ours.push(seen[i] - stamps[i]);
    return { profile, concurrency, n: ours.length, ours, bare: bareErr };
  } finally {
    await stopChild(server.child);
  }
}

async function peakRss() {
  const total = Number(process.env.HARNESS_RSS_REQUESTS ?? 20_000);
  const server = await startChild('zero');
  const marks = [];
  let peak = 0;
  let done = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
  };
  const timer = setInterval(sample, 100);
  const start = performance.now();
  try {
    await harness(server, { requests: total, warmup: 10, concurrency: 16, stream: true, maxTokens: 16 }, {
      onEvent: (e) => {
        if (e.type !== 'done' || e.job.warmup) return;
        done++;
        if (done === 1000 || done % Math.round(total / 4) === 0) marks.push({ done, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
      },
    });
  } finally {
    clearInterval(timer);
    await stopChild(server.child);
  }
  sample();
  const mb = (b) => (b / 1024 / 1024).toFixed(1);
  console.log(`\n3. Memory over ${total.toLocaleString('en-US')} requests (concurrency 16, streamed, max_tokens 16, records to a JSONL file) in ${((performance.now() - start) / 1000).toFixed(1)} s:`);
  for (const m of marks) console.log(`   after ${String(m.done).padStart(6)} requests: RSS ${mb(m.rss)} MB, heap used ${mb(m.heap)} MB`);
  console.log(`   peak RSS ${mb(peak)} MB`);
  return { marks, peak };
}

async function main() {
  if (!existsSync(new URL('bench/engine.js', dist))) {
    console.error('dist/ is missing: run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  console.log(`node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min); emulators in a child process`);
  const only = process.env.HARNESS_ONLY;
  if (!only || only === 'cost') await addedCost();
  if (!only || only === 'ttft') await ttftParts();
  if (!only || only === 'rss') await peakRss();
  if (!only || only === 'capacity') await capacity();
  console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

async function ttftParts() {
  console.log('\n2. TTFT measurement error (client saw the first content chunk − server wrote it), ms:');
  console.log('   run                          n      harness p50 / p99 / max      bare undici p50 / p99 / max');
  const streams = Number(process.env.HARNESS_STREAMS ?? 200);
  for (const [profile, c, n] of [
    ['short', 1, 300],
    ['long', streams, streams * 5],
  ]) {
    const r = await ttftError(profile, c, n);
    console.log(
      `   concurrency ${String(c).padEnd(4)} (${profile.padEnd(5)})  ${String(r.n).padStart(5)}   ${f(median(r.ours))} / ${f(quantile(r.ours, 0.99))} / ${f(Math.max(...r.ours))}        ${f(median(r.bare))} / ${f(quantile(r.bare, 0.99))} / ${f(Math.max(...r.bare))}`,
    );
  }
}

/** A client on schedule sends its median request within this of its time; one that fell behind is hundreds of ms late. */
const LAG_P50_MS = 5;

/** One capacity step: an open-loop run at `rate` for HARNESS_CAP_SECONDS; did the client hold it? */
async function capacityStep(server, rate, workers, stream, lagBound) {
  const seconds = Number(process.env.HARNESS_CAP_SECONDS ?? 3);
  const requests = Math.max(50, Math.round(rate * seconds));
  const doc = await harness(server, { requests, warmup: 20, rate, arrival: 'constant', stream, maxTokens: 16 }, { workers });
  const t = doc.targets[0];
  const achieved = t.requests.sent / doc.run.durationS;
  const lag = t.schedule.lagMs;
  const held = t.requests.ok === requests && achieved >= 0.95 * rate && lag.p50 <= LAG_P50_MS && lag.p99 <= lagBound;
  return { rate, achieved, lagP50: lag.p50, lagP99: lag.p99, ok: t.requests.ok, requests, held, loop: doc.run.eventLoopDelayMs };
}

/**
 * The highest rate held by each client setup (1 = one process, N = N workers), searched in lockstep so that the
 * machine's drift hits every setup alike: each round runs one step of every setup still searching, doubling from
 * 250/s until a step fails, then four bisections between its last pass and first fail.
 */
async function highestRates(server, setups, stream, lagBound) {
  const state = setups.map((workers) => ({ workers, pass: 0, fail: 0, bisections: 0, steps: [], next: 250 }));
  const searching = (st) => st.next !== undefined;
  while (state.some(searching)) {
    for (const st of state.filter(searching)) {
      const c0 = process.cpuUsage();
      const r = await capacityStep(server, Math.round(st.next), st.workers, stream, lagBound);
      const c = process.cpuUsage(c0);
      r.cpuUsPerRequest = (c.user + c.system) / (r.requests + 20);
      st.steps.push(r);
      console.log(
        `   ${(st.workers === 1 ? 'one process' : `${st.workers} workers`).padEnd(11)}  ${String(r.rate).padStart(6)}/s offered → ${f(r.achieved, 0).padStart(6)}/s, send lag p50 ${f(r.lagP50, 2)} / p99 ${f(r.lagP99, 2)} ms, ${r.ok}/${r.requests} ok, client CPU ${f(r.cpuUsPerRequest, 0)} µs/request: ${r.held ? 'held' : 'not held'}; load ${loadavg()[0].toFixed(2)}`,
      );
      if (r.held) st.pass = st.next;
      else st.fail = st.next;
      if (st.fail === 0) st.next = st.next * 2 <= 256_000 ? st.next * 2 : undefined;
      else if (st.pass > 0 && st.bisections < 4) {
        st.bisections++;
        st.next = (st.pass + st.fail) / 2;
      } else st.next = undefined;
    }
  }
  return state.map((st) => ({ workers: st.workers, best: st.steps.filter((x) => x.held).sort((a, b) => b.rate - a.rate)[0], steps: st.steps }));
}

async function cannon(server, stream) {
  const { default: autocannon } = await import('autocannon');
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'In two sentences, what does an API gateway add between an application and a model provider?' }], max_tokens: 16, stream });
  const opts = {
    url: `${server.baseUrl}/chat/completions`,
    method: 'POST',
    connections: Number(process.env.HARNESS_CANNON_CONNECTIONS ?? 64),
    duration: Number(process.env.HARNESS_CANNON_SECONDS ?? 5),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.key}` },
    body,
  };
  await autocannon({ ...opts, duration: 1 }); // warm-up
  const r = await autocannon(opts);
  if (r.non2xx + r.errors + r.timeouts > 0) console.log(`   autocannon: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return r.requests.average;
}

async function capacity() {
  const stream = process.env.HARNESS_CAP_STREAM === '1';
  const lagBound = Number(process.env.HARNESS_LAG_P99_MS ?? 250);
  const workers = Number(process.env.HARNESS_WORKERS ?? Math.max(2, availableParallelism() - 1));
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\n4. Capacity against the zero-latency emulator (${stream ? 'streamed, 16 tokens' : 'not streamed'}, max_tokens 16, constant arrivals): held = achieved ≥ 95% of offered, every request ok, send lag p50 ≤ ${LAG_P50_MS} ms and p99 ≤ ${lagBound} ms`,
  );
  const server = await startChild('zero');
  try {
    const before = await cannon(server, stream);
    console.log(`   autocannon (before): ${f(before, 0)} req/s; load average ${load()}`);
    const [one, many] = await highestRates(server, [1, workers], stream, lagBound);
    const after = await cannon(server, stream);
    console.log(`   autocannon (after): ${f(after, 0)} req/s; load average ${load()}`);
    const ref = (before + after) / 2;
    const row = (label, r) =>
      r.best
        ? `   ${label.padEnd(22)} ${f(r.best.rate, 0).padStart(7)} req/s   ${f((100 * r.best.rate) / ref, 1).padStart(5)}% of autocannon   send lag p50 ${f(r.best.lagP50, 2)} / p99 ${f(r.best.lagP99, 2)} ms`
        : `   ${label.padEnd(22)} held no step (not even 250/s)`;
    console.log(`\n   autocannon (mean of before/after) ${f(ref, 0)} req/s, ${process.env.HARNESS_CANNON_CONNECTIONS ?? 64} connections`);
    console.log(row('bench, one process', one));
    console.log(row(`bench, ${workers} workers`, many));
    return { autocannon: { before, after }, one, many };
  } finally {
    await stopChild(server.child);
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else await main();
