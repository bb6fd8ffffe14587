import { UsageError } from '../errors.js';

/**
 * The `--fail-on` grammar, for any table of fields (bench's in fields.ts, the drill's in src/drill/gates.ts).
 * A gate FAILS when its comparison holds for a target.
 *
 *   fail-on := gate ("," gate)*
 *   gate    := [target ":"] field op ["$"] number [unit]
 *   op      := ">" | ">=" | "<" | "<=" | "==" | "!="
 *   number  := ["-"] digits ["." digits]
 *   unit    := "ms" | "s" | "%" | "usd"
 *
 * Without a target the gate applies to every target. Units must fit the field: a time takes ms or s, a rate
 * takes % (a bare number would be ambiguous between 0.02 and 2), money takes usd or "$" or nothing, a count
 * or tokens/s takes nothing. Everything is checked before any result is read, and an error points at the
 * column where the expression went wrong.
 */

export type Dimension = 'time' | 'rate' | 'money' | 'count';

export const OPERATORS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

/** The fields one command's gates can compare: how to find one, and what to say when none fits. */
export interface FieldTable {
  find(name: string): { name: string; dimension: Dimension } | undefined;
  /** Every canonical field name (for "known x.* fields" suggestions). */
  names: readonly string[];
  /** A field to name in "expected a field such as …". */
  sample: string;
  /** The grammar line and an example, shown under every error. */
  hint: string;
}

export interface Gate {
  /** The gate as written, trimmed. */
  text: string;
  target: string | undefined;
  field: string;
  dimension: Dimension;
  op: Operator;
  /** In the field's canonical unit: ms, a fraction, usd, or a plain number. */
  limit: number;
}

// Scaling is a decimal exponent applied to the digits as written ("1.1" s → Number("1.1e3")), so a limit
// is exactly the double a measured value like 7/100 rounds to, and boundaries compare as written.
const UNITS: Record<string, { dimension: Dimension; exponent: number }> = {
  ms: { dimension: 'time', exponent: 0 },
  s: { dimension: 'time', exponent: 3 },
  '%': { dimension: 'rate', exponent: -2 },
  usd: { dimension: 'money', exponent: 0 },
};
const WANT: Record<Dimension, string> = {
  time: 'a time: write the limit in ms or s, e.g. 800ms',
  rate: 'a rate: write the limit with %, e.g. 2%',
  money: 'an amount of money: write the limit in USD, e.g. 0.50 or 0.50usd',
  count: 'a plain number: write the limit without a unit',
};

/** Whether a gate's comparison holds (and so the gate fails). */
export const holds = (op: Operator, a: number, b: number): boolean =>
  op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : op === '<=' ? a <= b : op === '==' ? a === b : a !== b;

