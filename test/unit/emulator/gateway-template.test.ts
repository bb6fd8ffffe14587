import { describe, expect, it } from 'vitest';
import { fillIds, fillTemplate, formatModel, newGatewayId, parseModel, setPath } from '../../../src/emulator/gateway-template.js';

/** The pure helpers of the data-driven gateway emulator (src/emulator/gateway-template.ts). */

describe('templates and model patterns (pure)', () => {
  it('fills placeholders: whole-string ones keep their type, inner ones become text, unknown ones stay', () => {
    const t = { a: '{status}', b: 'x {message} y', c: ['{model}'], d: '{nope}', e: 7, f: '{upstreamError}' };
    expect(fillTemplate(t, { status: 503, message: 'm', model: 'openai/x', upstreamError: { code: 1 } })).toEqual({
      a: 503,
      b: 'x m y',
      c: ['openai/x'],
      d: '{nope}',
      e: 7,
      f: { code: 1 },
    });
  });

  it('only a placeholder that is the whole string keeps its type', () => {
    expect(fillTemplate('code {status}', { status: 503 })).toBe('code 503');
    expect(fillTemplate('{status} code', { status: 503 })).toBe('503 code');
  });

  it('a catalog id without an author (or with an empty one) formats with an empty author', () => {
    expect(formatModel('{author}:{slug}', 'bare')).toBe(':bare');
    expect(formatModel('{author}|{slug}', '/x')).toBe('|x');
  });

  it('a pattern with no {slug} names no model; a bare-slug pattern gives no author key', () => {
    expect(parseModel('fixed', 'fixed')).toBeUndefined();
    expect(parseModel('{slug}', 'gpt-4o-mini')).toStrictEqual({ slug: 'gpt-4o-mini' });
    expect(parseModel('{author}/{slug}', 'openai/gpt-4o-mini')).toStrictEqual({ author: 'openai', slug: 'gpt-4o-mini' });
  });

  it('formats and parses model names', () => {
    expect(formatModel('{slug}', 'openai/gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(formatModel('{author}/{slug}', 'openai/gpt-4o-mini')).toBe('openai/gpt-4o-mini');
    expect(formatModel('tensorzero::model_name::{author}::{slug}', 'openai/gpt-4o-mini')).toBe('tensorzero::model_name::openai::gpt-4o-mini');
    expect(parseModel('tensorzero::model_name::{author}::{slug}', 'tensorzero::model_name::openai::gpt-4o-mini')).toEqual({ author: 'openai', slug: 'gpt-4o-mini' });
    expect(parseModel('tensorzero::model_name::{author}::{slug}', 'gpt-4o-mini')).toBeUndefined();
    expect(parseModel('{author}/{slug}', 'meta-llama/llama-3.1-8b')).toEqual({ author: 'meta-llama', slug: 'llama-3.1-8b' });
    expect(parseModel('{author}/{slug}', 'gpt-4o-mini')).toBeUndefined();
    expect(parseModel('{slug}', 'gpt-4o-mini')).toEqual({ slug: 'gpt-4o-mini' });
    // a dot in the pattern is literal, not "any character"
    expect(parseModel('a.{slug}', 'abx')).toBeUndefined();
  });

  it('makes ids in the shapes real gateways use', () => {
    expect(newGatewayId('uuid', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newGatewayId('hex32', 0)).toMatch(/^[0-9a-f]{32}$/);
    // random parts: two ids differ (the chance of a clash is nil)
    expect(newGatewayId('hex32', 0)).not.toBe(newGatewayId('hex32', 0));
    expect(newGatewayId('gen-ulid', 0).slice(14)).not.toBe(newGatewayId('gen-ulid', 0).slice(14));
    expect(newGatewayId('vercel', 1_700_000_000_123.7)).toMatch(/^emu1::[0-9a-f]{5}-1700000000123-[0-9a-f]{12}$/);
    // ULID time part, 1,700,000,000,000 ms in Crockford base32 (0-9, A-H, J, K, M, N, P-T, V-Z), by hand:
    //   ÷32^9 → 0; ÷32^8 (1,099,511,627,776) → 1; ÷32^7 (34,359,738,368) → 17 = H; ÷32^6 → 15 = F;
    //   ÷32^5 → 7; ÷32^4 → 30 = Y; ÷32^3 → 10 = A; ÷32^2 → 26 = T; remainder 0 → 0, 0
    const id = newGatewayId('gen-ulid', 1_700_000_000_000);
    expect(id).toMatch(/^gen_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id.slice(4, 14)).toBe('01HF7YAT00');
  });

  it('fills {id:FORMAT} in header values, leaves unknown formats', () => {
    expect(fillIds('x {id:hex32} y', 0)).toMatch(/^x [0-9a-f]{32} y$/);
    expect(fillIds('{id:nope}', 0)).toBe('{id:nope}');
    expect(fillIds('plain', 0)).toBe('plain');
  });

  it('sets a dotted path, creating objects on the way and replacing non-objects', () => {
    const o: Record<string, unknown> = { usage: { prompt_tokens: 1 }, a: 5 };
    setPath(o, 'usage.tensorzero_cost', 0.5);
    setPath(o, 'a.b', 1);
    setPath(o, 'top', 2);
    expect(o).toEqual({ usage: { prompt_tokens: 1, tensorzero_cost: 0.5 }, a: { b: 1 }, top: 2 });
  });
});
