/** A tiny exact-match response cache with per-entry TTL and an injectable clock (ms). */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; storedAt: number; expiresAt: number }>();
  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): { value: V; storedAt: number; expiresAt: number } | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (this.now() >= e.expiresAt) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }

  set(key: string, value: V, ttlSec: number): void {
    if (this.map.size >= this.maxEntries) {
      const first = this.map.keys().next();
      if (!first.done) this.map.delete(first.value);
    }
    const now = this.now();
    this.map.set(key, { value, storedAt: now, expiresAt: now + ttlSec * 1000 });
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
