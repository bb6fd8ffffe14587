import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillDoc, row } from '../helpers/drill-doc.js';
import { validateAgainst } from '../helpers/json-schema.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * `choose --drill`, with test/fixtures/answers/self-hosted.json (needs fallbacks, budgets, virtual-keys; self-hosted,
 * 3 providers, exact cache, dedicated ops, own infrastructure, latency sensitive, 5M requests/month). Without a
 * drill Bifrost and LiteLLM both score 95 and Bifrost is the pick (the tie goes to the cheaper, then the id).
 *
 * The weights its judgements carry (src/advisor/criteria.ts): hosting 3, provider keys 1, providers 2 (3 providers),
 * caching 3, needs 2 each × 3 = 6, operations 1 (dedicated), data control 2, latency 2 (sensitive), cost
 * log10(5,000,000 / 10,000) = 2.699. Sum 22.699. A drill that fails Bifrost turns its fallbacks judgement from
 * yes (1) to unmet (0): 2 × 1 / 22.699 = 0.0881 of the score, 8.81 points. 95 came from a raw score in
 * [0.945, 0.955), so Bifrost now scores round([0.8569, 0.8669) × 100) = 86 or 87, below LiteLLM's 95: the pick
 * changes to LiteLLM.
 */
const ANSWERS = join(ROOT, 'test/fixtures/answers/self-hosted.json');
const dir = () => mkdtempSync(join(tmpdir(), 'gs-choose-drill-'));
const write = (d: string, name: string, v: unknown) => {
  const f = join(d, name);
  writeFileSync(f, JSON.stringify(v));
  return f;
};

