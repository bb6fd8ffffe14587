import { describe, expect, it } from 'vitest';
import type { Advice } from '../../../src/advisor/score.js';
import { benchRecord, benchRecordSchema, pickChange, replacedEntries } from '../../../src/bench/bench-record.js';
import { emulatedTargets, measurementsFrom, type Measurements } from '../../../src/bench/measured.js';
import { advicePick, chooseChange, costChange } from '../../../src/bench/pick-change.js';
import { benchDocumentSchema } from '../../../src/bench/document.js';
import { makeOverhead, makeSummary, makeTarget } from '../../helpers/bench-builders.js';

/** A run of real gateways as `bench` writes it (hand-built): direct baseline, OpenRouter and Cloudflare. */
function run(over: { prompt?: unknown; emulated?: string[]; baseUrls?: Record<string, string> } = {}) {
  const targets = [makeTarget('direct', { gateway: 'openai-compatible', baseline: true }), makeTarget('openrouter'), makeTarget('cloudflare')];
  const view = makeSummary(targets, [makeOverhead('openrouter', 'ttft', 60, [57, 63]), makeOverhead('cloudflare', 'ttft', 12, [10, 14])]);
  const config = {
    ...view.config,
    ...(over.prompt === undefined ? {} : { prompt: over.prompt }),
    targets: (view.config.targets as Record<string, unknown>[]).map((t) => ({ ...t, ...(over.baseUrls?.[String(t.name)] ? { baseUrl: over.baseUrls[String(t.name)] } : {}) })),
  };
  const runInfo = over.emulated === undefined ? view.run! : { ...view.run!, emulatedTargets: over.emulated };
  return benchDocumentSchema.parse({ ...view, config, run: runInfo });
}

describe('what a summary says about itself', () => {
  it('emulated targets: as the run recorded them; in an older demo summary, from its stand-in base URLs; none for a real run', () => {
    expect(emulatedTargets(run({ emulated: ['direct', 'openrouter'] }))).toEqual(['direct', 'openrouter']);
    expect(emulatedTargets(run({ emulated: [] }))).toEqual([]);
    // written before run.emulatedTargets existed: `bench --demo` recorded "demo emulator: <id>" as the base URL
    expect(emulatedTargets(run({ baseUrls: { direct: 'demo emulator: provider', cloudflare: 'demo emulator: cloudflare' } }))).toEqual(['direct', 'cloudflare']);
    // a real endpoint, or a local proxy on 127.0.0.1, is not a demo
    expect(emulatedTargets(run({ baseUrls: { direct: 'https://api.openai.com/v1', openrouter: 'http://127.0.0.1:4000' } }))).toEqual([]);
    // the recorded list wins over the URLs
    expect(emulatedTargets(run({ emulated: [], baseUrls: { direct: 'demo emulator: provider' } }))).toEqual([]);
  });

  it('prompts from the user\'s own file only when the config names one', () => {
    expect(measurementsFrom(run({ prompt: { file: 'prompts.txt' } }), 's.json').promptsFromFile).toBe(true);
    expect(measurementsFrom(run({ prompt: 'short' }), 's.json').promptsFromFile).toBe(false);
    expect(measurementsFrom(run(), 's.json').promptsFromFile).toBe(false);
  });
});

describe('the bench record', () => {
  const m = measurementsFrom(run({ emulated: [] }), 'results/summary.json');

  it('lists what was replaced in a fixed order, and names the file as given', () => {
    expect(replacedEntries({ tokens: ['output'], overhead: ['openrouter', 'cloudflare'], tokenCost: ['openrouter', 'cloudflare'] })).toEqual([
      'tokens:output',
      'overhead:cloudflare',
      'overhead:openrouter',
      'tokenCost:cloudflare',
      'tokenCost:openrouter',
    ]);
    const r = benchRecord(m, { tokens: [], overhead: [], tokenCost: [] }, null);
    // makeTarget: 45 input and 100 output tokens a request; makeSummary finished at 2026-11-24T02:01:00.000Z
    expect(r).toEqual({ file: 'results/summary.json', measuredAt: '2026-11-24T02:01:00.000Z', replaced: [], measuredTokensPerRequest: { input: 45, output: 100 }, changedPick: null });
    expect(benchRecordSchema.safeParse(r).success).toBe(true);
  });

  it('a pick is changed only when its id differs', () => {
    expect(pickChange({ id: 'openrouter', name: 'OpenRouter' }, { id: 'openrouter', name: 'OpenRouter' }, 'x')).toBeNull();
    expect(pickChange({ id: null, name: 'none' }, { id: 'cloudflare', name: 'Cloudflare' }, 'x')).toEqual({ from: { id: null, name: 'none' }, to: { id: 'cloudflare', name: 'Cloudflare' }, why: 'x' });
  });
});

