import { describe, expect, test } from 'vitest';
import { computeCosts } from '../../src/cost/model.js';
import { benchTokenFields, measuredAnswers, tokenCostGateways, withMeasuredAdvisorCosts, withMeasuredCosts, type CostMeasurements } from '../../src/cost/measured.js';
import { answers, catalog, models, options } from './fixtures.js';

/**
 * What a benchmark's measurements do to the cost model, on the shipped data at its defaults: 1M requests a month,
 * token spend $330 for every option (the default mix at list price). Without provider keys OpenRouter and
 * Cloudflare bill the tokens through their credits (fees $18.15 and $16.50: 5.5% and 5% of one $330 purchase),
 * LiteLLM cannot, so it stays on your own provider accounts.
 */
const measured = (pct: [string, number][], gateways: string[], tokens?: { input: number; output: number }): CostMeasurements => ({
  file: 'run.json',
  date: '2026-11-20',
  reportedVsComputedPct: new Map(pct),
  gateways: new Set(gateways),
  ...(tokens ? { tokensPerRequest: tokens } : {}),
});
const ALL = ['litellm', 'openrouter', 'cloudflare'];
const noKeys = () => answers({ ownProviderKeys: false });
const byId = (r: ReturnType<typeof withMeasuredCosts>, id: string) => [...r.gateways, ...r.stacks].find((g) => g.gateway === id)!;

describe('a measured difference between the reported and the price-table cost', () => {
  const m = measured([['openrouter', 5], ['cloudflare', 0], ['litellm', -2]], ALL);

  test('where the gateway bills the tokens, it scales the token spend, with a line saying by how much', () => {
    const or = byId(withMeasuredCosts(noKeys(), options(), catalog, models, m), 'openrouter');
    // 5% of $330 = $16.50; total $348.15 + $16.50
    expect(or.monthlyUsd.tokens).toBeCloseTo(346.5, 9);
    expect(or.monthlyUsd.total).toBeCloseTo(364.65, 9);
    expect(or.lines.at(-1)).toEqual({
      kind: 'tokens',
      label: 'Measured: gateway-reported vs price-table cost',
      usd: 16.5,
      assumption: 'It reported +5.00% against the price table in your benchmark of 2026-11-20; applied to the token spend of $330.00.',
      source: 'run.json',
    });
    // measured, with a cost, billed by it: nothing more to note
    expect(or.notes).toEqual([]);
    // the model's own lines stay, before the measured one
    const plain = computeCosts(noKeys(), options(), catalog, models).gateways.find((g) => g.gateway === 'openrouter')!;
    expect(or.lines.slice(0, -1)).toEqual(plain.lines);
  });

  test('no difference is a line of $0 with no sign', () => {
    const cf = byId(withMeasuredCosts(noKeys(), options(), catalog, models, m), 'cloudflare');
    expect(cf.monthlyUsd.total).toBeCloseTo(446.5, 9);
    expect(cf.lines.at(-1)).toMatchObject({ usd: 0, assumption: 'It reported 0.00% against the price table in your benchmark of 2026-11-20; applied to the token spend of $330.00.' });
  });

  test('where you pay the provider, it is the gateway\'s estimate: a note, no line, the same total', () => {
    const ll = byId(withMeasuredCosts(noKeys(), options(), catalog, models, m), 'litellm');
    expect(ll.monthlyUsd.total).toBeCloseTo(1_260.31, 9);
    expect(ll.lines.some((l) => l.label.startsWith('Measured'))).toBe(false);
    // the model's note stays, then the measurement's
    expect(ll.notes).toEqual([
      'LiteLLM Proxy (AI Gateway) has no managed billing; costed with provider accounts and keys you would open.',
      'Measured by you on 2026-11-20: it reported -2.00% against the price table, but you pay the provider directly, so that is its estimate, not your bill; not applied.',
    ]);
  });

  test('a stack takes the difference of the member that bills the tokens, once', () => {
    const r = withMeasuredCosts(noKeys(), options(), catalog, models, m);
    const withOr = byId(r, 'litellm-with-openrouter');
    // $1,278.46 (LiteLLM's instances and ops, OpenRouter's fee, $330 of tokens) + 5% of $330
    expect(withOr.monthlyUsd.total).toBeCloseTo(1_294.96, 9);
    expect(withOr.lines.at(-1)!.assumption).toBe(
      'openrouter, which bills the tokens, reported +5.00% against the price table in your benchmark of 2026-11-20; applied to the token spend of $330.00.',
    );
    // LiteLLM in front of Cloudflare runs on your keys: Cloudflare's difference is not applied
    const behind = byId(r, 'litellm-behind-cloudflare');
    expect(behind.monthlyUsd.total).toBeCloseTo(1_360.31, 9);
    expect(behind.lines.some((l) => l.label.startsWith('Measured'))).toBe(false);
  });

  test('choose scores on the same adjusted totals', () => {
    const costs = withMeasuredAdvisorCosts(noKeys(), options(), catalog, models, m);
    expect(costs.get('openrouter')!.total).toBeCloseTo(364.65, 9);
    expect(costs.get('litellm')!.total).toBeCloseTo(1_260.31, 9);
    expect(costs.get('litellm-with-openrouter')!.total).toBeCloseTo(1_294.96, 9);
  });
});

