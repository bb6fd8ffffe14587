import { describe, expect, it } from 'vitest';
import { mulberry32, shuffled, subSeed } from '../../../src/bench/random.js';

/** The published algorithms, written out here (bryc's JavaScript PRNG collection; FNV-1a by Fowler–Noll–Vo). */
function referenceMulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function fnv1a(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

describe('seeded randomness', () => {
  it('mulberry32 gives the published sequence', () => {
    for (const seed of [0, 1, 42, 0xdeadbeef]) {
      const ours = mulberry32(seed);
      const ref = referenceMulberry32(seed);
      for (let i = 0; i < 5; i++) expect(ours()).toBe(ref());
    }
  });

  it('subSeed is FNV-1a over "#part" strings, starting from the basis xor the seed', () => {
    // the FNV-1a test vector: "a" → 0xe40c292c
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(subSeed(0, 'bootstrap')).toBe(fnv1a('#bootstrap'));
    expect(subSeed(7, 'round', 3)).toBe(fnv1a('#round#3', (0x811c9dc5 ^ 7) >>> 0));
  });

  it('shuffles a copy, keeping every item', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffled(items, mulberry32(5));
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((a, b) => a - b)).toEqual(items);
  });
});
