import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/html/render.js';
import type { DrillOnlyModel, ReportModel } from '../../../src/report/report-model.js';
import { drillDoc, row } from '../../helpers/drill-doc.js';
import { HOSTILE_BODY, RAW_CONTROL } from '../../helpers/hostile.js';
import { benchFixture } from '../../helpers/report-fixtures.js';

/**
 * The HTML report's "Failover drill" section, parsed (linkedom), from hand-built drill documents. litellm:
 * 3 rows pass, 1 safe, 2 fail; its worst row is the silent truncation (fail, and the most severe fail outcome
 * ahead of hang). portkey: both rows pass.
 */
const litellm = [
  row({ target: 'litellm', id: 'none', stream: true, outcome: 'ok', grade: 'pass', ms: 80 }),
  row({ target: 'litellm', id: 'http-500', stream: true, outcome: 'failed-over', grade: 'pass', p: 1, s: 1, extraTokens: 12 }),
  row({ target: 'litellm', id: 'http-500', stream: false, outcome: 'retried-ok', grade: 'pass', p: 3, s: 0 }),
  row({ target: 'litellm', id: 'reset', stream: false, outcome: 'error-surfaced', grade: 'safe', status: 502, errorText: HOSTILE_BODY }),
  row({ target: 'litellm', id: 'no-response', stream: false, outcome: 'hang', grade: 'fail', status: null, ms: 10_000 }),
  row({ target: 'litellm', id: 'stream-cut', stream: true, outcome: 'silent-truncation', grade: 'fail', ms: 40 }),
];
const portkey = [
  row({ target: 'portkey', gateway: 'portkey', id: 'none', stream: true, outcome: 'ok', grade: 'pass' }),
  row({ target: 'portkey', gateway: 'portkey', id: 'http-500', stream: true, outcome: 'failed-over', grade: 'pass', s: 1 }),
];
const doc = drillDoc([...litellm, ...portkey]);
const drillOnly = (): DrillOnlyModel => ({ drills: [{ file: 'drill.json', doc }], sources: ['drill.json'], generatedAt: '2026-12-06T13:00:00.000Z', version: '0.1.0' });

