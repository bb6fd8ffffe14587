import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../../src/advisor/answers.js';
import { QUESTIONS } from '../../../src/advisor/questions.js';

/**
 * The questionnaire as a person sees it: every question asks something and says why it matters, every choice has
 * a label (and, where it has one, a description), the flag is the field's name in kebab case, and the choices are
 * exactly the values the answers accept.
 */
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('the questions', () => {
  it('ask each answer once, in the order of the answers contract', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual(Object.keys(answersSchema.shape));
  });

  it.each(QUESTIONS.map((q) => [q.id, q] as const))('%s: a question, why it matters, and its flag', (id, q) => {
    expect(q.message.trim()).toMatch(/\?$/);
    expect(q.why.trim().length).toBeGreaterThan(20);
    expect(q.why).toMatch(/\.$/);
    expect(q.flag).toBe(`--${kebab(id)}`);
  });

  it.each(QUESTIONS.flatMap((q) => (q.kind === 'select' || q.kind === 'checkbox' ? [[q.id, q] as const] : [])))('%s: labelled choices, exactly the values the answers accept', (id, q) => {
    if (q.kind !== 'select' && q.kind !== 'checkbox') return;
    const field = answersSchema.shape[id as 'hosting'];
    // a select is an enum; a checkbox is an array of an enum (behind a default and a transform)
    const accepted = q.kind === 'select' ? (field as unknown as { options: string[] }).options : undefined;
    if (accepted) expect(q.choices.map((c) => c.value)).toEqual(accepted);
    expect(q.choices.length).toBeGreaterThanOrEqual(3);
    expect(new Set(q.choices.map((c) => c.value)).size).toBe(q.choices.length);
    for (const c of q.choices) {
      expect(c.name.trim().length, `${id}: ${c.value}`).toBeGreaterThan(1);
      if ('description' in c) expect(c.description!.trim().length, `${id}: ${c.value}`).toBeGreaterThan(5);
    }
  });

  it('numbers carry the answers\' bounds', () => {
    const numbers = QUESTIONS.filter((q) => q.kind === 'number');
    expect(numbers.map((q) => q.id)).toEqual(['providers', 'monthlyRequests', 'avgInputTokens', 'avgOutputTokens']);
    for (const q of numbers) {
      if (q.kind !== 'number') continue;
      const r = answersSchema.shape[q.id].safeParse(q.max + 1);
      expect(r.success, q.id).toBe(false);
      expect(answersSchema.shape[q.id].safeParse(q.max).success, q.id).toBe(true);
      expect(answersSchema.shape[q.id].safeParse(q.min).success, q.id).toBe(true);
    }
  });
});

describe('the answers contract orders list answers', () => {
  const base = { hosting: 'either', providers: 2, ownProviderKeys: true, caching: 'none', monthlyRequests: 1, avgInputTokens: 1, avgOutputTokens: 1, opsCapacity: 'some', dataControl: 'standard', latency: 'relaxed' };
  it('needs and platforms come back in the question\'s order, each once; platforms default to none', () => {
    const a = answersSchema.parse({ ...base, needs: ['sso', 'fallbacks', 'sso'], platforms: ['kong', 'kubernetes', 'kong'] });
    expect(a.needs).toEqual(['fallbacks', 'sso']);
    expect(a.platforms).toEqual(['kubernetes', 'kong']);
    expect(answersSchema.parse({ ...base, needs: [] }).platforms).toEqual([]);
  });
});
