import type { IncomingMessage, ServerResponse } from 'node:http';
import { UsageError } from '../errors.js';
import { mixSeed, mulberry32 } from './random.js';

/**
 * Fault injection. The schedule part is pure (parse a spec, decide for request #i); the IO part applies a fault
 * to a Node response.
 *
 * Spec syntax (one per `--fault`, or per entry of a profile file's "faults"):
 *
 *     ENDPOINT:KIND[=ARG][@WHEN]
 *
 * ENDPOINT  provider | litellm | openrouter | cloudflare | a gateway of data/emulators.json (portkey, …) | all
 * KIND      429[=SECONDS]       status 429 with Retry-After SECONDS (default 1), in the endpoint's error shape
 *           4xx|5xx[=SECONDS]   any other status (e.g. 402, 500, 502, 503), Retry-After only when SECONDS given
 *           reset               TCP reset before any response byte
 *           disconnect[=N]      close the connection after N content chunks (default 1); non-streamed: mid-body
 *           stall[=DUR[/N]]     no bytes for DUR (default 5s) after N content chunks (default 1);
 *                               non-streamed: after the headers
 *           malformed[=N]       a broken JSON `data:` chunk after N content chunks (default 1); non-streamed:
 *                               a truncated JSON body under 200
 *           slow-headers[=DUR]  delay the response headers by DUR (default 2s), then respond normally
 *           html-524            a Cloudflare-style "524: A timeout occurred" HTML page with status 524
 *           buffer              hold the whole stream and send it at once at the end (a buffering proxy);
 *                               non-streamed: no change
 *           usage-missing       leave token usage out (streamed: the usage chunk; non-streamed: the field)
 *           usage-zero          report 0 prompt and completion tokens
 *           usage-inflate[=F]   report prompt and completion tokens × F (default 2, rounded)
 * WHEN      every=N  requests N, 2N, 3N… ;  at=I,J,…  those requests ;  first=N  requests 1..N ;
 *           rate=P   each request with probability P (seeded, so reproducible) ;  omitted: every request
 * DUR       300ms | 1.5s | 2 (seconds)
 *
 * Requests are numbered from 1 per endpoint, counting every chat-completion request it receives (including ones
 * that fail auth, and, for the provider, requests forwarded by the gateways). Faults are checked first, before
 * auth, caching and rate limiting; the first matching rule wins.
 */

/** The built-in endpoints; the data-driven gateways (data/emulators.json) add their ids after these. */
export const ENDPOINT_IDS = ['provider', 'litellm', 'openrouter', 'cloudflare'] as const;
export type BuiltinEndpointId = (typeof ENDPOINT_IDS)[number];
/** An endpoint id: a built-in one or a data-driven gateway's. */
export type EndpointId = string;

export type Fault =
  | { kind: 'status'; status: number; retryAfterSec?: number }
  | { kind: 'html-524' }
  | { kind: 'reset' }
  | { kind: 'slow-headers'; ms: number }
  | { kind: 'disconnect'; afterChunks: number }
  | { kind: 'stall'; ms: number; afterChunks: number }
  | { kind: 'malformed'; afterChunks: number }
  | { kind: 'buffer' }
  | { kind: 'usage'; mode: UsageMode; factor: number };

export const USAGE_MODES = ['missing', 'zero', 'inflate'] as const;
export type UsageMode = (typeof USAGE_MODES)[number];

/** Faults that act on the response body (streamed or not) once it has begun. */
export type StreamFault = Extract<Fault, { kind: 'disconnect' | 'stall' | 'malformed' | 'buffer' | 'usage' }>;
export type UsageFault = Extract<Fault, { kind: 'usage' }>;

export type When =
  | { kind: 'always' }
  | { kind: 'every'; n: number }
  | { kind: 'at'; indices: ReadonlySet<number> }
  | { kind: 'first'; n: number }
  | { kind: 'rate'; p: number };

export interface FaultRule {
  spec: string;
  endpoints: readonly EndpointId[];
  fault: Fault;
  when: When;
}

function bad(spec: string, why: string): UsageError {
  return new UsageError(
    `Invalid --fault "${spec}": ${why}.`,
    'Syntax: ENDPOINT:KIND[=ARG][@WHEN], e.g. provider:429=2@every=5, openrouter:disconnect=3@rate=0.1, all:stall=2s/1@at=4',
  );
}

function posInt(text: string, spec: string, what: string, min = 1): number {
  if (!/^\d+$/.test(text)) throw bad(spec, `${what} must be a whole number`);
  const n = Number(text);
  if (n < min) throw bad(spec, `${what} must be at least ${min}`);
  return n;
}

