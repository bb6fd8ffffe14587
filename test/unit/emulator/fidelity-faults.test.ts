import { describe, expect, it } from 'vitest';
import { mangleSseUsage, mangleUsage, parseFaultSpec, pickFault, type UsageFault } from '../../../src/emulator/faults.js';

/** The faults behind the stream-fidelity and usage-audit checks: parsing and the pure usage rewrite. */

const usage = { prompt_tokens: 27, completion_tokens: 8, total_tokens: 35, prompt_tokens_details: { cached_tokens: 0 } };
const inflate = (factor: number): UsageFault => ({ kind: 'usage', mode: 'inflate', factor });

describe('parsing', () => {
  it('buffer, usage-missing, usage-zero and usage-inflate (default ×2, or the factor given)', () => {
    expect(parseFaultSpec('litellm:buffer').fault).toEqual({ kind: 'buffer' });
    expect(parseFaultSpec('litellm:usage-missing').fault).toEqual({ kind: 'usage', mode: 'missing', factor: 1 });
    expect(parseFaultSpec('litellm:usage-zero@every=2').fault).toEqual({ kind: 'usage', mode: 'zero', factor: 1 });
    expect(parseFaultSpec('litellm:usage-inflate').fault).toEqual(inflate(2));
    expect(parseFaultSpec('openrouter:usage-inflate=1.25').fault).toEqual(inflate(1.25));
  });

  it('bad arguments are refused with the reason', () => {
    expect(() => parseFaultSpec('litellm:buffer=3')).toThrow(/buffer takes no argument/);
    expect(() => parseFaultSpec('litellm:usage-zero=1')).toThrow(/usage-zero takes no argument/);
    for (const bad of ['0', '-1', 'x', '', '1001']) expect(() => parseFaultSpec(`litellm:usage-inflate=${bad}`)).toThrow(/inflate factor must be a number above 0/);
    expect(() => parseFaultSpec('litellm:usage-double')).toThrow(/buffer, usage-missing, usage-zero, usage-inflate/);
  });

  it('scheduled like any fault', () => {
    const rules = [parseFaultSpec('litellm:usage-zero@every=2')];
    expect([1, 2, 3, 4].map((i) => pickFault(rules, 'litellm', i, 1)?.kind ?? null)).toEqual([null, 'usage', null, 'usage']);
  });
});

describe('mangleUsage', () => {
  it('zero: prompt, completion and total 0; the rest kept', () => {
    expect(mangleUsage({ id: 'x', usage }, { kind: 'usage', mode: 'zero', factor: 1 })).toEqual({ id: 'x', usage: { ...usage, prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });
  });

  it('inflate ×1.5: 27 → 40.5 → 41 (rounded), 8 → 12, total 53', () => {
    expect(mangleUsage({ usage }, inflate(1.5))).toEqual({ usage: { ...usage, prompt_tokens: 41, completion_tokens: 12, total_tokens: 53 } });
  });

  it('missing: the field goes; a usage-only chunk (empty choices) goes altogether', () => {
    const missing: UsageFault = { kind: 'usage', mode: 'missing', factor: 1 };
    expect(mangleUsage({ id: 'x', choices: [{ index: 0 }], usage }, missing)).toEqual({ id: 'x', choices: [{ index: 0 }] });
    expect(mangleUsage({ id: 'x', choices: [], usage }, missing)).toBeNull();
  });

  it('an object without usage passes unchanged', () => {
    const o = { id: 'x', choices: [] };
    expect(mangleUsage(o, inflate(2))).toBe(o);
  });
});

describe('mangleSseUsage', () => {
  const chunk = 'data: {"id":"a","choices":[{"delta":{"content":"hi"}}]}';
  const usageChunk = `data: {"id":"a","choices":[],"usage":${JSON.stringify(usage)}}`;

  it('rewrites only the data lines that carry usage', () => {
    const text = `${chunk}\n\n${usageChunk}\n\ndata: [DONE]\n\n`;
    const out = mangleSseUsage(text, inflate(2));
    expect(out.split('\n\n')[0]).toBe(chunk);
    expect(JSON.parse(out.split('\n\n')[1]!.slice(6)).usage).toMatchObject({ prompt_tokens: 54, completion_tokens: 16, total_tokens: 70 });
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('missing: the usage-only chunk becomes an empty line; unparseable lines are left alone', () => {
    expect(mangleSseUsage(usageChunk, { kind: 'usage', mode: 'missing', factor: 1 })).toBe('');
    const broken = 'data: {"usage": {';
    expect(mangleSseUsage(broken, inflate(2))).toBe(broken);
    expect(mangleSseUsage(chunk, inflate(2))).toBe(chunk);
  });
});
