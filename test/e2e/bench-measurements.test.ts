import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchDocumentSchema } from '../../src/bench/document.js';
import { makeOverhead, makeSummary, makeTarget } from '../helpers/bench-builders.js';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * `choose --bench` and `cost --bench` on hand-built summaries that look like runs of the real gateways: direct
 * to OpenAI as the baseline, OpenRouter +60 ms (57–63) and Cloudflare +12 ms (10–14) to TTFT, 27 input and 64
 * output tokens a request (what the built-in short prompt gives), OpenRouter reporting +5% against the price table.
 * Prices: the default mix is openai/gpt-4o-mini, $0.15 input and $0.60 output per million tokens; 1M requests a month.
 */
function summary(prompt: unknown, emulated?: string[], openrouterPct = 5): string {
  const tokens = { input: 2700, output: 6400, inputPerRequest: 27, outputPerRequest: 64, usageReportedRate: 1 };
  const targets = [
    makeTarget('direct', { gateway: 'openai-compatible', baseline: true, url: 'https://api.openai.com/v1/chat/completions', tokens }),
    makeTarget('openrouter', { url: 'https://openrouter.ai/api/v1/chat/completions', tokens, cost: { ...makeTarget('x').cost, source: 'gateway', reportedVsComputedPct: openrouterPct } }),
    makeTarget('cloudflare', { url: 'https://gateway.ai.cloudflare.com/v1/acct/gw/compat/chat/completions', tokens }),
  ];
  const view = makeSummary(targets, [makeOverhead('openrouter', 'ttft', 60, [57, 63]), makeOverhead('cloudflare', 'ttft', 12, [10, 14])]);
  const doc = { ...view, config: { ...view.config, prompt }, run: { ...view.run!, ...(emulated ? { emulatedTargets: emulated } : {}) } };
  return JSON.stringify(benchDocumentSchema.parse(doc), null, 2);
}

let dir: string;
let probe: string;
let own: string;
/** The shipped catalog narrowed to the three gateways these summaries describe, so other gateways do not take the cheapest place. */
let three: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-measure-'));
  three = join(dir, 'three.json');
  const shipped = JSON.parse(await readFile(join(ROOT, 'data/gateways.json'), 'utf8'));
  const keep = ['litellm', 'openrouter', 'cloudflare'];
  shipped.gateways = shipped.gateways.filter((g: { id: string }) => keep.includes(g.id));
  shipped.stacks = shipped.stacks.filter((s: { members: string[] }) => s.members.every((m) => keep.includes(m)));
  await writeFile(three, JSON.stringify(shipped));
  probe = join(dir, 'probe.json');
  own = join(dir, 'own-prompts.json');
  await writeFile(probe, summary('short', []));
  await writeFile(own, summary({ file: 'prompts.txt' }, []));
});

