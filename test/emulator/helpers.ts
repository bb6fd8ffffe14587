import OpenAI from 'openai';
import { priceTableFromRecord } from '../../src/emulator/model.js';
import { ZERO_PROFILE, type Profile } from '../../src/emulator/profile.js';
import { startEmulators, type BuiltinEndpointId, type EmulatorOptions, type EndpointId, type RunningEmulators } from '../../src/emulator/server.js';

/** A small inline price table (USD per million tokens). */
export const PRICES = priceTableFromRecord({
  'openai/gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
  'anthropic/claude-haiku-4.5': { inputPerMTok: 1, outputPerMTok: 5, cachedInputPerMTok: 0.1 },
});

export const CATALOG_ID = 'openai/gpt-4o-mini';

export function profile(over: Partial<Profile> = {}): Profile {
  return { ...ZERO_PROFILE, name: 'test', ...over };
}

export function start(opts: Partial<EmulatorOptions> = {}): Promise<RunningEmulators> {
  return startEmulators({ prices: PRICES, profile: profile(), seed: 7, ...opts });
}

export function client(emu: RunningEmulators, id: EndpointId, extra: { apiKey?: string; headers?: Record<string, string>; baseURL?: string; logger?: OpenAI['logger'] } = {}): OpenAI {
  const ep = emu.byId[id]!;
  return new OpenAI({
    ...(extra.logger ? { logger: extra.logger } : {}),
    apiKey: extra.apiKey ?? ep.apiKey,
    baseURL: extra.baseURL ?? ep.baseUrl,
    defaultHeaders: { ...ep.headers, ...extra.headers },
    maxRetries: 0,
    timeout: 20_000,
  });
}

export function modelFor(id: EndpointId): string {
  return id === 'openrouter' || id === 'cloudflare' ? CATALOG_ID : 'gpt-4o-mini';
}

export const ALL: BuiltinEndpointId[] = ['provider', 'litellm', 'openrouter', 'cloudflare'];

export const MESSAGES = [{ role: 'user' as const, content: 'Say something about gateways, please.' }];
// 38 characters -> ceil(38/4) = 10 prompt tokens
export const PROMPT_TOKENS = Math.ceil(MESSAGES[0]!.content.length / 4);

/** Raw POST with fetch (for faults the SDK hides). */
export async function post(
  emu: RunningEmulators,
  id: EndpointId,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
  url?: string,
): Promise<Response> {
  const ep = emu.byId[id]!;
  return fetch(url ?? ep.chatUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, ...ep.headers, ...headers },
    body: JSON.stringify({ model: modelFor(id), messages: MESSAGES, ...body }),
  });
}
