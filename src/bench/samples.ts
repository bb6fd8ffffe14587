import { ERROR_CLASSES, type CacheStatus, type ErrorClass, type Sample } from './metrics.js';

/**
 * The numbers the summary needs of every measured request, kept in typed columns (pure). Exact percentiles and
 * the round bootstrap need each request's values, but not its record: records go to disk, and this keeps about
 * 170 bytes a request (20,000 requests: under 4 MB), where an object per request would keep several times that.
 */

const NUMBERS = [
  'round',
  'headersMs',
  'ttftMs',
  'e2eMs',
  'itlMs',
  'tokensPerSecond',
  'lagMs',
  'inputTokens',
  'outputTokens',
  'costUsd',
  'gatewayCostUsd',
  'computedCostUsd',
  'selfReportedMs',
  'startedAt',
  'tokenChunks',
  'tokenSpanMs',
  'finalBurstShare',
  'outputChars',
] as const;
export type NumberField = (typeof NUMBERS)[number];

const COST_SOURCES = ['gateway', 'computed', 'unknown'] as const;
const CACHE = [null, 'hit', 'miss'] as const;
const OK = 1;
const USAGE = 2;

export class SampleTable {
  private n = 0;
  private cap = 0;
  private readonly num = new Map<NumberField, Float64Array>();
  private target = new Uint16Array(0);
  private error = new Uint8Array(0);
  private source = new Uint8Array(0);
  private cache = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private readonly names: string[] = [];

  get length(): number {
    return this.n;
  }

  private grow(): void {
    const cap = Math.max(256, this.cap * 2);
    const widen = <T extends Float64Array | Uint8Array | Uint16Array>(old: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(old);
      return next;
    };
    for (const f of NUMBERS) this.num.set(f, widen(this.num.get(f) ?? new Float64Array(0), (k) => new Float64Array(k)));
    this.target = widen(this.target, (k) => new Uint16Array(k));
    this.error = widen(this.error, (k) => new Uint8Array(k));
    this.source = widen(this.source, (k) => new Uint8Array(k));
    this.cache = widen(this.cache, (k) => new Uint8Array(k));
    this.flags = widen(this.flags, (k) => new Uint8Array(k));
    this.cap = cap;
  }

  push(s: Sample): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    for (const f of NUMBERS) this.num.get(f)![i] = s[f] ?? NaN;
    let t = this.names.indexOf(s.target);
    if (t < 0) t = this.names.push(s.target) - 1;
    this.target[i] = t;
    this.error[i] = s.errorClass === null ? 0 : ERROR_CLASSES.indexOf(s.errorClass) + 1;
    this.source[i] = COST_SOURCES.indexOf(s.costSource);
    this.cache[i] = CACHE.indexOf(s.cacheStatus);
    this.flags[i] = (s.ok ? OK : 0) | (s.usageReported ? USAGE : 0);
  }

  /** The rows of one target (all of them, or only the successful ones). */
  rows(target: string, okOnly = false): Rows {
    const t = this.names.indexOf(target);
    const idx: number[] = [];
    if (t >= 0) for (let i = 0; i < this.n; i++) if (this.target[i] === t && (!okOnly || this.flags[i]! & OK)) idx.push(i);
    return new Rows(this, Uint32Array.from(idx));
  }

  /** @internal */ numberAt(f: NumberField, i: number): number {
    return this.num.get(f)![i]!;
  }
  /** @internal */ errorAt(i: number): ErrorClass | null {
    const e = this.error[i]!;
    return e === 0 ? null : ERROR_CLASSES[e - 1]!;
  }
  /** @internal */ sourceAt(i: number): (typeof COST_SOURCES)[number] {
    return COST_SOURCES[this.source[i]!]!;
  }
  /** @internal */ cacheAt(i: number): CacheStatus {
    return CACHE[this.cache[i]!]!;
  }
  /** @internal */ flagAt(i: number, flag: number): boolean {
    return (this.flags[i]! & flag) !== 0;
  }

  /** Earliest start and latest end (epoch ms) over every row. */
  span(): { first: number; last: number } | undefined {
    if (this.n === 0) return undefined;
    let first = Infinity;
    let last = -Infinity;
    const start = this.num.get('startedAt')!;
    const e2e = this.num.get('e2eMs')!;
    for (let i = 0; i < this.n; i++) {
      first = Math.min(first, start[i]!);
      last = Math.max(last, start[i]! + e2e[i]!);
    }
    return { first, last };
  }
}

/** A selection of rows of one table. Null values are NaN inside and come out as null. */
export class Rows {
  constructor(
    private readonly table: SampleTable,
    readonly index: Uint32Array,
  ) {}

  get size(): number {
    return this.index.length;
  }

  /** The field of each row, null where the request had none. */
  values(f: NumberField): (number | null)[] {
    const out = new Array<number | null>(this.index.length);
    for (let k = 0; k < this.index.length; k++) {
      const v = this.table.numberAt(f, this.index[k]!);
      out[k] = Number.isNaN(v) ? null : v;
    }
    return out;
  }

  /** Sum of a field over the rows where it is known. */
  sum(f: NumberField, where?: (i: number) => boolean): number {
    let s = 0;
    for (const i of this.index) {
      const v = this.table.numberAt(f, i);
      if (!Number.isNaN(v) && (!where || where(i))) s += v;
    }
    return s;
  }

  count(where: (i: number) => boolean): number {
    let c = 0;
    for (const i of this.index) if (where(i)) c++;
    return c;
  }

  has = (f: NumberField) => (i: number): boolean => !Number.isNaN(this.table.numberAt(f, i));
  number = (f: NumberField, i: number): number => this.table.numberAt(f, i);
  error = (i: number): ErrorClass | null => this.table.errorAt(i);
  source = (i: number) => this.table.sourceAt(i);
  cache = (i: number): CacheStatus => this.table.cacheAt(i);
  usageReported = (i: number): boolean => this.table.flagAt(i, USAGE);
  ok = (i: number): boolean => this.table.flagAt(i, OK);
}
