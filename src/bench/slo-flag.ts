import { UsageError } from '../errors.js';
import type { Slo } from './slo.js';

/**
 * `bench --slo "ttft=500ms,e2e=3s,itl=50ms,attainment=99%"` (pure). The flag replaces the config's `slo` as a
 * whole (a bound the flag leaves out is not kept from the file: one place states the objective); attainment
 * defaults to 95% as in the file. Bounds take ms or s, attainment takes %.
 */

const HINT = 'Write --slo "ttft=500ms,e2e=3s,attainment=99%": bounds ttft, itl, e2e in ms or s; attainment in % (default 95%).';
const BOUNDS = { ttft: 'ttftMs', itl: 'itlMs', e2e: 'e2eMs' } as const;
const MAX_MS = 600_000;

const bad = (message: string): never => {
  throw new UsageError(`--slo: ${message}.`, HINT);
};

function boundMs(key: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)$/i.exec(value);
  if (!m) return bad(`${key} expects a time in ms or s, e.g. ${key}=500ms, got "${value}"`);
  const ms = Number(`${m[1]}e${m[2]!.toLowerCase() === 's' ? 3 : 0}`);
  if (!(ms > 0) || ms > MAX_MS) return bad(`${key} must be above 0 and at most 600s, got "${value}"`);
  return ms;
}

function share(value: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(value);
  if (!m) return bad(`attainment expects a percentage, e.g. attainment=99%, got "${value}"`);
  const x = Number(`${m[1]}e-2`);
  if (!(x > 0) || x > 1) return bad(`attainment must be above 0% and at most 100%, got "${value}"`);
  return x;
}

export function parseSloFlag(raw: string): Slo {
  const out: { ttftMs?: number; itlMs?: number; e2eMs?: number; attainment: number } = { attainment: 0.95 };
  const seen = new Set<string>();
  for (const part of raw.split(',')) {
    const item = part.trim();
    if (item === '') bad(`empty item in "${raw}"`);
    const eq = item.indexOf('=');
    if (eq < 0) bad(`expected key=value, got "${item}"`);
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    if (seen.has(key)) bad(`${key} is given twice`);
    seen.add(key);
    if (key === 'attainment') out.attainment = share(value);
    else if (key in BOUNDS) out[BOUNDS[key as keyof typeof BOUNDS]] = boundMs(key, value);
    else bad(`unknown key "${key}" (use ttft, itl, e2e, attainment)`);
  }
  if (out.ttftMs === undefined && out.itlMs === undefined && out.e2eMs === undefined) bad('set at least one bound: ttft, itl or e2e');
  return out;
}
