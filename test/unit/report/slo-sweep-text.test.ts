import { describe, expect, it } from 'vitest';
import type { TargetSlo } from '../../../src/bench/slo-document.js';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { sloObjective, vsBaselineText } from '../../../src/report/slo-text.js';
import { kneeSentence } from '../../../src/report/sweep-text.js';
import { benchFixture } from '../../helpers/report-fixtures.js';

const vs = (difference: number, ci95: [number, number] | null, rounds = 60): TargetSlo => ({
  bounds: { ttftMs: 500, itlMs: null, e2eMs: 3000 },
  target: 0.95,
  good: 0,
  total: 0,
  attainment: null,
  met: null,
  goodputRps: 0,
  vsBaseline: { difference, ci95, rounds },
});

describe('SLO sentences say only what the interval allows', () => {
  it.each([
    [vs(-0.083333, [-0.166667, -0.016667]), 'meets the SLO less often than direct: −8.3 points (−16.7 to −1.7 points)'],
    [vs(0.02, [0.005, 0.04]), 'meets the SLO more often than direct: +2.0 points (+0.5 to +4.0 points)'],
    [vs(-0.033333, [-0.083333, 0]), 'no detectable difference from direct in SLO attainment (−8.3 to 0.0 points, 60 rounds)'],
    [vs(0, [0, 0], 14), 'the same SLO attainment as direct in every resample (14 rounds)'],
    [vs(-0.5, null, 1), 'cannot be compared with direct (1 paired round; at least 2 are needed)'],
    [vs(-0.075, null, 200), '−7.5 points against direct (no interval: pooled shards lose the round pairing)'],
  ])('%#', (s, text) => {
    expect(vsBaselineText(s, 'direct')).toBe(text);
  });

  it('states the objective in ms, or s from a whole tenth of a second', () => {
    expect(sloObjective({ bounds: { ttftMs: 500, itlMs: 25, e2eMs: 3000 }, target: 0.99 })).toBe('TTFT ≤ 500 ms, ITL ≤ 25 ms, e2e ≤ 3 s for 99% of requests');
    // 1,250 ms is not a whole tenth of a second: kept in ms rather than rounded to 1.3 s
    expect(sloObjective({ bounds: { ttftMs: null, itlMs: null, e2eMs: 1250 }, target: 0.95 })).toBe('e2e ≤ 1250 ms for 95% of requests');
    expect(sloObjective({ bounds: { ttftMs: 1500, itlMs: null, e2eMs: null }, target: 0.999 })).toBe('TTFT ≤ 1.5 s for 99.9% of requests');
  });
});

const fixture = benchFixture('sweep-slo.json');

