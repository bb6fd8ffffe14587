import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { DRILL_GATE_FIELDS, evaluateDrillGates, parseDrillGates, withGates } from '../../../src/drill/gates.js';
import { buildDrillDocument } from '../../../src/drill/summarize.js';
import { gateResultSchema } from '../../../src/gates/result.js';
import { parseGates } from '../../../src/gates/parse.js';
import { attempt, refused, result, target } from '../../helpers/drill-builders.js';

const cut = () => attempt('primary', { action: 'cut', completionTokens: 3, completed: false });

/**
 * litellm: stream-cut truncated silently (fail), http-500 failed over (pass) after a cut-free refusal.
 * portkey: stream-cut surfaced (safe), http-500 failed over twice (pass).
 */
const INPUT: Parameters<typeof buildDrillDocument>[0] = {
  results: [
    result('stream-cut', { status: 200, complete: false }, [cut()], { target: 'litellm' }),
    result('http-500', {}, [refused(500), attempt('secondary')], { target: 'litellm' }),
    result('stream-cut', { status: 200, complete: false, transportError: 'terminated' }, [cut()], { target: 'portkey' }),
    result('http-500', {}, [refused(500), attempt('secondary')], { target: 'portkey', request: 0 }),
    result('http-500', {}, [refused(500), attempt('secondary')], { target: 'portkey', request: 1 }),
  ],
  targets: [target('litellm', 'litellm'), target('portkey', 'portkey')],
  config: { scenarios: ['http-500', 'stream-cut'], requests: 1, stream: true, timeoutsMs: { request: 1000 }, faults: { slowTtftMs: 1, retryAfterS: 1, cutAfterChunks: 3, answerTokens: 24 }, pauseMs: 0 },
  demo: false,
  interrupted: false,
  unattributed: 0,
  generatedAt: '2026-12-06T21:00:00.000Z',
  version: '0.1.0',
};
const DOC = buildDrillDocument(INPUT);