/** The least of an Advice the comparison reads: the pick and the ranked options' scores. */
function advice(pick: string | null, name: string, scores: Record<string, number>, stack: string[] = pick === null ? [] : [pick]): Advice {
  const ranked = (id: string, members = [id]) => ({ gateway: id, name: id, members, score: scores[id] ?? 0, eligible: true, reasons: [], excludedBecause: [], watchOuts: [] });
  return {
    recommendation: { gateway: stack[0] ?? null, stack, name, topology: null, score: 0, confidence: 'low', confidenceText: '', runnerUp: null, reasons: [], watchOuts: [], conflicts: [] },
    ranking: ['openrouter', 'cloudflare', 'litellm'].map((id) => ranked(id)),
    // two stacks, the one listed first not the pick: a pick is found by its members
    stacks: [ranked('litellm-behind-cloudflare', ['litellm', 'cloudflare']), ranked('litellm-with-openrouter', ['litellm', 'openrouter'])],
    sources: [],
  };
}

describe('did the measurements change the pick?', () => {
  const m: Measurements = measurementsFrom(run({ emulated: [] }), 'summary.json');
  const names = new Map([
    ['openrouter', 'OpenRouter'],
    ['cloudflare', 'Cloudflare AI Gateway'],
  ]);

  it('choose: from → to, with the overheads measured for both and the scores either way', () => {
    const without = advice('openrouter', 'OpenRouter', { openrouter: 88, cloudflare: 83 });
    const withM = advice('cloudflare', 'Cloudflare AI Gateway', { openrouter: 83, cloudflare: 87 });
    const replaced = { tokens: [], overhead: ['cloudflare', 'openrouter'], tokenCost: [] };
    expect(chooseChange(without, withM, m, replaced, names)).toEqual({
      from: { id: 'openrouter', name: 'OpenRouter' },
      to: { id: 'cloudflare', name: 'Cloudflare AI Gateway' },
      // intervals 6 and 4 ms wide → no decimal / one decimal (fmtDelta)
      why: 'measured overhead OpenRouter +60 ms (57–63) to TTFT, Cloudflare AI Gateway +12.0 ms (10.0–14.0) to TTFT; scores without your measurements: OpenRouter 88, Cloudflare AI Gateway 83; with them: OpenRouter 83, Cloudflare AI Gateway 87',
    });
    // the same pick: nothing to say
    expect(chooseChange(without, without, m, replaced, names)).toBeNull();
  });

  it('choose: a stack pick goes by its stack id; an overhead the latency criterion did not use is not a reason', () => {
    const stack = advice('litellm-with-openrouter', 'LiteLLM with OpenRouter', { 'litellm-with-openrouter': 80, cloudflare: 79 }, ['litellm', 'openrouter']);
    expect(advicePick(stack)).toEqual({ id: 'litellm-with-openrouter', name: 'LiteLLM with OpenRouter' });
    const to = advice('cloudflare', 'Cloudflare AI Gateway', { 'litellm-with-openrouter': 78, cloudflare: 81 });
    const c = chooseChange(stack, to, m, { tokens: [], overhead: [], tokenCost: [] }, names)!;
    expect(c.from.id).toBe('litellm-with-openrouter');
    expect(c.why).toBe('measurements of other options; scores without your measurements: LiteLLM with OpenRouter 80, Cloudflare AI Gateway 79; with them: LiteLLM with OpenRouter 78, Cloudflare AI Gateway 81');
  });

  it('nothing eligible is a pick of its own: id null, no scores to list for it', () => {
    expect(advicePick(advice(null, 'none', {}))).toEqual({ id: null, name: 'none' });
    const c = chooseChange(advice(null, 'none', {}), advice('cloudflare', 'Cloudflare AI Gateway', { cloudflare: 61 }), m, { tokens: [], overhead: ['cloudflare'], tokenCost: [] }, names)!;
    expect(c.from).toEqual({ id: null, name: 'none' });
    expect(c.why).toBe('measured overhead Cloudflare AI Gateway +12.0 ms (10.0–14.0) to TTFT; scores without your measurements: Cloudflare AI Gateway 0; with them: Cloudflare AI Gateway 61');
  });

  it('a stack pick is judged by its members\' measurements: e2e overhead, every reported cost difference and token size', () => {
    const e2e: Measurements = {
      ...m,
      overhead: new Map([['litellm', { gateway: 'litellm', target: 'll', metric: 'e2e', p50DeltaMs: 3.4, ci95: [2.1, 4.6], n: 30 }], ...m.overhead]),
      reportedVsComputedPct: new Map([['openrouter', 0], ['litellm', -2.5]]),
      tokensPerRequest: { input: 500, output: 100 },
    };
    const from = advice('cloudflare', 'Cloudflare AI Gateway', { cloudflare: 80, 'litellm-with-openrouter': 78 });
    const to = advice('litellm-with-openrouter', 'LiteLLM with OpenRouter', { cloudflare: 77, 'litellm-with-openrouter': 79 }, ['litellm', 'openrouter']);
    const all = new Map([...names, ['litellm', 'LiteLLM']]);
    const c = chooseChange(from, to, e2e, { tokens: ['input', 'output'], overhead: ['litellm', 'openrouter'], tokenCost: ['litellm', 'openrouter'] }, all)!;
    expect(c.to).toEqual({ id: 'litellm-with-openrouter', name: 'LiteLLM with OpenRouter' });
    // Cloudflare's overhead was not replaced (not in the list), so it is not named; 0% has no sign, −2.5% its own
    expect(c.why).toBe(
      'measured overhead LiteLLM +3.4 ms (2.1–4.6) to e2e, OpenRouter +60 ms (57–63) to TTFT; reported cost against the price table LiteLLM -2.50%, OpenRouter 0.00%; token sizes of your own prompts (500 input, 100 output); scores without your measurements: Cloudflare AI Gateway 80, LiteLLM with OpenRouter 78; with them: Cloudflare AI Gateway 77, LiteLLM with OpenRouter 79',
    );
  });

  it('cost: the cheapest option either way, with the reported cost differences and token sizes that moved it', () => {
    const or = { gateway: 'openrouter', name: 'OpenRouter', totalUsd: 348.15, members: ['openrouter'] };
    const cf = { gateway: 'cloudflare', name: 'Cloudflare AI Gateway', totalUsd: 430, members: ['cloudflare'] };
    const mm = { ...m, reportedVsComputedPct: new Map([['openrouter', 40]]), tokensPerRequest: { input: 500, output: 100 } };
    const totals = { without: new Map([['openrouter', 348.15], ['cloudflare', 430]]), with: new Map([['openrouter', 480.15], ['cloudflare', 430]]) };
    expect(costChange(or, cf, totals, mm, { tokens: ['input'], overhead: [], tokenCost: ['openrouter'] }, names)).toEqual({
      from: { id: 'openrouter', name: 'OpenRouter' },
      to: { id: 'cloudflare', name: 'Cloudflare AI Gateway' },
      why: 'reported cost against the price table OpenRouter +40.00%; token sizes of your own prompts (500 input); monthly without your measurements: OpenRouter $348.15, Cloudflare AI Gateway $430.00; with them: OpenRouter $480.15, Cloudflare AI Gateway $430.00',
    });
    expect(costChange(or, or, totals, mm, { tokens: [], overhead: [], tokenCost: [] }, names)).toBeNull();
    // nothing eligible without the measurements, and nothing they replaced concerns the new cheapest
    expect(costChange(undefined, cf, totals, mm, { tokens: [], overhead: [], tokenCost: ['openrouter'] }, names)).toEqual({
      from: { id: null, name: 'none' },
      to: { id: 'cloudflare', name: 'Cloudflare AI Gateway' },
      why: 'measurements of other options; monthly without your measurements: Cloudflare AI Gateway $430.00; with them: Cloudflare AI Gateway $430.00',
    });
    // an option with no total at that volume
    expect(costChange(or, cf, { without: new Map(), with: totals.with }, mm, { tokens: [], overhead: [], tokenCost: [] }, names)!.why).toBe(
      'measurements of other options; monthly without your measurements: OpenRouter —, Cloudflare AI Gateway —; with them: OpenRouter $480.15, Cloudflare AI Gateway $430.00',
    );
    expect(costChange(or, undefined, totals, mm, { tokens: [], overhead: [], tokenCost: [] }, names)!.to).toEqual({ id: null, name: 'none' });
  });
});
