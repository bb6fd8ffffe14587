import { escapeRegExp } from '../regexp.js';
import { randomUUID } from 'node:crypto';
import { ID_FORMATS } from './gateway-profile.js';

const ID_FORMAT_SET = new Set<string>(ID_FORMATS);

/** Pure helpers of the data-driven gateway emulator: body templates, model-name patterns, id formats. */

export type TemplateVars = Readonly<Record<string, string | number | unknown>>;

/**
 * Fill a JSON template: a string that is exactly "{name}" becomes the variable's value as it is (a number, an
 * object); inside longer strings, "{name}" is replaced by its text. Unknown placeholders stay as written.
 */
export function fillTemplate(value: unknown, vars: TemplateVars): unknown {
  if (typeof value === 'string') {
    const whole = /^\{([a-zA-Z]+)\}$/.exec(value);
    if (whole && whole[1]! in vars) return vars[whole[1]!];
    return value.replace(/\{([a-zA-Z]+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplate(v, vars)]));
  }
  return value;
}

/** The model name a gateway expects for a catalog id (`author/slug`), from its pattern. */
export function formatModel(pattern: string, catalogId: string): string {
  const i = catalogId.indexOf('/');
  const author = i < 0 ? '' : catalogId.slice(0, i);
  const slug = i < 0 ? catalogId : catalogId.slice(i + 1);
  return pattern.replaceAll('{author}', author).replaceAll('{slug}', slug);
}

/**
 * Read a model name back through a pattern: `{ author?, slug }`, or undefined when it does not fit. An author
 * never holds a "/"; a slug may (it is the rest).
 */
export function parseModel(pattern: string, name: string): { author?: string; slug: string } | undefined {
  const parts = pattern.split(/(\{author\}|\{slug\})/);
  const re = parts.map((p) => (p === '{author}' ? '(?<author>[^/:]+)' : p === '{slug}' ? '(?<slug>.+)' : escapeRegExp(p))).join('');
  const m = new RegExp(`^${re}$`).exec(name);
  if (!m?.groups?.slug) return undefined;
  return m.groups.author === undefined ? { slug: m.groups.slug } : { author: m.groups.author, slug: m.groups.slug };
}

const hex = (n: number): string => {
  let s = '';
  while (s.length < n) s += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, n);
};

/** A fresh id in one of the formats real gateways use (shapes only; values are random). */
export function newGatewayId(format: (typeof ID_FORMATS)[number], epochMs: number): string {
  switch (format) {
    case 'uuid':
      return randomUUID();
    case 'hex32':
      return hex(32);
    case 'vercel':
      // Region code, then an id with the request's epoch ms, as x-vercel-id values look.
      return `emu1::${hex(5)}-${Math.floor(epochMs)}-${hex(12)}`;
    case 'gen-ulid':
      return `gen_${ulid(epochMs)}`;
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 10 characters of epoch ms, 16 random ones (Crockford base32). */
function ulid(epochMs: number): string {
  let t = Math.floor(epochMs);
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[Math.floor(Math.random() * 32)]!;
  return time + rest;
}

/** Replace each {id:FORMAT} in a header value with a fresh id of that format. */
export function fillIds(value: string, epochMs: number): string {
  return value.replace(/\{id:([a-z0-9-]+)\}/g, (m, f: string) => ((ID_FORMAT_SET as ReadonlySet<string>).has(f) ? newGatewayId(f as (typeof ID_FORMATS)[number], epochMs) : m));
}

/** Set a dotted path's value, creating objects on the way (for cost fields). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (!next || typeof next !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}