const costJson = async (args: string[]) => {
  const r = await runCli(['cost', '--defaults', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const sizes = (doc: { inputs: { answers: { avgInputTokens: number; avgOutputTokens: number } } }) => [doc.inputs.answers.avgInputTokens, doc.inputs.answers.avgOutputTokens];
const tokenSpend = (doc: { gateways: { gateway: string; monthlyUsd: { tokens: number } }[] }, id: string) => doc.gateways.find((g) => g.gateway === id)!.monthlyUsd.tokens;

describe('token sizes: the benchmark prompt is a probe, not the workload', () => {
  it('without --bench: the answers\' sizes (defaults 1,000 / 300); with --bench of a built-in prompt: the same', async () => {
    // LiteLLM (your own keys) pays list price: 1M × (1,000 × 0.15 + 300 × 0.60) / 1M = $330
    const plain = await costJson([]);
    expect(sizes(plain)).toEqual([1000, 300]);
    const bench = await costJson(['--bench', probe]);
    expect(sizes(bench)).toEqual([1000, 300]);
    expect(tokenSpend(bench, 'litellm')).toBe(330);
    expect(bench.bench.measuredTokensPerRequest).toEqual({ input: 27, output: 64 });
    expect(bench.bench.replaced.filter((r: string) => r.startsWith('tokens'))).toEqual([]);
  });

  it('the reported case: --avg-input-tokens 600 --avg-output-tokens 200 with --bench stays 600 / 200', async () => {
    // 600 × 0.15 + 200 × 0.60 = 90 + 120 = $210, not the probe's 27 × 0.15 + 64 × 0.60 = $42.45
    for (const file of [probe, own]) {
      const doc = await costJson(['--avg-input-tokens', '600', '--avg-output-tokens', '200', '--bench', file]);
      expect(sizes(doc)).toEqual([600, 200]);
      expect(tokenSpend(doc, 'litellm')).toBe(210);
    }
    const chosen = await runCli(['choose', '--defaults', '--avg-input-tokens', '600', '--avg-output-tokens', '200', '--bench', probe, '--json']);
    const doc = JSON.parse(chosen.stdout);
    expect([doc.answers.avgInputTokens, doc.answers.avgOutputTokens]).toEqual([600, 200]);
    // LiteLLM's $210 of tokens + its infrastructure and ops: the cost summary is priced at 600 / 200 too
    expect(doc.cost.monthlyUsd.litellm.total).toBe((await costJson(['--avg-input-tokens', '600', '--avg-output-tokens', '200'])).gateways.find((g: { gateway: string }) => g.gateway === 'litellm').monthlyUsd.total);
  });

  it('--bench-tokens with the run\'s own prompt file: the measured sizes replace the answers\'', async () => {
    // 27 × 0.15 + 64 × 0.60 = 4.05 + 38.40 = $42.45
    const doc = await costJson(['--bench', own, '--bench-tokens']);
    expect(sizes(doc)).toEqual([27, 64]);
    expect(tokenSpend(doc, 'litellm')).toBe(42.45);
    expect(doc.bench.replaced.filter((r: string) => r.startsWith('tokens'))).toEqual(['tokens:input', 'tokens:output']);
    expect(doc.assumptions.map((a: { text: string }) => a.text)).toContain("Tokens per request as measured with your own prompts: 27 input and 64 output (--bench-tokens, instead of the answers' averages).");
  });

  it('flags beat --bench-tokens: a flagged size stays, the other comes from the run', async () => {
    // 600 × 0.15 + 64 × 0.60 = 90 + 38.40 = $128.40
    const doc = await costJson(['--avg-input-tokens', '600', '--bench', own, '--bench-tokens']);
    expect(sizes(doc)).toEqual([600, 64]);
    expect(tokenSpend(doc, 'litellm')).toBe(128.4);
    expect(doc.bench.replaced.filter((r: string) => r.startsWith('tokens'))).toEqual(['tokens:output']);
  });

  it('--bench-tokens with a built-in prompt, or without --bench, is refused (exit 2)', async () => {
    for (const cmd of ['choose', 'cost']) {
      const probeRun = await runCli([cmd, '--defaults', '--bench', probe, '--bench-tokens']);
      expect(probeRun.code).toBe(2);
      expect(probeRun.stderr).toContain('was run with a built-in prompt (short, medium or long), a probe, not your workload');
      const alone = await runCli([cmd, '--defaults', '--bench-tokens']);
      expect(alone.code).toBe(2);
      expect(alone.stderr).toContain('--bench-tokens needs --bench FILE');
    }
  });

  it('both commands document --bench-tokens', async () => {
    for (const cmd of ['choose', 'cost']) expect((await runCli([cmd, '--help'])).stdout).toMatch(/--bench-tokens\s+with --bench: use the run's token sizes/);
  });
});

describe('a demo is not a measurement', () => {
  it('a run recorded against the emulators is refused with exit 2, saying what to do', async () => {
    const emulated = join(dir, 'emulated.json');
    await writeFile(emulated, summary('short', ['direct', 'openrouter', 'cloudflare']));
    for (const cmd of ['choose', 'cost']) {
      const r = await runCli([cmd, '--defaults', '--bench', emulated, '--json']);
      expect(r.code).toBe(2);
      const err = JSON.parse(r.stdout).error;
      expect(err.message).toBe(
        `${emulated} is a demo, not a measurement: direct, openrouter, cloudflare answered from gateway-scout's built-in emulators (bench --demo or emulate), whose overheads and costs are illustrative settings, not the real gateways'.`,
      );
      expect(err.hint).toContain('gateway-scout bench --config bench.yaml --out results');
    }
  });

  it('an actual `bench --demo` summary is refused; so is an older one that only its stand-in base URLs give away', async () => {
    const demo = await runCli(['bench', '--demo', '--targets', 'direct,openrouter', '--requests', '4', '--warmup', '0', '--json']);
    expect(demo.code).toBe(0);
    const written = JSON.parse(demo.stdout);
    expect(written.run.emulatedTargets).toEqual(['direct', 'openrouter']);
    const file = join(dir, 'demo.json');
    await writeFile(file, demo.stdout);
    const r = await runCli(['choose', '--defaults', '--bench', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a demo, not a measurement: direct, openrouter answered from');
    // as a demo summary was written before run.emulatedTargets
    const { emulatedTargets: _gone, ...run } = written.run;
    const older = join(dir, 'older-demo.json');
    await writeFile(older, JSON.stringify({ ...written, run }));
    const o = await runCli(['cost', '--defaults', '--bench', older]);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('is a demo, not a measurement: direct, openrouter answered from');
  });
});

describe('what the bench replaced, and a changed pick', () => {
  const args = ['--defaults', '--latency', 'critical', '--no-own-provider-keys'];

  it('choose records the file as given, when it was measured, and each replaced figure; the JSON matches its schema', async () => {
    const given = relative(ROOT, probe);
    const r = await runCli(['choose', ...args, '--bench', given, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('recommendation', doc)).toEqual([]);
    expect(doc.bench.file).toBe(given);
    expect(doc.bench.measuredAt).toBe('2026-11-24T02:01:00.000Z');
    // latency matters (critical): both measured overheads; no keys: OpenRouter bills the tokens, so its +5% applies;
    // the probe's token sizes are not used
    expect(doc.bench.replaced).toEqual(['overhead:cloudflare', 'overhead:openrouter', 'tokenCost:openrouter']);
  });

  it('relaxed latency: the overheads replace nothing; cost records its own replacements and matches its schema', async () => {
    const relaxed = JSON.parse((await runCli(['choose', '--defaults', '--latency', 'relaxed', '--no-own-provider-keys', '--bench', probe, '--json'])).stdout);
    expect(relaxed.bench.replaced).toEqual(['tokenCost:openrouter']);
    const cost = await costJson(['--no-own-provider-keys', '--bench', probe]);
    expect(validateAgainst('cost', cost)).toEqual([]);
    expect(cost.bench.replaced).toEqual(['tokenCost:openrouter']);
    // with your own keys nobody bills the tokens: the measured difference is OpenRouter's estimate, not applied
    expect((await costJson(['--bench', probe])).bench.replaced).toEqual([]);
  });

  it('when the measurements change the pick, the report says so first, and the JSON carries it', async () => {
    // Without measurements the catalog has no verified overhead for OpenRouter or Cloudflare (neutral, 0.5 each).
    const plain = JSON.parse((await runCli(['choose', ...args, '--json'])).stdout);
    expect(plain.recommendation.gateway).toBe('openrouter');
    // Measured: Cloudflare 1/(1 + 12/25) = 0.68, OpenRouter 1/(1 + 60/25) = 0.29 on the latency criterion (weight 4).
    const doc = JSON.parse((await runCli(['choose', ...args, '--bench', probe, '--json'])).stdout);
    expect(doc.recommendation.gateway).toBe('cloudflare');
    const c = doc.bench.changedPick;
    expect([c.from, c.to]).toEqual([{ id: 'openrouter', name: 'OpenRouter' }, { id: 'cloudflare', name: 'Cloudflare AI Gateway' }]);
    // fmtDelta: a 6 ms wide interval → no decimals, 4 ms wide → one
    expect(c.why).toMatch(/^measured overhead OpenRouter \+60 ms \(57–63\) to TTFT, Cloudflare AI Gateway \+12\.0 ms \(10\.0–14\.0\) to TTFT; reported cost against the price table OpenRouter \+5\.00%; scores without your measurements: OpenRouter \d+, Cloudflare AI Gateway \d+; with them: OpenRouter \d+, Cloudflare AI Gateway \d+$/);
    const [, orBefore, cfBefore, orAfter, cfAfter] = /OpenRouter (\d+), Cloudflare AI Gateway (\d+); with them: OpenRouter (\d+), Cloudflare AI Gateway (\d+)/.exec(c.why)!.map(Number);
    expect(orBefore).toBe(plain.ranking.find((g: { gateway: string }) => g.gateway === 'openrouter').score);
    expect(cfBefore).toBe(plain.ranking.find((g: { gateway: string }) => g.gateway === 'cloudflare').score);
    expect(orBefore!).toBeGreaterThan(cfBefore!);
    expect(cfAfter!).toBeGreaterThan(orAfter!);
    const human = await runCli(['choose', ...args, '--bench', probe]);
    expect(human.stdout.startsWith('Your measurements changed the pick: OpenRouter → Cloudflare AI Gateway (measured overhead OpenRouter')).toBe(true);
    // the same answers with latency relaxed: the pick stands, nothing to announce
    const same = JSON.parse((await runCli(['choose', '--defaults', '--latency', 'relaxed', '--no-own-provider-keys', '--bench', probe, '--json'])).stdout);
    expect(same.bench.changedPick).toBeNull();
    expect((await runCli(['choose', '--defaults', '--latency', 'relaxed', '--no-own-provider-keys', '--bench', probe])).stdout).not.toContain('Your measurements changed');
  });
  it('cost: when a measured difference changes the cheapest option, the report says so first', async () => {
    // No keys, 1M requests at the defaults: token spend $330 for every option. OpenRouter: $330 + 5.5% card fee on
    // one purchase ($18.15) = $348.15; Cloudflare: $330 + 5% ($16.50) + $100 ops = $446.50 (docs/cost-model.md).
    // OpenRouter reporting +40% adds 0.40 × $330 = $132 to its token spend (the model adds it as a line after the
    // fees, which stay $18.15): $348.15 + $132 = $480.15 > $446.50, and Cloudflare becomes the cheapest.
    const dear = join(dir, 'dear.json');
    await writeFile(dear, summary('short', [], 40));
    const doc = await costJson(['--data', three, '--no-own-provider-keys', '--bench', dear]);
    expect(doc.cheapest.gateway).toBe('cloudflare');
    expect(doc.bench.changedPick).toEqual({
      from: { id: 'openrouter', name: 'OpenRouter' },
      to: { id: 'cloudflare', name: 'Cloudflare AI Gateway' },
      why: 'reported cost against the price table OpenRouter +40.00%; monthly without your measurements: OpenRouter $348.15, Cloudflare AI Gateway $446.50; with them: OpenRouter $480.15, Cloudflare AI Gateway $446.50',
    });
    const human = await runCli(['cost', '--defaults', '--data', three, '--no-own-provider-keys', '--bench', dear]);
    expect(human.stdout.startsWith('Your measurements changed the cheapest option: OpenRouter → Cloudflare AI Gateway (reported cost')).toBe(true);
    // +5% keeps OpenRouter the cheapest: nothing to announce
    expect((await costJson(['--data', three, '--no-own-provider-keys', '--bench', probe])).bench.changedPick).toBeNull();
  });
});

describe('measured figures replace only the measured gateways\' and say so', () => {
  it('latency reasons: measured for OpenRouter and Cloudflare, the catalog figure for LiteLLM, labelled; stderr says which', async () => {
    const r = await runCli(['choose', '--defaults', '--data', three, '--latency', 'critical', '--no-own-provider-keys', '--bench', probe, '--json']);
    const doc = JSON.parse(r.stdout);
    const latency = (id: string) => doc.ranking.find((x: { gateway: string }) => x.gateway === id).reasons.find((x: { criterion: string }) => x.criterion === 'latency').text as string;
    // makeOverhead: n = 100; the run finished on 2026-11-24
    expect(latency('openrouter')).toBe(`Latency is critical: measured by you on 2026-11-24: +60 ms (57–63) to TTFT (p50 vs direct, 95% interval, n=100; ${probe})`);
    expect(latency('cloudflare')).toBe(`Latency is critical: measured by you on 2026-11-24: +12.0 ms (10.0–14.0) to TTFT (p50 vs direct, 95% interval, n=100; ${probe})`);
    expect(latency('litellm')).toContain('not measured by you: catalog figure');
    expect(r.stderr).toContain(`Using your benchmark of 2026-11-24 (${probe}): measured overhead for OpenRouter, Cloudflare AI Gateway; LiteLLM Proxy (AI Gateway) keeps the catalog's figures.`);
    // the probe's token sizes are not announced as used
    expect(r.stderr).not.toContain('tokens per request');
  });

  it('cost: the unmeasured gateway keeps the price table, and says so', async () => {
    const doc = await costJson(['--bench', probe]);
    expect(doc.gateways.find((g: { gateway: string }) => g.gateway === 'litellm').notes).toContain('Not measured by you: price table and catalog figures.');
  });
});