const truncatingBifrost = drillDoc([
  row({ target: 'bifrost', gateway: 'bifrost', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'bifrost', gateway: 'bifrost', id: 'http-500', stream: true, outcome: 'failed-over', grade: 'pass', s: 1 }),
  row({ target: 'bifrost', gateway: 'bifrost', id: 'stream-cut', stream: true, outcome: 'silent-truncation', grade: 'fail', status: 200 }),
]);
/** LiteLLM: none and http-500 pass in both modes; reset non-streamed is only safe (a clear 502). */
const goodLitellm = drillDoc([
  row({ target: 'litellm', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'litellm', id: 'none', stream: false, outcome: 'ok', grade: 'pass' }),
  row({ target: 'litellm', id: 'http-500', stream: true, outcome: 'failed-over', grade: 'pass', s: 1 }),
  row({ target: 'litellm', id: 'http-500', stream: false, outcome: 'failed-over', grade: 'pass', s: 1 }),
  row({ target: 'litellm', id: 'reset', stream: false, outcome: 'error-surfaced', grade: 'safe', status: 502 }),
  row({ target: 'mine', gateway: null, id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
]);

type Ranked = { gateway: string; score: number; reasons: { criterion: string; effect: string; text: string; weight: number }[]; watchOuts: { id: string; severity: string; title: string; detail: string }[] };
const ranked = (doc: { ranking: Ranked[] }, id: string) => doc.ranking.find((r) => r.gateway === id)!;

describe('choose --drill', () => {
  it('a drilled silent truncation: the gateway loses its fallbacks, the pick changes, a watch-out says what the client saw', async () => {
    const before = JSON.parse((await runCli(['choose', '--answers', ANSWERS, '--json'])).stdout);
    expect([before.recommendation.gateway, ranked(before, 'bifrost').score, ranked(before, 'litellm').score]).toEqual(['bifrost', 95, 95]);

    const r = await runCli(['choose', '--answers', ANSWERS, '--json', '--drill', write(dir(), 'drill.json', truncatingBifrost)]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.recommendation.gateway).toBe('litellm');
    const bifrost = ranked(doc, 'bifrost');
    expect(bifrost.score).toBeGreaterThanOrEqual(86);
    expect(bifrost.score).toBeLessThanOrEqual(87);
    const fallbacks = bifrost.reasons.find((x) => x.criterion === 'needs' && x.text.startsWith('You need fallbacks'))!;
    expect(fallbacks).toMatchObject({ effect: 'against', weight: 2 });
    expect(fallbacks.text).toContain('stream-cut (streamed): HTTP 200 with a partial answer and no error');
    const w = bifrost.watchOuts.find((x) => x.id === 'drill-fallbacks')!;
    expect(w.severity).toBe('high');
    expect(w.title).toBe('Bifrost failed your failover drill: silent-truncation on stream-cut (streamed)');
    expect(doc.drill.changedPick).toMatchObject({ from: { id: 'bifrost' }, to: { id: 'litellm' } });
    expect(doc.drill.gateways).toEqual([
      {
        gateway: 'bifrost',
        targets: ['bifrost'],
        scenarios: 3,
        passedScenarios: 2,
        fallbacksCount: false,
        fails: [{ target: 'bifrost', id: 'stream-cut', stream: true, outcome: 'silent-truncation', clientStatus: 200 }],
        safes: [],
      },
    ]);
    // Gateways not drilled are unchanged.
    expect(ranked(doc, 'litellm').score).toBe(95);
    expect(ranked(doc, 'tensorzero').score).toBe(ranked(before, 'tensorzero').score);
    expect(validateAgainst('recommendation', doc)).toEqual([]);
    expect(r.stderr).toContain('Bifrost failed 1 run (its fallbacks no longer count)');
  });

  it('a drill with no failure: the fallbacks reason says how many scenarios pass and notes the safe ones; the score holds', async () => {
    const r = await runCli(['choose', '--answers', ANSWERS, '--json', '--drill', write(dir(), 'drill.json', goodLitellm)]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const litellm = ranked(doc, 'litellm');
    expect(litellm.score).toBe(95);
    // none and http-500 pass in both modes: 2 of 3 scenarios; reset is safe.
    const reason = litellm.reasons.find((x) => x.text.startsWith('You need fallbacks'))!;
    expect(reason.effect).toBe('for');
    expect(reason.text).toContain('fallbacks drilled: 2 of 3 scenarios pass; safe but not hidden by a fallback (the client got a clear error): reset (not streamed)');
    expect(litellm.watchOuts.some((x) => x.id === 'drill-fallbacks')).toBe(false);
    expect(doc.drill.changedPick).toBeNull();
    // The target with no catalog gateway is ignored, with a warning.
    expect(doc.drill.ignored).toEqual(['mine: no catalog gateway (gateway: null), so its drill is not used']);
    expect(r.stderr).toContain('warning: --drill: mine: no catalog gateway (gateway: null), so its drill is not used.');
  });

  it('without a need for fallbacks: the drill is a reason of weight 0 and a watch-out; the score holds', async () => {
    const base = JSON.parse((await runCli(['choose', '--answers', ANSWERS, '--needs', 'budgets', '--json'])).stdout);
    const r = await runCli(['choose', '--answers', ANSWERS, '--needs', 'budgets', '--json', '--drill', write(dir(), 'drill.json', truncatingBifrost)]);
    const doc = JSON.parse(r.stdout);
    const bifrost = ranked(doc, 'bifrost');
    expect(bifrost.score).toBe(ranked(base, 'bifrost').score);
    expect(bifrost.reasons.find((x) => x.criterion === 'drill')).toMatchObject({ weight: 0, effect: 'against' });
    expect(bifrost.watchOuts.some((x) => x.id === 'drill-fallbacks')).toBe(true);
  });

  it('a demo drill is refused (exit 2), saying why', async () => {
    const r = await runCli(['choose', '--answers', ANSWERS, '--drill', write(dir(), 'demo.json', { ...truncatingBifrost, demo: true })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a demo drill, not a drill of your gateways');
  });

  it('a document that is not a drill: exit 2, naming the field', async () => {
    const r = await runCli(['choose', '--answers', ANSWERS, '--drill', write(dir(), 'bad.json', { ...truncatingBifrost, kind: 'bench' })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a drill document');
    expect(r.stderr).toContain('kind');
  });
});
