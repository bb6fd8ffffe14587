/**
 * Seeded, allocation-free randomness for the emulators. Every random decision (text, jitter, fault by rate) is
 * derived from (seed, endpoint, request index, purpose), so it does not depend on arrival order or timing.
 */

/** 32-bit FNV-1a over a string. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mix several integers/strings into one 32-bit seed. */
export function mixSeed(...parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) h = hash32(typeof p === 'number' ? `#${p}` : p, h);
  return h >>> 0;
}

/** mulberry32: a tiny, fast PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller) from a uniform source. */
export function normal(rng: () => number): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
