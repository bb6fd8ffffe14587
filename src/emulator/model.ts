import type { ModelTable } from '../catalog/models-schema.js';
import { mixSeed, mulberry32 } from './random.js';

/**
 * The simulated model (pure). Given a chat request it decides, deterministically, the completion text, how it
 * splits into tokens and chunks, the usage counts and the cost.
 *
 * - Prompt tokens: ceil(total characters of all message text / 4), at least 1.
 * - Completion tokens: `max_completion_tokens`, else `max_tokens`, else the profile's `outputTokens`
 *   (capped at MAX_OUTPUT_TOKENS). One token = one word from a fixed list; the first word has no leading space,
 *   the others have one. finish_reason is "length" when the request set a limit, "stop" otherwise.
 * - Text: words drawn with a PRNG seeded by (seed, model, prompt text), so the same request gives the same text.
 */

export const MAX_OUTPUT_TOKENS = 100_000;

export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok: number | null;
}

/** Prices keyed by catalog id (`author/slug`). */
export type PriceTable = ReadonlyMap<string, Price>;

export function priceTableFromModels(table: ModelTable): PriceTable {
  const m = new Map<string, Price>();
  for (const model of table.models) {
    m.set(model.id, {
      inputPerMTok: model.inputPerMTok,
      outputPerMTok: model.outputPerMTok,
      cachedInputPerMTok: model.cachedInputPerMTok,
    });
  }
  return m;
}

export function priceTableFromRecord(
  record: Readonly<Record<string, { inputPerMTok: number; outputPerMTok: number; cachedInputPerMTok?: number | null }>>,
): PriceTable {
  const m = new Map<string, Price>();
  for (const [id, p] of Object.entries(record)) {
    m.set(id, { inputPerMTok: p.inputPerMTok, outputPerMTok: p.outputPerMTok, cachedInputPerMTok: p.cachedInputPerMTok ?? null });
  }
  return m;
}

/** `openai/gpt-4o-mini` → `gpt-4o-mini`. */
export function bareSlug(catalogId: string): string {
  const i = catalogId.indexOf('/');
  return i < 0 ? catalogId : catalogId.slice(i + 1);
}

/** Index for looking up a catalog id from a bare slug (first author wins on clashes) or a full id. */
export class ModelIndex {
  readonly bySlug = new Map<string, string>();
  constructor(readonly prices: PriceTable) {
    for (const id of prices.keys()) {
      const slug = bareSlug(id);
      if (!this.bySlug.has(slug)) this.bySlug.set(slug, id);
    }
  }
  /** Catalog id for a bare slug or full id, or undefined. */
  resolve(name: string): string | undefined {
    if (this.prices.has(name)) return name;
    return this.bySlug.get(name);
  }
  price(catalogId: string): Price | undefined {
    return this.prices.get(catalogId);
  }
  ids(): string[] {
    return [...this.prices.keys()];
  }
}

const WORDS = [
  'the', 'gateway', 'model', 'answer', 'request', 'token', 'stream', 'latency', 'cache', 'route', 'provider',
  'response', 'simple', 'quick', 'steady', 'signal', 'value', 'result', 'measure', 'budget', 'record', 'emulated',
  'river', 'stone', 'light', 'paper', 'garden', 'window', 'orbit', 'harbor', 'forest', 'engine', 'bridge',
  'and', 'of', 'to', 'in', 'with', 'for', 'on', 'is', 'a', 'this', 'that', 'it', 'we', 'you', 'they',
  'runs', 'waits', 'sends', 'reads', 'counts', 'keeps', 'moves', 'finds', 'holds', 'brings', 'makes', 'takes',
  'calm', 'bright', 'exact', 'known',
] as const;

export interface ChatMessageLike {
  role?: unknown;
  content?: unknown;
}

/** Characters of text in one message's content (string, or an array of `{type:"text", text}` parts). */
function contentChars(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (Array.isArray(content)) {
    let n = 0;
    for (const part of content) {
      if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
        n += (part as { text: string }).text.length;
      }
    }
    return n;
  }
  return 0;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join('');
  }
  return '';
}

export function promptTokens(messages: readonly ChatMessageLike[]): number {
  let chars = 0;
  for (const m of messages) chars += contentChars(m.content);
  return Math.max(1, Math.ceil(chars / 4));
}

export interface CompletionRequestLike {
  model: string;
  messages: readonly ChatMessageLike[];
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
}

export interface CompletionPlan {
  promptTokens: number;
  completionTokens: number;
  /** Text of each content chunk, in order; joined they are the full text. */
  chunks: string[];
  text: string;
  finishReason: 'stop' | 'length';
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

export function planCompletion(
  req: CompletionRequestLike,
  opts: { seed: number; outputTokens: number; tokensPerChunk: number },
): CompletionPlan {
  const limit = positiveInt(req.max_completion_tokens) ?? positiveInt(req.max_tokens);
  const n = Math.min(limit ?? opts.outputTokens, MAX_OUTPUT_TOKENS);
  let key = req.model;
  for (const m of req.messages) key += '\u0000' + contentText(m.content);
  const rng = mulberry32(mixSeed(opts.seed, key));
  const k = Math.max(1, opts.tokensPerChunk);
  const chunks: string[] = [];
  let current = '';
  let inChunk = 0;
  for (let i = 0; i < n; i++) {
    const word = WORDS[Math.floor(rng() * WORDS.length)] ?? 'the';
    current += i === 0 ? word : ' ' + word;
    if (++inChunk === k) {
      chunks.push(current);
      current = '';
      inChunk = 0;
    }
  }
  if (inChunk > 0) chunks.push(current);
  return {
    promptTokens: promptTokens(req.messages),
    completionTokens: n,
    chunks,
    text: chunks.join(''),
    finishReason: limit === undefined ? 'stop' : 'length',
  };
}

/** USD for a call at list prices (no cached-input discount: the emulated provider reports 0 cached tokens). */
export function costUsd(price: Price, prompt: number, completion: number): number {
  return (prompt * price.inputPerMTok + completion * price.outputPerMTok) / 1_000_000;
}

/** OpenAI-style usage object. */
export function usageObject(prompt: number, completion: number): Record<string, unknown> {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
