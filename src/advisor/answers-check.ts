import { ANSWER_DEFAULTS } from './choices.js';
import { QUESTIONS } from './questions.js';
import type { Answers, PartialAnswers } from './answers.js';

/**
 * A zod-free check of answers, derived from the questions table, so that `choose --answers FILE --json`
 * starts fast. It only decides validity and normalises; when it says "invalid", the caller asks the zod
 * schema for the detailed messages. A property test keeps the two in agreement.
 */
export function checkPartialAnswers(input: unknown): PartialAnswers | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const o = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const q of QUESTIONS) {
    const v = o[q.id];
    if (v === undefined) continue;
    switch (q.kind) {
      case 'select':
        if (!q.choices.some((c) => c.value === v)) return undefined;
        out[q.id] = v;
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < q.min || v > q.max) return undefined;
        out[q.id] = v;
        break;
      case 'confirm':
        if (typeof v !== 'boolean') return undefined;
        out[q.id] = v;
        break;
      case 'checkbox':
        if (!Array.isArray(v) || !v.every((x) => q.choices.some((c) => c.value === x))) return undefined;
        // In the question's order, each once, whatever order the file lists them in.
        out[q.id] = q.choices.map((c) => c.value).filter((n) => (v as unknown[]).includes(n));
        break;
    }
  }
  return out as PartialAnswers;
}

const KNOWN = new Set<string>(QUESTIONS.map((q) => q.id));

/** An answers file: answers plus `$schema`, `schemaVersion` and a `cost` section (checked by the cost model). */
export function checkAnswersFile(input: unknown): { answers: PartialAnswers; cost: Record<string, unknown> | undefined } | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const { $schema, schemaVersion, cost, ...rest } = input as Record<string, unknown>;
  if ($schema !== undefined && typeof $schema !== 'string') return undefined;
  if (schemaVersion !== undefined && typeof schemaVersion !== 'number') return undefined;
  if (cost !== undefined && (cost === null || typeof cost !== 'object' || Array.isArray(cost))) return undefined;
  if (Object.keys(rest).some((k) => !KNOWN.has(k))) return undefined;
  const answers = checkPartialAnswers(rest);
  return answers && { answers, cost: cost as Record<string, unknown> | undefined };
}

/** Layer answers: defaults, then each layer in turn (later wins). Layers must already be checked. */
export function mergeAnswers(...layers: readonly PartialAnswers[]): Answers {
  const merged: Record<string, unknown> = { ...ANSWER_DEFAULTS, needs: [...ANSWER_DEFAULTS.needs], platforms: [...ANSWER_DEFAULTS.platforms] };
  for (const layer of layers) for (const [k, v] of Object.entries(layer)) if (v !== undefined) merged[k] = v;
  const checked = checkPartialAnswers(merged);
  if (checked === undefined) throw new Error('mergeAnswers: a layer was not checked');
  return checked as Answers;
}