class Scanner {
  pos: number;
  constructor(
    readonly src: string,
    start: number,
    readonly end: number,
    readonly hint: string,
  ) {
    this.pos = start;
  }
  ws(): void {
    while (this.pos < this.end && /\s/.test(this.src[this.pos] as string)) this.pos++;
  }
  match(re: RegExp): string | undefined {
    const m = re.exec(this.src.slice(this.pos, this.end));
    if (!m || m.index !== 0) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
  fail(message: string, at = this.pos): never {
    const col = at + 1;
    throw new UsageError(`--fail-on: ${message} at column ${col}.`, `  ${this.src}\n  ${' '.repeat(at)}^\n${this.hint}`);
  }
  next(): string {
    return this.pos < this.end ? `"${this.src.slice(this.pos, this.pos + 8).split(/[\s,]/)[0] || this.src[this.pos]}"` : 'the end of the gate';
  }
}

function suggest(name: string, table: FieldTable): string {
  const head = name.split('.')[0] ?? '';
  const near = table.names.filter((f) => f.startsWith(`${head}.`));
  return near.length > 0 ? ` (known ${head}.* fields: ${near.slice(0, 12).join(', ')}${near.length > 12 ? ', …' : ''})` : '';
}

function parseGate(src: string, start: number, end: number, table: FieldTable): Gate {
  // Annotated so that TypeScript treats s.fail() as ending the path (narrowing after a `never` call).
  const s: Scanner = new Scanner(src, start, end, table.hint);
  s.ws();
  const first = s.pos;
  let ident = s.match(/^[A-Za-z0-9_][A-Za-z0-9_.-]*/);
  if (ident === undefined) s.fail(`expected a field such as ${table.sample}, found ${s.next()}`);
  s.ws();
  let target: string | undefined;
  let fieldAt = first;
  if (s.match(/^:/) !== undefined) {
    target = ident;
    s.ws();
    fieldAt = s.pos;
    ident = s.match(/^[A-Za-z0-9_][A-Za-z0-9_.-]*/);
    if (ident === undefined) s.fail(`expected a field after "${target}:", found ${s.next()}`);
    s.ws();
  }
  const def = table.find(ident);
  if (!def) s.fail(`unknown field "${ident}"${suggest(ident, table)}`, fieldAt);
  const opAt = s.pos;
  const op = s.match(/^(>=|<=|==|!=|>|<)/) as Operator | undefined;
  if (op === undefined) s.fail(`expected a comparison (> >= < <= == !=) after ${def.name}, found ${s.next()}`, opAt);
  s.ws();
  const numAt = s.pos;
  const dollar = s.match(/^\$/) !== undefined;
  const num = s.match(/^-?(\d+(\.\d+)?|\.\d+)/);
  if (num === undefined) s.fail(`expected a number after "${op}", found ${s.next()}`, dollar ? numAt + 1 : numAt);
  s.ws();
  const unitAt = s.pos;
  const unitText = s.match(/^[A-Za-z%]+/);
  s.ws();
  if (s.pos < end) s.fail(`unexpected ${s.next()} after the limit (separate gates with commas)`);
  const unitName = unitText?.toLowerCase() ?? (dollar ? 'usd' : undefined);
  if (dollar && unitText !== undefined && unitName !== 'usd') s.fail(`"$" and "${unitText}" do not go together`, unitAt);
  let exponent = 0;
  if (unitName !== undefined) {
    const unit = UNITS[unitName];
    if (!unit) s.fail(`unknown unit "${unitText}" (use ms, s, %, or usd)`, unitAt);
    if (unit.dimension !== def.dimension) s.fail(`${def.name} is ${WANT[def.dimension]}`, unitAt);
    exponent = unit.exponent;
  } else if (def.dimension === 'time' || def.dimension === 'rate') {
    s.fail(`${def.name} is ${WANT[def.dimension]}`, unitAt);
  }
  return { text: src.slice(first, end).trim(), target, field: def.name, dimension: def.dimension, op, limit: Number(`${num}e${exponent}`) };
}

/** Parse a whole `--fail-on` value against a table of fields. Throws UsageError (exit 2) saying where it failed. */
export function parseGatesWith(src: string, table: FieldTable): Gate[] {
  if (src.trim() === '') throw new UsageError('--fail-on: the expression is empty.', table.hint);
  const gates: Gate[] = [];
  let start = 0;
  for (let i = 0; i <= src.length; i++) {
    if (i < src.length && src[i] !== ',') continue;
    if (src.slice(start, i).trim() === '') {
      const s: Scanner = new Scanner(src, start, i, table.hint);
      s.ws();
      s.fail(`expected a gate, found ${i < src.length ? '","' : 'the end'}`, Math.min(s.pos, src.length - 1));
    }
    gates.push(parseGate(src, start, i, table));
    start = i + 1;
  }
  return gates;
}

/** A gate scoped to a target that is not in the results is a usage error, caught before anything runs. */
export function checkGateTargets(gates: readonly Gate[], targets: readonly string[]): void {
  for (const g of gates) {
    if (g.target !== undefined && !targets.includes(g.target)) {
      throw new UsageError(`--fail-on: gate "${g.text}" names the target "${g.target}", which is not among the results.`, `Targets: ${targets.join(', ')}.`);
    }
  }
}
