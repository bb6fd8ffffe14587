import { describe, expect, it } from 'vitest';
import { applyOverrides, benchConfigSchema } from '../../../src/bench/config.js';
import { parseSloFlag } from '../../../src/bench/slo-flag.js';
import { UsageError } from '../../../src/errors.js';

describe('bench --slo', () => {
  it('reads bounds in ms or s and attainment in %', () => {
    expect(parseSloFlag('ttft=500ms,e2e=3s,attainment=99%')).toEqual({ ttftMs: 500, e2eMs: 3000, attainment: 0.99 });
    // 1.5 s = 1,500 ms; 99.9% = 0.999; attainment defaults to 95% as in the file
    expect(parseSloFlag(' itl = 1.5s ')).toEqual({ itlMs: 1500, attainment: 0.95 });
    expect(parseSloFlag('TTFT=250MS,attainment=99.9%')).toEqual({ ttftMs: 250, attainment: 0.999 });
    // Each bound alone is enough; decimals of more than one digit; a leading dot; the limits themselves.
    expect(parseSloFlag('e2e=3s')).toEqual({ e2eMs: 3000, attainment: 0.95 });
    expect(parseSloFlag('ttft=1.25s,itl=.25s')).toEqual({ ttftMs: 1250, itlMs: 250, attainment: 0.95 });
    expect(parseSloFlag('e2e=600s,attainment=100%')).toEqual({ e2eMs: 600000, attainment: 1 });
    expect(parseSloFlag('e2e=1s,attainment=99 %')).toEqual({ e2eMs: 1000, attainment: 0.99 });
    expect(parseSloFlag('e2e=1s,attainment=.5%')).toEqual({ e2eMs: 1000, attainment: 0.005 });
  });

  it.each([
    ['ttft=500', /ttft expects a time in ms or s/],
    ['ttft=0ms', /above 0 and at most 600s/],
    ['e2e=601s', /above 0 and at most 600s/],
    ['attainment=99%', /at least one bound/],
    ['ttft=1s,attainment=0.99', /attainment expects a percentage/],
    ['ttft=1s,attainment=101%', /at most 100%/],
    ['ttft=1s,ttft=2s', /ttft is given twice/],
    ['ttft=1s,,e2e=2s', /empty item/],
    ['ttft', /expected key=value/],
    ['p99=1s', /unknown key "p99"/],
    ['=1s', /unknown key ""/],
    ['ttft=1s, ,e2e=2s', /empty item/],
    ['ttft=500msx', /ttft expects a time/],
    ['ttft=x500ms', /ttft expects a time/],
    ['ttft=1s,attainment=0%', /above 0%/],
    ['ttft=1s,attainment=x99%', /attainment expects a percentage/],
    ['ttft=1s,attainment=99%x', /attainment expects a percentage/],
  ])('rejects %s with a usage error (exit 2)', (raw, message) => {
    const call = () => parseSloFlag(raw);
    expect(call).toThrow(UsageError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (e) {
      expect((e as UsageError).hint).toBe('Write --slo "ttft=500ms,e2e=3s,attainment=99%": bounds ttft, itl, e2e in ms or s; attainment in % (default 95%).');
    }
  });

  it('replaces the config\'s slo as a whole, and the schema accepts the result', () => {
    const raw = { slo: { ttftMs: 100, e2eMs: 900, attainment: 0.9 }, targets: [{ name: 'd', gateway: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'm', apiKeyEnv: 'K' }] };
    const { config } = applyOverrides(raw, { slo: parseSloFlag('ttft=500ms') });
    expect(config.slo).toEqual({ ttftMs: 500, attainment: 0.95 });
    expect(benchConfigSchema.parse(config).slo).toEqual({ ttftMs: 500, attainment: 0.95 });
  });
});
