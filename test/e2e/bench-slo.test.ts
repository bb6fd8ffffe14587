import { describe, expect, it } from 'vitest';
import { validateAgainst } from '../helpers/json-schema.js';
import { runCli } from '../helpers/run-cli.js';

/** `bench --slo` end to end on the demo emulators (two targets, four requests each). */
const demo = ['bench', '--demo', '--targets', 'direct,litellm', '--requests', '4', '--warmup', '0', '--yes'];

describe('bench --slo', () => {
  it('a bound nothing misses: every successful request is good, goodput equals throughput, and the JSON matches its schema', async () => {
    const r = await runCli([...demo, '--slo', 'e2e=60s', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('bench', doc)).toEqual([]);
    expect(doc.config.slo).toEqual({ e2eMs: 60000, attainment: 0.95 });
    for (const t of doc.targets) {
      expect(t.slo).toMatchObject({ bounds: { ttftMs: null, itlMs: null, e2eMs: 60000 }, target: 0.95, good: t.requests.ok, total: t.requests.sent });
      expect(t.slo.goodputRps).toBe(t.throughput.requestsPerSecond);
    }
    expect(doc.targets[0].slo.vsBaseline).toBeNull();
    expect(doc.targets[1].slo.vsBaseline.rounds).toBe(4);
  });

  it('a bound everything misses fails an slo gate (exit 1), and the report says missed', async () => {
    const r = await runCli([...demo, '--slo', 'ttft=1ms,attainment=99%', '--fail-on', 'slo.attainment < 99%']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SLO: TTFT ≤ 1.0 ms for 99% of requests; failed requests count as misses');
    expect(r.stdout.replace(/\n +/g, ' ')).toContain('✗ litellm: 0% (0/4) < 99%: missed; goodput 0 req/s; the same SLO attainment as direct in every resample (4 rounds)');
  });

  it('a malformed --slo exits 2 before anything runs', async () => {
    const r = await runCli([...demo, '--slo', 'ttft=fast']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--slo: ttft expects a time in ms or s, e.g. ttft=500ms, got "fast".');
    expect(r.stdout).toBe('');
  });

  it('report --json carries each row\'s attainment, met and goodput, and matches its schema', async () => {
    const r = await runCli(['report', 'test/fixtures/bench/sweep-slo.json', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateAgainst('report', doc)).toEqual([]);
    // openrouter: 55 of 60 = 0.916667 < 0.95 (the fixture's block, as written)
    expect(doc.targets.map((t: { target: string; slo: unknown }) => [t.target, t.slo])).toEqual([
      ['direct', { attainment: 1, met: true, goodputRps: 3.361 }],
      ['openrouter', { attainment: 0.916667, met: false, goodputRps: 3.081 }],
      ['litellm', { attainment: 0.966667, met: true, goodputRps: 3.249 }],
      ['cloudflare', { attainment: 0.983333, met: true, goodputRps: 3.305 }],
    ]);
  });
});
