import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failoverFileSchema } from '../../../src/drill/behaviour-schema.js';
import { DEFAULT_FAILOVER, parseFailoverFile, shippedFailover } from '../../../src/drill/failover-data.js';
import { InputError } from '../../../src/errors.js';

/** data/failover.json: valid, one entry per catalog gateway, every block sourced, and the reported behaviours kept. */

const catalog = JSON.parse(readFileSync(new URL('../../../data/gateways.json', import.meta.url), 'utf8')) as { gateways: { id: string }[] };
const entries = shippedFailover();
const byId = (id: string) => entries.find((e) => e.gateway === id)!;
const BLOCKS = ['retry', 'fallback', 'timeout', 'streamBreak', 'brokenBody'] as const;

describe('data/failover.json', () => {
  it('validates against its schema', () => {
    expect(failoverFileSchema.safeParse(JSON.parse(readFileSync(DEFAULT_FAILOVER, 'utf8'))).success).toBe(true);
  });

  it('has exactly one entry per catalog gateway', () => {
    expect(entries.map((e) => e.gateway).sort()).toEqual(catalog.gateways.map((g) => g.id).sort());
  });

  it('sources every block at a URL, and says what is assumed where it is unverified', () => {
    for (const e of entries) {
      for (const k of BLOCKS) {
        expect(e[k].source, `${e.gateway}.${k}`).toMatch(/^https:\/\//);
        if (e[k].status === 'unverified') expect(e[k].note, `${e.gateway}.${k} is unverified`).toBeTruthy();
      }
    }
  });

  it('pins GitHub sources to a commit (or cites an issue)', () => {
    for (const e of entries) {
      for (const k of BLOCKS) {
        const url = e[k].source;
        if (url.startsWith('https://github.com/')) expect(url, `${e.gateway}.${k}`).toMatch(/\/blob\/[0-9a-f]{40}\/|\/issues\/\d+$/);
      }
    }
  });

  it('keeps the reported behaviours of the issue: Portkey ends a cut stream cleanly (#1797), Bifrost never falls back after the first chunk (#5395)', () => {
    expect(byId('portkey').streamBreak).toMatchObject({ mode: 'clean-end', source: 'https://github.com/Portkey-AI/gateway/issues/1797', status: 'verified' });
    expect(byId('bifrost').fallback.afterFirstChunk).toBe(false);
    expect(byId('bifrost').streamBreak.source).toBe('https://github.com/maximhq/bifrost/issues/5395');
  });

  it('records the documented retry defaults: LiteLLM 2 retries honouring Retry-After, Bifrost and Portkey none', () => {
    expect(byId('litellm').retry).toMatchObject({ maxRetries: 2, honoursRetryAfter: true });
    expect(byId('bifrost').retry.maxRetries).toBe(0);
    expect(byId('portkey').retry.maxRetries).toBe(0);
  });

  it('Kong never sends a 400 to the fallback (not a failover criterion); the others do', () => {
    expect(entries.filter((e) => !e.fallback.onBadRequest).map((e) => e.gateway)).toEqual(['kong']);
  });
});

describe('parseFailoverFile', () => {
  it('names the file and the field of a bad entry', () => {
    const bad = { checked: '2026-12-06', failover: [{ ...byId('portkey'), streamBreak: { mode: 'vanish', source: 'https://example.com', status: 'verified' } }] };
    try {
      parseFailoverFile(JSON.stringify(bad), 'x.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).file).toBe('x.json');
      expect((e as InputError).issues.map((i) => i.path)).toContain('failover[0].streamBreak.mode');
    }
  });

  it('refuses a 400 in a status list (onBadRequest says it), a duplicate gateway, and a stream held back without a retried broken body', () => {
    const p = byId('portkey');
    const issues = (doc: unknown): string[] => {
      const r = failoverFileSchema.safeParse(doc);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(issues({ checked: '2026-12-06', failover: [{ ...p, fallback: { ...p.fallback, on: [400] } }] })).toContain('failover.0.fallback.on.0');
    expect(issues({ checked: '2026-12-06', failover: [p, p] })).toContain('failover.1.gateway');
    expect(issues({ checked: '2026-12-06', failover: [{ ...p, fallback: { ...p.fallback, afterFirstChunk: true } }] })).toContain('failover.0.brokenBody.mode');
  });

  it('says when the file is not JSON', () => {
    expect(() => parseFailoverFile('{', 'y.json')).toThrow(/y\.json is not valid JSON/);
  });
});
