import { describe, expect, it } from 'vitest';
import { capacityRps } from '../../../src/emulator/capacity.js';
import { applyProfileFlags, profileFileSchema, resolveProfileFile, ZERO_PROFILE } from '../../../src/emulator/profile.js';

/** Emulator capacity as settings: its true rate, the `emulate --capacity` flag, and profile files. */

describe('emulator capacity settings', () => {
  it('the true capacity is slots × 1000 / serviceMs', () => {
    // 4 × 1000 / 50 = 80/s; 3 × 1000 / 100 = 30/s; 1 × 1000 / 80 = 12.5/s.
    expect(capacityRps({ slots: 4, serviceMs: 50 })).toBe(80);
    expect(capacityRps({ slots: 3, serviceMs: 100 })).toBe(30);
    expect(capacityRps({ slots: 1, serviceMs: 80 })).toBe(12.5);
  });

  it('--capacity sets endpoints by id, built-in or data-driven, and names bad parts', () => {
    const p = applyProfileFlags(ZERO_PROFILE, { capacity: 'litellm=4x50, kong=2x12.5,provider=1x1' }, ['kong']);
    expect(p.capacity).toEqual({ litellm: { slots: 4, serviceMs: 50 }, kong: { slots: 2, serviceMs: 12.5 }, provider: { slots: 1, serviceMs: 1 } });
    expect(p.name).toBe('zero+flags (litellm 4×50 ms, kong 2×12.5 ms, provider 1×1 ms)');
    // The base profile is not changed.
    expect(ZERO_PROFILE.capacity).toEqual({});
    expect(() => applyProfileFlags(ZERO_PROFILE, { capacity: 'nope=1x1' })).toThrow(/--capacity expects ENDPOINT=SLOTSxMS.*got "nope=1x1"/);
    expect(() => applyProfileFlags(ZERO_PROFILE, { capacity: 'litellm=4' })).toThrow(/--capacity expects/);
    expect(() => applyProfileFlags(ZERO_PROFILE, { capacity: 'litellm=0x50' })).toThrow(/--capacity slots expects/);
    expect(() => applyProfileFlags(ZERO_PROFILE, { capacity: 'litellm=2x0' })).toThrow(/--capacity service time expects/);
  });

  it('a profile file adds capacities over its base', () => {
    const file = profileFileSchema.parse({ extends: 'zero', capacity: { openrouter: { slots: 2, serviceMs: 40 } } });
    expect(resolveProfileFile(file).profile.capacity).toEqual({ openrouter: { slots: 2, serviceMs: 40 } });
    expect(profileFileSchema.safeParse({ capacity: { openrouter: { slots: 0, serviceMs: 40 } } }).success).toBe(false);
  });
});