export function parseDuration(text: string, spec = text): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!m) throw bad(spec, `"${text}" is not a duration (e.g. 300ms, 1.5s, 2)`);
  const v = Number(m[1]);
  return m[2] === 'ms' ? v : v * 1000;
}

/** Parse one spec; `known` lists the endpoint ids it may name (default: the built-in ones). */
export function parseFaultSpec(spec: string, known: readonly string[] = ENDPOINT_IDS): FaultRule {
  const s = spec.trim();
  const colon = s.indexOf(':');
  if (colon < 0) throw bad(spec, 'missing "ENDPOINT:"');
  const ep = s.slice(0, colon);
  let endpoints: EndpointId[];
  if (ep === 'all' || ep === '*') endpoints = [...known];
  else if (known.includes(ep)) endpoints = [ep];
  else throw bad(spec, `unknown endpoint "${ep}" (${[...known, 'all'].join(', ')})`);

  let rest = s.slice(colon + 1);
  let whenText: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    whenText = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const eq = rest.indexOf('=');
  const kind = eq < 0 ? rest : rest.slice(0, eq);
  const arg = eq < 0 ? undefined : rest.slice(eq + 1);

  let fault: Fault;
  if (/^[45]\d\d$/.test(kind)) {
    const status = Number(kind);
    const retry = arg !== undefined ? posInt(arg, spec, 'Retry-After seconds', 0) : status === 429 ? 1 : undefined;
    fault = retry === undefined ? { kind: 'status', status } : { kind: 'status', status, retryAfterSec: retry };
  } else if (kind === 'html-524') {
    if (arg !== undefined) throw bad(spec, 'html-524 takes no argument');
    fault = { kind: 'html-524' };
  } else if (kind === 'reset') {
    if (arg !== undefined) throw bad(spec, 'reset takes no argument');
    fault = { kind: 'reset' };
  } else if (kind === 'slow-headers') {
    fault = { kind: 'slow-headers', ms: arg === undefined ? 2000 : parseDuration(arg, spec) };
  } else if (kind === 'disconnect' || kind === 'malformed') {
    fault = { kind, afterChunks: arg === undefined ? 1 : posInt(arg, spec, 'chunk count', 0) };
  } else if (kind === 'stall') {
    let ms = 5000;
    let after = 1;
    if (arg !== undefined) {
      const [d, n] = arg.split('/');
      ms = parseDuration(d ?? '', spec);
      if (n !== undefined) after = posInt(n, spec, 'chunk count', 0);
    }
    fault = { kind: 'stall', ms, afterChunks: after };
  } else if (kind === 'buffer') {
    if (arg !== undefined) throw bad(spec, 'buffer takes no argument');
    fault = { kind: 'buffer' };
  } else if (kind === 'usage-missing' || kind === 'usage-zero') {
    if (arg !== undefined) throw bad(spec, `${kind} takes no argument`);
    fault = { kind: 'usage', mode: kind === 'usage-zero' ? 'zero' : 'missing', factor: 1 };
  } else if (kind === 'usage-inflate') {
    const factor = arg === undefined ? 2 : Number(arg);
    if (arg === '' || !Number.isFinite(factor) || factor <= 0 || factor > 1000) throw bad(spec, 'the inflate factor must be a number above 0 (at most 1000)');
    fault = { kind: 'usage', mode: 'inflate', factor };
  } else {
    throw bad(spec, `unknown fault "${kind}" (4xx/5xx status, reset, disconnect, stall, malformed, slow-headers, html-524, buffer, usage-missing, usage-zero, usage-inflate)`);
  }

  let when: When = { kind: 'always' };
  if (whenText !== undefined) {
    const weq = whenText.indexOf('=');
    const wk = weq < 0 ? whenText : whenText.slice(0, weq);
    const wv = weq < 0 ? '' : whenText.slice(weq + 1);
    if (wk === 'every') when = { kind: 'every', n: posInt(wv, spec, 'every') };
    else if (wk === 'first') when = { kind: 'first', n: posInt(wv, spec, 'first') };
    else if (wk === 'at') when = { kind: 'at', indices: new Set(wv.split(',').map((x) => posInt(x.trim(), spec, 'request index'))) };
    else if (wk === 'rate') {
      const p = Number(wv);
      if (wv === '' || !Number.isFinite(p) || p < 0 || p > 1) throw bad(spec, 'rate must be between 0 and 1');
      when = { kind: 'rate', p };
    } else throw bad(spec, `unknown schedule "${wk}" (every=N, at=I,J, first=N, rate=P)`);
  }
  return { spec: s, endpoints, fault, when };
}