const dom = async (m: Parameters<typeof renderHtml>[0]) => parseHTML(await renderHtml(m)).document;
const text = (e: { textContent: string | null } | null) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('HTML report: Failover drill', () => {
  it('a drill alone: the drill section and its nav entry, no bench section, no chart', async () => {
    const d = await dom(drillOnly());
    expect(text(d.querySelector('h1'))).toBe('gateway-scout failover drill — 2026-12-06');
    expect([...d.querySelectorAll('nav a')].map((a) => a.getAttribute('href'))).toEqual(['#h-drill']);
    expect([...d.querySelectorAll('h2')].map((h) => h.id)).toEqual(['h-drill']);
    expect(d.querySelectorAll('figure.chart').length).toBe(0);
    expect(text(d.querySelector('footer'))).toBe('Sources: drill.json.');
  });

  it('per target: a headline with the counts as text and the worst finding', async () => {
    const d = await dom(drillOnly());
    const targets = [...d.querySelectorAll('article.drill-target')];
    expect(targets.map((t) => t.getAttribute('data-target'))).toEqual(['litellm', 'portkey']);
    expect(text(targets[0]!.querySelector('.drill-headline'))).toBe('✓ 3 pass ! 1 safe ✗ 2 fail — worst: silent-truncation on stream-cut (stream)');
    expect(text(targets[1]!.querySelector('.drill-headline'))).toBe('✓ 2 pass ! 0 safe ✗ 0 fail — every scenario passed');
    expect(text(targets[0]!.querySelector('h3'))).toBe('litellm litellm · gpt-4o-mini');
  });

  it('a verdict table per target: scenario × mode, a graded badge with its word, attempts, client status, time, extra tokens', async () => {
    const d = await dom(drillOnly());
    const t = d.querySelector('article[data-target="litellm"] table')!;
    expect(text(t.querySelector('caption'))).toMatch(/^litellm: one row per scenario and mode \(1 request each\)/);
    expect([...t.querySelectorAll('thead th')].map(text)).toEqual(['scenario', 'mode', 'outcome', 'P / S attempts', 'client saw', 'time ms', 'extra tokens']);
    const rows = [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map(text));
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['none', 'stream', '✓ pass ok', '1 / 0'],
      ['http-500', 'stream', '✓ pass failed-over', '1 / 1'],
      ['http-500', 'non-stream', '✓ pass retried-ok', '3 / 0'],
      ['reset', 'non-stream', '! safe error-surfaced', '1 / 0'],
      ['no-response', 'non-stream', '✗ fail hang', '1 / 0'],
      ['stream-cut', 'stream', '✗ fail silent-truncation', '1 / 0'],
    ]);
    // time: 80 ms; 10,000 ms for the hang; extra tokens 12 on the fail-over.
    expect(rows[0]![5]).toBe('80');
    expect(rows[4]![5]).toBe('10,000');
    expect(rows[4]![4]).toBe('no response');
    expect(rows[1]![6]).toBe('12');
    // The grade is a class (colour) and a word; the scenario's meaning is on hover.
    const badges = [...t.querySelectorAll('tbody .badge')].map((b) => `${b.getAttribute('data-grade')}:${b.getAttribute('class')}`);
    expect(badges).toEqual(['pass:badge pass', 'pass:badge pass', 'pass:badge pass', 'safe:badge warn', 'fail:badge fail', 'fail:badge fail']);
    expect(t.querySelector('tbody th span[title]')!.getAttribute('title')).toBe('control: nothing fails');
  });

  it("the gateway's error text is inert: no element, no script, no raw control character", async () => {
    const html = await renderHtml(drillOnly());
    const d = parseHTML(html).document;
    const err = d.querySelector('code.drill-error')!;
    expect(err.children.length).toBe(0);
    expect(err.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(err.textContent).toContain('\\x1b[2J');
    expect(d.querySelectorAll('script, img').length).toBe(0);
    expect(html).not.toMatch(RAW_CONTROL);
  });

  it('a legend of grades, every outcome and every scenario', async () => {
    const d = await dom(drillOnly());
    const lists = [...d.querySelectorAll('.drill-legend dl')].map((l) => [...l.querySelectorAll('dt')].map(text));
    expect(lists[0]).toEqual(['✓ pass', '! safe', '✗ fail']);
    expect(lists[1]).toEqual(['ok', 'retried-ok', 'failed-over', 'error-surfaced', 'silent-truncation', 'hang', 'retried-unrecoverable']);
    expect(lists[2]).toHaveLength(15);
    expect(text(d.querySelector('.drill-legend dl:last-of-type dd:nth-of-type(12)'))).toBe('primary ends its stream without data: [DONE] and keeps the connection open (stream only)');
  });

  it('marks a demo drill and an interrupted one', async () => {
    const m = drillOnly();
    m.drills = [{ file: 'demo.json', doc: { ...doc, demo: true, status: 'interrupted' } }];
    const d = await dom(m);
    expect([...d.querySelectorAll('#h-drill ~ p .badge')].map(text)).toEqual(['demo: emulated gateways, not a measurement', 'interrupted: the rows hold what was measured']);
  });

  it('with a bench result: the drill section after the bench sections, in the nav, before the configuration', async () => {
    const m: ReportModel = { bench: benchFixture('us-east/summary.json'), drills: [{ file: 'drill.json', doc }], sources: ['us-east', 'drill.json'], generatedAt: '2026-12-06T13:00:00.000Z', version: '0.1.0' };
    const d = await dom(m);
    const ids = [...d.querySelectorAll('h2')].map((h) => h.id);
    expect(ids.indexOf('h-drill')).toBe(ids.indexOf('h-cache') + 1);
    expect(ids.at(-1)).toBe('h-run');
    expect([...d.querySelectorAll('nav a')].map((a) => a.getAttribute('href'))).toContain('#h-drill');
    expect(d.querySelectorAll('article.drill-target').length).toBe(2);
  });
});