describe('the sweep fixture (sweep-slo.json) in words', () => {
  const knee = (t: string) => kneeSentence(fixture.sweep!, fixture.sweep!.knees.find((k) => k.target === t)!, true);
  it('names the knee, what saturated it, the SLO knee and skipped steps', () => {
    expect(knee('litellm')).toBe('litellm: sustained up to 80 req/s, saturated at 160 req/s (achieved-rate, latency-climbing); met the SLO up to 40 req/s');
    expect(knee('cloudflare')).toBe('cloudflare: sustained up to 40 req/s, saturated at 80 req/s (errors); met the SLO up to 40 req/s; 1 higher step skipped');
    expect(knee('openrouter')).toBe('openrouter: did not saturate up to 160 req/s, the highest rate tried (the knee is higher); met the SLO up to 160 req/s');
  });

  it('markdown: an SLO table with pass/miss, then a table per target without skipped steps, and the knee', () => {
    const md = renderMarkdown({ bench: fixture, sources: ['sweep-slo'], generatedAt: '2026-12-06T00:00:00Z', version: '0.1.0' });
    expect(md).toContain('**SLO: TTFT ≤ 500 ms, e2e ≤ 3 s for 95% of requests (latency from the scheduled send); failed requests count as misses**');
    // openrouter: 55 of 60 = 91.7% < 95%
    expect(md).toContain('| openrouter | ❌ 91.7% (55/60) < 95%: missed | 3.08 req/s | meets the SLO less often than direct: −8.3 points (−16.7 to −1.7 points) |');
    expect(md).toContain('| direct | ✅ 100% (60/60) ≥ 95%: met | 3.36 req/s | (baseline) |');
    expect(md).toContain('| 160 | 121.5 | 1,450 / 1,600 | 9.4% | 1,400 | 5,200 | 2,600 | 9,100 | 31% | ⚠️ saturated (achieved-rate, latency-climbing) |');
    const cloudflare = md.slice(md.indexOf('*cloudflare*'), md.indexOf('**Knee** — cloudflare'));
    // Steps 20, 40, 80 ran; 160 was skipped and has no row.
    expect(cloudflare.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => l.split('|')[1]!.trim())).toEqual(['20', '40', '80']);
  });

  it('terminal: one line per target with a pass/miss mark, wrapped to the width', () => {
    const out = renderBenchTerminal({ bench: fixture }, { width: 200, color: false });
    expect(out).toContain('SLO: TTFT ≤ 500 ms, e2e ≤ 3 s for 95% of requests (latency from the scheduled send); failed requests count as misses');
    expect(out).toContain('  ✗ openrouter: 91.7% (55/60) < 95%: missed; goodput 3.08 req/s; meets the SLO less often than direct: −8.3 points (−16.7 to −1.7 points)');
    expect(out).toContain('  ✓ litellm: 96.7% (58/60) ≥ 95%: met; goodput 3.25 req/s; no detectable difference from direct in SLO attainment (−8.3 to 0.0 points, 60 rounds)');
    for (const line of renderBenchTerminal({ bench: fixture }, { width: 60, color: false }).split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
  });

  it('a run without an slo or a sweep shows neither', () => {
    const plain = benchFixture('us-east/summary.json');
    expect(renderBenchTerminal({ bench: plain }, { width: 100, color: false })).not.toContain('SLO');
    const md = renderMarkdown({ bench: plain, sources: ['us-east'], generatedAt: '2026-12-06T00:00:00Z', version: '0.1.0' });
    expect(md).not.toContain('SLO');
    expect(md).not.toContain('Rate sweep');
  });
});

describe('the HTML report of the sweep fixture', () => {
  it('has an SLO section with pass/miss per target and a Rate sweep section, both in the navigation', async () => {
    const { renderHtml } = await import('../../../src/report/html/render.js');
    const html = await renderHtml({ bench: fixture, sources: ['sweep-slo'], generatedAt: '2026-12-06T00:00:00Z', version: '0.1.0' });
    expect(html).toContain('<li><a href="#h-slo">SLO</a></li><li><a href="#h-sweep">Rate sweep</a></li>');
    const slo = html.slice(html.indexOf('id="h-slo"'), html.indexOf('id="h-sweep"'));
    expect(slo).toContain('<th scope="row">openrouter</th><td class="num">91.7% <span class="sub">55 / 60</span></td><td><span class="fail">✗ missed</span></td>');
    expect(slo).toContain('<th scope="row">litellm</th><td class="num">96.7% <span class="sub">58 / 60</span></td><td><span class="pass">✓ met</span></td>');
    expect(slo).toContain('meets the SLO less often than direct: −8.3 points (−16.7 to −1.7 points)');
    const sweep = html.slice(html.indexOf('id="h-sweep"'), html.indexOf('id="h-errors"'));
    expect([...sweep.matchAll(/data-chart="(sweep-\d)"/g)].map((m) => m[1])).toEqual(['sweep-1', 'sweep-2', 'sweep-3', 'sweep-4']);
    // The step table leaves out cloudflare's skipped 160 step: four targets × four steps, less one = 15 rows.
    expect(sweep.match(/<tr><th scope="row">(direct|openrouter|litellm|cloudflare)<\/th><td class="num">\d+<\/td>/g)).toHaveLength(15);
  });
});