function failure(src: string): UsageError {
  try {
    parseDrillGates(src);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error(`expected "${src}" to be rejected`);
}

describe('drill --fail-on: parsing', () => {
  it('knows one field per outcome, per grade, and the extra tokens', () => {
    expect(DRILL_GATE_FIELDS.map((f) => f.name)).toEqual([
      'drill.ok', 'drill.retried-ok', 'drill.failed-over', 'drill.error-surfaced', 'drill.silent-truncation', 'drill.hang', 'drill.retried-unrecoverable',
      'drill.fail', 'drill.safe', 'drill.pass', 'drill.extraTokens',
    ]);
  });

  it('reads gates with and without a target, as bench does', () => {
    expect(parseDrillGates('drill.silent-truncation > 0, portkey:drill.fail >= 2')).toEqual([
      { text: 'drill.silent-truncation > 0', target: undefined, field: 'drill.silent-truncation', dimension: 'count', op: '>', limit: 0 },
      { text: 'portkey:drill.fail >= 2', target: 'portkey', field: 'drill.fail', dimension: 'count', op: '>=', limit: 2 },
    ]);
  });

  it('refuses a unit on a count, with bench\'s message', () => {
    // "drill.hang" is columns 1–10, then " > 1" (11–14): the "%" is at column 15.
    expect(failure('drill.hang > 1%').message).toBe('--fail-on: drill.hang is a plain number: write the limit without a unit at column 15.');
  });

  it('refuses bench fields and suggests the drill\'s, pointing at the column', () => {
    const e = failure('ttft.p95 > 800ms');
    expect(e.message).toBe('--fail-on: unknown field "ttft.p95" at column 1.');
    const near = failure('drill.truncated > 0');
    expect(near.message).toMatch(/^--fail-on: unknown field "drill.truncated" \(known drill\.\* fields: drill\.ok, drill\.retried-ok, .*, drill\.extraTokens\) at column 1\.$/);
    expect(near.hint).toContain('  drill.truncated > 0\n  ^\n');
    expect(near.hint).toContain('Example: --fail-on "drill.silent-truncation > 0');
  });

  it('names a drill field when no field is given, and the grammar in the hint', () => {
    const e = failure(' > 0');
    expect(e.message).toBe('--fail-on: expected a field such as drill.silent-truncation, found ">" at column 2.');
    expect(e.hint).toMatch(/Grammar: \[target:\]field op number, comma-separated/);
    expect(failure('').message).toBe('--fail-on: the expression is empty.');
  });

  it('leaves bench gates as they were (bench knows no drill field)', () => {
    expect(parseGates('ttft.p95 > 800ms')[0]!.limit).toBe(800);
    expect(() => parseGates('drill.fail > 0')).toThrow(/unknown field "drill.fail"/);
  });
});

describe('drill --fail-on: evaluation', () => {
  it('fails the targets that truncated silently, and says why', () => {
    const r = evaluateDrillGates(parseDrillGates('drill.silent-truncation > 0'), DOC);
    // litellm: 1 silent truncation → 1 > 0 holds → fail; portkey: 0 → pass.
    expect(r).toEqual([
      { gate: 'drill.silent-truncation > 0', target: 'litellm', field: 'drill.silent-truncation', op: '>', limit: 0, measured: 1, unit: null, status: 'fail', message: 'gate "drill.silent-truncation > 0" failed for litellm: drill.silent-truncation is 1, limit > 0' },
      { gate: 'drill.silent-truncation > 0', target: 'portkey', field: 'drill.silent-truncation', op: '>', limit: 0, measured: 0, unit: null, status: 'pass', message: 'portkey: drill.silent-truncation is 0 (fails if > 0)' },
    ]);
    for (const x of r) expect(gateResultSchema.safeParse(x).success).toBe(true);
  });

  it('counts rows per grade', () => {
    // litellm rows: http-500 pass, stream-cut fail; portkey: http-500 pass, stream-cut safe (error-surfaced).
    const r = evaluateDrillGates(parseDrillGates('drill.pass < 1, drill.safe >= 1, drill.fail != 0'), DOC);
    expect(r.map((x) => [x.field, x.target, x.measured, x.status])).toEqual([
      ['drill.pass', 'litellm', 1, 'pass'],
      ['drill.pass', 'portkey', 1, 'pass'],
      ['drill.safe', 'litellm', 0, 'pass'],
      ['drill.safe', 'portkey', 1, 'fail'],
      ['drill.fail', 'litellm', 1, 'fail'],
      ['drill.fail', 'portkey', 0, 'pass'],
    ]);
  });

  it('counts requests per outcome and sums the extra tokens per target', () => {
    // portkey: 2 failed-over requests; extra tokens: its cut 10 + 3 = 13 (http-500 refusals bill nothing).
    const r = evaluateDrillGates(parseDrillGates('portkey:drill.failed-over == 2, portkey:drill.extraTokens > 12, portkey:drill.error-surfaced <= 0'), DOC);
    expect(r.map((x) => [x.target, x.measured, x.status])).toEqual([
      ['portkey', 2, 'fail'],
      ['portkey', 13, 'fail'],
      ['portkey', 1, 'pass'],
    ]);
  });

  it('sums the extra tokens of each target\'s own rows', () => {
    const more = buildDrillDocument({ ...INPUT, results: [...INPUT.results, result('stream-cut', { status: 200, complete: false }, [cut(), cut()], { target: 'litellm', request: 1 })] });
    // litellm: 13 (its first cut) + 26 (two cuts, nothing whole) = 39; portkey still 13.
    expect(evaluateDrillGates(parseDrillGates('drill.extraTokens > 20'), more).map((x) => [x.target, x.measured, x.status])).toEqual([
      ['litellm', 39, 'fail'],
      ['portkey', 13, 'pass'],
    ]);
  });

  it('describes every field', () => {
    for (const f of DRILL_GATE_FIELDS) expect(f.help.length).toBeGreaterThan(10);
    expect(DRILL_GATE_FIELDS.find((f) => f.name === 'drill.hang')!.help).toBe('requests whose outcome was hang');
    expect(DRILL_GATE_FIELDS.find((f) => f.name === 'drill.safe')!.help).toBe('scenario rows graded safe');
  });

  it('sets passed from the gates', () => {
    expect(withGates(DOC, parseDrillGates('drill.hang > 0')).passed).toBe(true);
    const failed = withGates(DOC, parseDrillGates('drill.silent-truncation > 0'));
    expect(failed.passed).toBe(false);
    expect(failed.gates).toHaveLength(2);
  });
});
