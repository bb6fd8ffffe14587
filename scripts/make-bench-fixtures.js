#!/usr/bin/env node
// Writes the bench results under test/fixtures/bench/ that the report tests, the browser test and
// `npm run screenshot:report` read. Every one is a real run of the built CLI (`gateway-scout bench --config …
// --out …`) against the emulators, which this script starts on fixed ports so that every run has the same
// config (as machines sharing one config would). The emulators use the `bench --demo` profile (TTFT 150 ms,
// 100 tokens/s; illustrative overheads LiteLLM +4, OpenRouter +40, Cloudflare +25 ms), with a few injected faults
// and `cache: allow` (a prompt file of 50 prompts for 60 requests, so repeats hit the gateways' caches), so every
// part of a report has something to show.
//
//   us-east/        summary.json, requests.jsonl, config.json: --label us-east, with faults
//   eu-west.json    the same config from a "farther" client: the provider's TTFT +80 ms, --label eu-west
//   shard-1.json, shard-2.json   two shards of one load test (--label shard-1/2, seeds 11 and 12)
//   other-config.json            max_tokens 24 instead of 16: a run merge must refuse
//
// Run: npm run build && node scripts/make-bench-fixtures.js   (about a minute; FIXTURE_PORT moves the ports)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PROFILE } from '../dist/commands/bench-demo.js';
import { priceTableFromModels } from '../dist/emulator/model.js';
import { EMULATOR_KEYS, modelIdFor, startEmulators } from '../dist/emulator/server.js';
import { loadModels } from '../dist/io/data-files.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const fixtures = join(root, 'test/fixtures/bench');
const port = Number(process.env.FIXTURE_PORT ?? 47300);
const MODEL = 'openai/gpt-4o-mini';
const work = mkdtempSync(join(tmpdir(), 'gs-fixtures-'));
const prices = priceTableFromModels((await loadModels()).value);

// Keys under the names a real config would use; the values are the emulators' obvious fakes.
const env = { OPENAI_API_KEY: EMULATOR_KEYS.provider, OPENROUTER_API_KEY: EMULATOR_KEYS.openrouter, LITELLM_API_KEY: EMULATOR_KEYS.litellmMaster, CF_AIG_TOKEN: EMULATOR_KEYS.cloudflareToken };

const TOPICS = ['a haiku about latency', 'what an API gateway does', 'why p99 matters', 'caching LLM responses', 'retries and backoff'];
writeFileSync(join(work, 'prompts.txt'), Array.from({ length: 50 }, (_, i) => `Prompt ${i + 1}: in two sentences, ${TOPICS[i % TOPICS.length]}.`).join('\n') + '\n');

function config(emu, over = {}) {
  const at = (id) => emu.byId[id].baseUrl;
  return {
    requests: 60,
    warmup: 2,
    concurrency: 4,
    stream: true,
    maxTokens: 16,
    prompt: { file: 'prompts.txt' },
    cache: 'allow',
    seed: 7,
    targets: [
      { name: 'direct', gateway: 'openai-compatible', baseUrl: at('provider'), model: modelIdFor('provider', MODEL), apiKeyEnv: 'OPENAI_API_KEY', baseline: true },
      { name: 'openrouter', gateway: 'openrouter', baseUrl: at('openrouter'), model: modelIdFor('openrouter', MODEL), apiKeyEnv: 'OPENROUTER_API_KEY' },
      { name: 'litellm', gateway: 'litellm', baseUrl: at('litellm'), model: modelIdFor('litellm', MODEL), apiKeyEnv: 'LITELLM_API_KEY' },
      { name: 'cloudflare', gateway: 'cloudflare', baseUrl: at('cloudflare'), model: modelIdFor('cloudflare', MODEL), apiKeyEnv: 'OPENAI_API_KEY', gatewayTokenEnv: 'CF_AIG_TOKEN' },
    ],
    ...over,
  };
}

/** Start the emulators on the fixed ports, run the CLI once, stop them; returns the --out folder. */
async function run(name, { profile = DEMO_PROFILE, faults = [], label, over = {}, seed }) {
  const emu = await startEmulators({ prices, profile, faults, seed: 1, port });
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(config(emu, over), null, 2));
  const out = join(work, name);
  const args = ['bin/gateway-scout.js', 'bench', '--config', file, '--yes', '--out', out, '--label', label, ...(seed === undefined ? [] : ['--seed', String(seed)])];
  // The emulators answer from this process, so the CLI runs in a child without blocking it.
  const { spawn } = await import('node:child_process');
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', resolve);
  });
  await emu.close();
  if (code !== 0) throw new Error(`bench for ${name} exited ${code}`);
  console.error(`ran ${name}`);
  return out;
}

const usEast = await run('us-east', {
  label: 'us-east',
  // Request numbers count per endpoint, warmups included.
  faults: ['openrouter:429=1@at=17,43', 'litellm:disconnect=3@at=25', 'cloudflare:html-524@at=30'],
});
const farther = { ...DEMO_PROFILE, name: 'demo+80ms', provider: { ...DEMO_PROFILE.provider, ttftMs: DEMO_PROFILE.provider.ttftMs + 80 } };
const euWest = await run('eu-west', { label: 'eu-west', profile: farther, faults: ['openrouter:429=1@at=31'] });
const shard1 = await run('shard-1', { label: 'shard-1', seed: 11, faults: ['cloudflare:502@at=20'] });
const shard2 = await run('shard-2', { label: 'shard-2', seed: 12, faults: ['cloudflare:502@at=40'] });
const other = await run('other-config', { label: 'shard-3', over: { maxTokens: 24 } });

rmSync(join(fixtures, 'us-east'), { recursive: true, force: true });
mkdirSync(fixtures, { recursive: true });
cpSync(usEast, join(fixtures, 'us-east'), { recursive: true });
for (const [name, dir] of [['eu-west', euWest], ['shard-1', shard1], ['shard-2', shard2], ['other-config', other]]) {
  writeFileSync(join(fixtures, `${name}.json`), readFileSync(join(dir, 'summary.json')));
}
rmSync(join(fixtures, 'pinned-only.json'), { force: true });
rmSync(work, { recursive: true, force: true });
console.error(`wrote ${fixtures}: us-east/, eu-west.json, shard-1.json, shard-2.json, other-config.json`);