export function parseFaultSpecs(specs: readonly string[], known: readonly string[] = ENDPOINT_IDS): FaultRule[] {
  return specs.map((s) => parseFaultSpec(s, known));
}

/** The fault for request #index (1-based) on an endpoint, or undefined. Pure and deterministic. */
export function pickFault(
  rules: readonly FaultRule[],
  endpoint: EndpointId,
  index: number,
  seed: number,
): Fault | undefined {
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    if (!rule.endpoints.includes(endpoint)) continue;
    const w = rule.when;
    let hit: boolean;
    switch (w.kind) {
      case 'always':
        hit = true;
        break;
      case 'every':
        hit = index % w.n === 0;
        break;
      case 'first':
        hit = index <= w.n;
        break;
      case 'at':
        hit = w.indices.has(index);
        break;
      case 'rate':
        hit = mulberry32(mixSeed(seed, endpoint, index, 'fault', r))() < w.p;
        break;
    }
    if (hit) return rule.fault;
  }
  return undefined;
}

export function isStreamFault(f: Fault | undefined): f is StreamFault {
  return f !== undefined && (f.kind === 'disconnect' || f.kind === 'stall' || f.kind === 'malformed' || f.kind === 'buffer' || f.kind === 'usage');
}

/**
 * A response object (a chunk or a whole body) with its usage changed by the fault; null when the fault drops
 * the object altogether (a usage-only chunk under usage-missing). Pure; objects without usage pass unchanged.
 */
export function mangleUsage(obj: Record<string, unknown>, f: UsageFault): Record<string, unknown> | null {
  const u = obj.usage;
  if (!u || typeof u !== 'object') return obj;
  if (f.mode === 'missing') {
    const { usage: _dropped, ...rest } = obj;
    return Array.isArray(rest.choices) && rest.choices.length === 0 ? null : rest;
  }
  const usage = { ...(u as Record<string, unknown>) };
  const scale = (k: string) => {
    if (typeof usage[k] === 'number') usage[k] = f.mode === 'zero' ? 0 : Math.round((usage[k] as number) * f.factor);
  };
  scale('prompt_tokens');
  scale('completion_tokens');
  if (typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number') usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  return { ...obj, usage };
}

/** SSE text with every `data:` line that carries usage changed by the fault (a dropped one becomes empty). */
export function mangleSseUsage(text: string, f: UsageFault): string {
  if (!text.includes('"usage"')) return text;
  return text
    .split('\n')
    .map((line) => {
      if (!line.startsWith('data:') || !line.includes('"usage"')) return line;
      let obj: unknown;
      try {
        obj = JSON.parse(line.slice(5));
      } catch {
        return line;
      }
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return line;
      const out = mangleUsage(obj as Record<string, unknown>, f);
      return out === null ? '' : `data: ${JSON.stringify(out)}`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// IO

export const HTML_524 = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html lang="en-US">
<head>
<title>emulated.gateway | 524: A timeout occurred</title>
<meta charset="UTF-8" />
</head>
<body>
<div id="cf-wrapper">
<h1><span class="cf-error-type">Error</span> <span class="cf-error-code">524</span></h1>
<h2 class="cf-subheadline">A timeout occurred</h2>
<p>The origin web server timed out responding to this request. (Emulated by gateway-scout.)</p>
</div>
</body>
</html>
`;

/** Send a TCP RST (or at least close) before any response byte. */
export function resetConnection(req: IncomingMessage): void {
  const sock = req.socket as IncomingMessage['socket'] & { resetAndDestroy?: () => void };
  if (typeof sock.resetAndDestroy === 'function') sock.resetAndDestroy();
  else sock.destroy();
}

export function sendHtml524(res: ServerResponse, extraHeaders: Record<string, string> = {}): void {
  const body = Buffer.from(HTML_524);
  res.writeHead(524, {
    ...extraHeaders,
    'content-type': 'text/html; charset=UTF-8',
    'content-length': body.length,
    'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate',
  });
  res.end(body);
}

/** A truncated JSON body: the response claims 200 and application/json, then the JSON breaks off. */
export function malformedJsonBody(full: string): string {
  return full.slice(0, Math.max(1, Math.floor(full.length / 2)));
}

/** The broken SSE data line used by the malformed-chunk fault. */
export const MALFORMED_SSE_EVENT = 'data: {"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\n\n';