describe('what was and was not measured', () => {
  test('a gateway measured without a reported cost, and one not measured, each say so', () => {
    const r = withMeasuredCosts(noKeys(), options(), catalog, models, measured([['openrouter', 5]], ['openrouter', 'cloudflare']));
    expect(byId(r, 'cloudflare').notes).toEqual(['Measured by you on 2026-11-20 (run.json), but it reported no cost to compare with the price table.']);
    expect(byId(r, 'cloudflare').monthlyUsd.total).toBeCloseTo(446.5, 9);
    expect(byId(r, 'litellm').notes.at(-1)).toBe('Not measured by you: price table and catalog figures.');
    // a stack's notes are its members', with nothing added about measuring
    expect(byId(r, 'litellm-with-openrouter').notes).toEqual([]);
    expect(r.assumptions.at(-1)).toEqual({
      text: 'Measured by you on 2026-11-20: OpenRouter, Cloudflare AI Gateway; LiteLLM Proxy (AI Gateway) not measured (price table and catalog figures).',
      source: 'run.json',
    });
  });

  test('all measured: no list of the unmeasured; none measured: says so', () => {
    const all = withMeasuredCosts(noKeys(), options(), catalog, models, measured([], ALL));
    expect(all.assumptions.at(-1)!.text).toBe('Measured by you on 2026-11-20: LiteLLM Proxy (AI Gateway), OpenRouter, Cloudflare AI Gateway.');
    const none = withMeasuredCosts(noKeys(), options(), catalog, models, measured([], []));
    expect(none.assumptions.at(-1)!.text).toBe(
      'Measured by you on 2026-11-20: no gateway; LiteLLM Proxy (AI Gateway), OpenRouter, Cloudflare AI Gateway not measured (price table and catalog figures).',
    );
  });

  describe('token sizes: the benchmark\'s prompt is a probe, not the workload', () => {
    // The answers at their defaults: 1,000 input and 300 output tokens a request (noKeys() keeps them).
    const tokens = { input: 500, output: 100 };
    const choice = (benchTokens: boolean, input = false, output = false) => ({ benchTokens, flagged: { input, output } });
    const sizes = (m: CostMeasurements) => {
      const a = measuredAnswers(noKeys(), m);
      return [a.avgInputTokens, a.avgOutputTokens];
    };

    test('a built-in prompt never replaces them, even with --bench-tokens', () => {
      expect(sizes({ ...measured([], ALL, tokens), promptsFromFile: false, tokenChoice: choice(true) })).toEqual([1000, 300]);
      expect(benchTokenFields({ ...measured([], ALL, tokens), promptsFromFile: false, tokenChoice: choice(true) })).toEqual([]);
      // asked for, but the prompt was built in: the assumption names the probe, not the flags
      expect(withMeasuredCosts(noKeys(), options(), catalog, models, { ...measured([], ALL, tokens), promptsFromFile: false, tokenChoice: choice(true) }).assumptions.at(-1)!.text).toMatch(
        /\(the run's prompt was a built-in probe, not your workload\)\.$/,
      );
      const r = withMeasuredCosts(noKeys(), options(), catalog, models, { ...measured([], ALL, tokens), tokenChoice: choice(false) });
      expect(r.assumptions.at(-1)).toEqual({
        text: "Tokens per request from your answers: 1000 input and 300 output, not the benchmark's 500 and 100 (the run's prompt was a built-in probe, not your workload).",
        source: 'run.json',
      });
    });

    test('your own prompt file without --bench-tokens: the answers stand, and the assumption says how to use the run\'s', () => {
      const m = { ...measured([], ALL, tokens), promptsFromFile: true, tokenChoice: choice(false) };
      expect(sizes(m)).toEqual([1000, 300]);
      expect(withMeasuredCosts(noKeys(), options(), catalog, models, m).assumptions.at(-1)!.text).toBe(
        "Tokens per request from your answers: 1000 input and 300 output, not the benchmark's 500 and 100 (the run's prompts came from your own file; pass --bench-tokens to use its sizes).",
      );
    });

    test('your own prompt file with --bench-tokens: the measured sizes replace both, and cost follows', () => {
      const m = { ...measured([], ALL, tokens), promptsFromFile: true, tokenChoice: choice(true) };
      expect(sizes(m)).toEqual([500, 100]);
      expect(benchTokenFields(m)).toEqual(['input', 'output']);
      const r = withMeasuredCosts(noKeys(), options(), catalog, models, m);
      expect(r.assumptions.at(-1)!.text).toBe("Tokens per request as measured with your own prompts: 500 input and 100 output (--bench-tokens, instead of the answers' averages).");
      // gpt-4o-mini at $0.15 in / $0.60 out per M tokens, 1M requests: 500 × 0.15 + 100 × 0.60 = $135 (was 1000 × 0.15 + 300 × 0.60 = $330)
      expect(byId(r, 'openrouter').monthlyUsd.tokens).toBeCloseTo(135, 9);
    });

    test('flags beat both: a flagged size stays, the other may come from the run', () => {
      const one = { ...measured([], ALL, tokens), promptsFromFile: true, tokenChoice: choice(true, true, false) };
      // the answers carry the flag's value; only output comes from the run
      expect(sizes(one)).toEqual([1000, 100]);
      expect(benchTokenFields(one)).toEqual(['output']);
      expect(withMeasuredCosts(noKeys(), options(), catalog, models, one).assumptions.at(-1)!.text).toBe(
        'Tokens per request: output as measured with your own prompts (--bench-tokens), the other as the flag gave it: 1000 input and 100 output.',
      );
      const both = { ...measured([], ALL, tokens), promptsFromFile: true, tokenChoice: choice(true, true, true) };
      expect(sizes(both)).toEqual([1000, 300]);
      expect(withMeasuredCosts(noKeys(), options(), catalog, models, both).assumptions.at(-1)!.text).toBe(
        "Tokens per request from your answers: 1000 input and 300 output, not the benchmark's 500 and 100 (you gave both as flags, which beat the benchmark).",
      );
    });

    test('no choice recorded (a caller that never asked), or no measured tokens: the answers stand', () => {
      expect(sizes({ ...measured([], ALL, tokens), promptsFromFile: true })).toEqual([1000, 300]);
      expect(sizes({ ...measured([], ALL), promptsFromFile: true, tokenChoice: choice(true) })).toEqual([1000, 300]);
    });
  });

  test('which gateways\' measured cost differences were applied: those billing an option\'s tokens', () => {
    const m = measured([['openrouter', 5], ['litellm', -2]], ALL);
    // no keys: OpenRouter and Cloudflare bill the tokens through their credits; LiteLLM cannot (byok) and Cloudflare has no figure
    const r = withMeasuredCosts(noKeys(), options(), catalog, models, m);
    expect(tokenCostGateways(m, [...r.gateways, ...r.stacks])).toEqual(['openrouter']);
    // both billers measured: listed by id, whatever the order of the options
    const two = measured([['openrouter', 5], ['cloudflare', 1]], ALL);
    const r2 = withMeasuredCosts(noKeys(), options(), catalog, models, two);
    expect(tokenCostGateways(two, [...r2.gateways].reverse())).toEqual(['cloudflare', 'openrouter']);
    expect(tokenCostGateways(two, r2.gateways)).toEqual(['cloudflare', 'openrouter']);
    // your own keys and no managed billing: nobody bills the tokens, nothing applied
    const own = withMeasuredCosts(answers({ ownProviderKeys: true }), options({ useManagedBilling: false }), catalog, models, m);
    expect(tokenCostGateways(m, [...own.gateways, ...own.stacks])).toEqual([]);
  });
});
