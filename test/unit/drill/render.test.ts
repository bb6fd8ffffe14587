import { describe, expect, it } from 'vitest';
import { withGates, parseDrillGates } from '../../../src/drill/gates.js';
import { renderDrillMarkdown } from '../../../src/report/drill-markdown.js';
import { renderDrillTerminal } from '../../../src/report/drill-terminal.js';
import { drillHeading, sawText, timeText, verdictLine } from '../../../src/report/drill-text.js';
import type { DrillScenarioRow } from '../../../src/drill/document.js';
import { visibleWidth } from '../../../src/report/layout.js';
import { drillFixture } from '../../helpers/drill-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

/** The fixture with one hostile error text: an escape that would clear the screen, HTML and a table pipe. */
function hostile() {
  const doc = drillFixture();
  const row = doc.drill.scenarios.find((r) => r.grade === 'safe')!;
  row.details[0]!.errorText = '\u001b[2J<img src=x onerror=alert(1)> a|b';
  return doc;
}

describe('renderDrillTerminal', () => {
  it('puts a verdict per target first, then a table per target', () => {
    expect(renderDrillTerminal(drillFixture(), { width: 100, color: false })).toBe(
      [
        'Failover drill',
        '2026-12-06 21:00 UTC · 3 scenarios, streamed and not, 1 request each; the client gives up after 3 s',
        '',
        'Verdict',
        // litellm rows: none pass, http-500 stream pass, http-500 non-stream safe, stream-cut fail.
        '  ✗ litellm: 2 pass, 1 safe, 1 fail — silent truncation on stream-cut (stream)',
        '  ✓ portkey: 3 pass',
        '',
        'litellm: drill-model at http://127.0.0.1:4000/litellm/v1',
        '  scenario    mode        outcome            grade  P/S  status    time  extra tok',
        '  ──────────  ──────────  ─────────────────  ─────  ───  ──────  ──────  ─────────',
        '  none        stream      ok                 pass   1/0     200  120 ms          0',
        '  http-500    stream      failed over        pass   1/1     200  340 ms          0',
        '  http-500    non-stream  error surfaced     safe   1/0     500   25 ms          0',
        // The cut billed 10 prompt + 3 completion tokens, and no answer came whole: 13 extra.
        '  stream-cut  stream      silent truncation  fail   1/0     200   1.5 s         13',
        '',
        '  What the client saw where a row did not pass:',
        '  ! http-500 (non-stream): request 0: HTTP 500, partial or no answer; attempts: primary 1, secondary',
        '    0; error text: {"error":{"message":"The server had an error (drill)."}}',
        '  ✗ stream-cut (stream): request 0: HTTP 200, partial or no answer, no error; attempts: primary 1,',
        '    secondary 0',
        '',
        'portkey: drill-model at http://127.0.0.1:4000/portkey/v1',
        '  scenario    mode    outcome      grade  P/S  status    time  extra tok',
        '  ──────────  ──────  ───────────  ─────  ───  ──────  ──────  ─────────',
        '  none        stream  ok           pass   1/0     200   90 ms          0',
        '  http-500    stream  failed over  pass   1/1     200  200 ms          0',
        '  stream-cut  stream  failed over  pass   1/1     200  400 ms         13',
        '',
        'Grades: pass = the gateway hid the fault or surfaced the error it should; safe = the client got an',
        'error and can act; fail = silent truncation, a hang, a 400 retried, or a fault in the control. P/S =',
        'most attempts at the primary/secondary for one request.',
        '',
      ].join('\n'),
    );
  });

  it.each([40, 60, 80, 120])('fits every line in %i columns (a URL alone may not)', (width) => {
    const lines = renderDrillTerminal(hostile(), { width, color: false }).split('\n');
    for (const l of lines) if (!/^\s*\S+$/.test(l)) expect(visibleWidth(l), l).toBeLessThanOrEqual(width);
  });

  it('drops the lesser columns first on a narrow terminal', () => {
    const out = renderDrillTerminal(drillFixture(), { width: 60, color: false });
    expect(out).toContain('  scenario    mode        outcome            grade  P/S\n');
    expect(out).not.toContain('extra tok');
  });

  it('colours only when asked (NO_COLOR reaches it as color: false)', () => {
    expect(renderDrillTerminal(drillFixture(), { width: 100, color: false })).not.toMatch(ANSI);
    const coloured = renderDrillTerminal(drillFixture(), { width: 100, color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[31msilent truncation\u001b[39m');
  });

  it('shows a gateway\'s control characters escaped', () => {
    const out = renderDrillTerminal(hostile(), { width: 200, color: false });
    expect(out).toContain('error text: \\x1b[2J<img src=x onerror=alert(1)> a|b');
    expect(out).not.toContain('\u001b');
  });

  it('lists the warnings, and the gates that failed', () => {
    const doc = withGates({ ...drillFixture(), warnings: ['1 chat request reached the upstreams without a drill nonce.'] }, parseDrillGates('drill.silent-truncation > 0'));
    const out = renderDrillTerminal(doc, { width: 100, color: false });
    expect(out).toContain('\nWarnings\n  ! 1 chat request reached the upstreams without a drill nonce.\n');
    // litellm fails (1 > 0), portkey passes: 1 of 2 checks.
    expect(out).toContain('\nGates: 1 of 2 checks failed\n  ✗ gate "drill.silent-truncation > 0" failed for litellm: drill.silent-truncation is 1, limit > 0\n');
  });

  it('says when the run was interrupted or a demo', () => {
    const out = renderDrillTerminal(drillFixture({ status: 'interrupted', demo: true }), { width: 300, color: false });
    expect(out).toContain('; INTERRUPTED: the rows hold what was measured; demo: emulated gateways, not measurements of the real ones');
  });
});

describe('renderDrillMarkdown', () => {
  it('gives the verdicts, then a table per target', () => {
    const md = renderDrillMarkdown(drillFixture());
    expect(md.startsWith('### gateway-scout failover drill\n\n2026-12-06 21:00 UTC · 3 scenarios, streamed and not, 1 request each; the client gives up after 3 s\n\n**Verdict**\n\n- ❌ litellm: 2 pass, 1 safe, 1 fail — silent truncation on stream-cut (stream)\n- ✅ portkey: 3 pass\n')).toBe(true);
    expect(md).toContain(
      [
        '| scenario | mode | outcome | grade | attempts P/S | status | time | extra tokens |',
        '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
        '| none | stream | ok | ✅ pass | 1 / 0 | 200 | 120 ms | 0 |',
        '| http-500 | stream | failed over | ✅ pass | 1 / 1 | 200 | 340 ms | 0 |',
        '| http-500 | non-stream | error surfaced | ⚠️ safe | 1 / 0 | 500 | 25 ms | 0 |',
        '| stream-cut | stream | silent truncation | ❌ fail | 1 / 0 | 200 | 1.5 s | 13 |',
      ].join('\n'),
    );
    // The base URL is text, not an autolink.
    expect(md).toContain('drill-model at http\\://127.0.0.1:4000/litellm/v1');
  });

  it('makes a gateway\'s error text plain text: no HTML, and a pipe cannot end the cell', () => {
    const md = renderDrillMarkdown(hostile());
    // The escape shown as the text \x1b (its backslash escaped for markdown), < > [ escaped, | escaped for the cell.
    expect(md).toContain(String.raw`error text: \\x1b\[2J\<img src=x onerror=alert(1)\> a\|b`);
    // Every < is escaped: none opens a tag.
    expect(md).not.toMatch(/(?<!\\)<img/);
  });

  it('reports the gates', () => {
    const md = renderDrillMarkdown(withGates(drillFixture(), parseDrillGates('drill.fail > 0')));
    expect(md).toContain('**Gates: ❌ 1 of 2 checks failed**\n\n- ❌ gate "drill.fail \\> 0" failed for litellm: drill.fail is 1, limit \\> 0\n');
    expect(renderDrillMarkdown(withGates(drillFixture(), parseDrillGates('drill.hang > 0')))).toContain('**Gates: ✅ all 2 checks passed**');
  });
});

describe('drill text', () => {
  it('writes times in ms below a second, then seconds', () => {
    expect([timeText(0), timeText(999.4), timeText(1000), timeText(1250), timeText(9_960), timeText(31_400)]).toEqual(['0 ms', '999 ms', '1 s', '1.3 s', '10 s', '31 s']);
  });

  it('names each failing outcome once, a scenario with both modes failing without its mode', () => {
    const doc = drillFixture();
    const cut = doc.drill.scenarios.find((r) => r.id === 'stream-cut' && r.target === 'litellm')!;
    doc.drill.scenarios.push({ ...cut, stream: false });
    const none = doc.drill.scenarios.find((r) => r.id === 'none' && r.target === 'litellm')!;
    Object.assign(none, { outcome: 'hang', grade: 'fail' });
    const t = { ...doc.totals[0]!, pass: 1, fail: 3 };
    expect(verdictLine(doc, t)).toBe('litellm: 1 pass, 1 safe, 3 fail — hang on none (stream); silent truncation on stream-cut');
  });

  it('says when a target was not drilled at all', () => {
    const doc = drillFixture({ drill: { scenarios: [] } });
    expect(verdictLine(doc, doc.totals[0]!)).toBe('litellm: not drilled (the run stopped before its first scenario)');
  });
});

describe('what the client saw', () => {
  const base = () => drillFixture().drill.scenarios.find((r) => r.target === 'litellm' && r.id === 'stream-cut')!;
  const withRequest = (over: Partial<DrillScenarioRow['details'][number]>): DrillScenarioRow => {
    const row = base();
    return { ...row, details: [{ ...row.details[0]!, ...over }] };
  };

  it('says a 2xx with part of the answer had no error', () => {
    expect(sawText(base())).toBe('request 0: HTTP 200, partial or no answer, no error; attempts: primary 1, secondary 0');
  });

  it('names a give-up, an in-band error and a connection error, and leaves "no error" out then', () => {
    expect(sawText(withRequest({ clientStatus: null, timedOut: true, ms: 3000 }))).toBe('request 0: no response headers, gave up after 3 s; attempts: primary 1, secondary 0');
    expect(sawText(withRequest({ errorEvent: true }))).toBe('request 0: HTTP 200, partial or no answer, an error in the body; attempts: primary 1, secondary 0');
    expect(sawText(withRequest({ transportError: 'terminated' }))).toBe('request 0: HTTP 200, partial or no answer, connection error "terminated"; attempts: primary 1, secondary 0');
    // A 300 is no 2xx: nothing to call silent.
    expect(sawText(withRequest({ clientStatus: 300 }))).toBe('request 0: HTTP 300, partial or no answer; attempts: primary 1, secondary 0');
    expect(sawText(withRequest({ complete: true }))).toBe('request 0: HTTP 200, whole answer; attempts: primary 1, secondary 0');
  });

  it('clips a long error text to the given length, ellipsis included', () => {
    expect(sawText(withRequest({ errorText: 'abcdef' }), 6)).toMatch(/; error text: abcdef$/);
    expect(sawText(withRequest({ errorText: 'abcdefg' }), 6)).toMatch(/; error text: abcde…$/);
  });

  it('describes the request the row\'s outcome comes from, not the first', () => {
    const row = base();
    const first = { ...row.details[0]!, request: 0, outcome: 'failed-over' as const, grade: 'pass' as const, secondaryAttempts: 1 };
    const second = { ...row.details[0]!, request: 1 };
    expect(sawText({ ...row, details: [first, second] })).toMatch(/^request 1: /);
  });
});

describe('the heading', () => {
  it('says which modes ran and how many requests', () => {
    const doc = drillFixture();
    expect(drillHeading({ ...doc, config: { ...doc.config, stream: true, requests: 3 } })).toBe('2026-12-06 21:00 UTC · 3 scenarios, streamed, 3 requests each; the client gives up after 3 s');
    expect(drillHeading({ ...doc, config: { ...doc.config, stream: false }, generatedAt: '2026-12-06T21:05:09Z' })).toBe('2026-12-06 21:05 UTC · 3 scenarios, not streamed, 1 request each; the client gives up after 3 s');
  });

  it('lists a scenario failing in both modes once, beside one failing in one mode', () => {
    const doc = drillFixture();
    const cut = doc.drill.scenarios.find((r) => r.id === 'stream-cut' && r.target === 'litellm')!;
    doc.drill.scenarios.push({ ...cut, stream: false }, { ...cut, id: 'stream-stall' });
    expect(verdictLine(doc, { ...doc.totals[0]!, fail: 3 })).toBe('litellm: 2 pass, 1 safe, 3 fail — silent truncation on stream-cut, stream-stall (stream)');
  });
});
