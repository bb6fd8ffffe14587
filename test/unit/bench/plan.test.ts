import { describe, expect, it } from 'vitest';
import { arrivalTimes, estimateTokens, PROMPT_TEXTS, promptFor, requestBody, requestBodyFor } from '../../../src/bench/plan.js';

describe('arrival times', () => {
  it('Poisson: exponential gaps, whose spread equals their mean, n of them starting at 0', () => {
    const t = arrivalTimes(20_001, 50, 'poisson', 3);
    expect(t).toHaveLength(20_001);
    expect(t[0]).toBe(0);
    const gaps = t.slice(1).map((x, i) => x - t[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1));
    // An exponential with rate 50/s has mean and standard deviation 20 ms; over 20,000 gaps the sd is within ±1 ms
    // (its standard error is about 20 × √(8 / 80,000) = 0.2 ms). Evenly spaced sends would have sd 0.
    expect(sd).toBeGreaterThan(19);
    expect(sd).toBeLessThan(21);
  });

  it('evenly spaced: n sends, 1000 / rate ms apart', () => {
    // 4 a second: every 250 ms
    expect(arrivalTimes(3, 4, 'constant', 1)).toEqual([0, 250, 500]);
    expect(arrivalTimes(0, 4, 'poisson', 1)).toEqual([]);
  });
});

describe('prompts', () => {
  const job = (target: number, seq: number) => ({ target, round: seq, seq });

  it('requests cycle through the prompts from the first; a warmup (seq 0) sends the first', () => {
    const ps = ['p1', 'p2', 'p3'];
    // seq 1 → p1, 2 → p2, 3 → p3, 4 → p1 again
    expect([0, 1, 2, 3, 4].map((seq) => promptFor(ps, job(0, seq), 1, false))).toEqual(['p1', 'p1', 'p2', 'p3', 'p1']);
  });

  it('the nonce is "[run " + 8 hex digits + "] " for every request, so every target sends the same number of characters', () => {
    const lengths = new Set<number>();
    for (let seq = 1; seq <= 200; seq++) {
      for (let target = 0; target < 3; target++) {
        const p = promptFor(['hello'], job(target, seq), 7, true);
        expect(p).toMatch(/^\[run [0-9a-f]{8}\] hello$/);
        lengths.add(p.length);
      }
    }
    // 5 + 8 + 2 + 5 characters
    expect([...lengths]).toEqual([20]);
  });

  it('the built-in prompts are about 20, 200 and 1,000 tokens, and end without trailing whitespace', () => {
    // short: 91 characters → 23 tokens; medium: a 54-character instruction and 759 characters of the passage (760, the
    // last a space, trimmed) → 813 → 204; long: 53 + 3,950 → 4,003 → 1,001
    expect(estimateTokens(PROMPT_TEXTS.short.length)).toBe(23);
    expect(estimateTokens(PROMPT_TEXTS.medium.length)).toBe(204);
    expect(estimateTokens(PROMPT_TEXTS.long.length)).toBe(1001);
    for (const p of Object.values(PROMPT_TEXTS)) expect(p).toBe(p.trimEnd());
    expect(PROMPT_TEXTS.medium.startsWith('Summarise the following text in three bullet points.\n\nAn API gateway sits between')).toBe(true);
  });

  it('estimates 4 characters a token, rounded up', () => {
    expect([0, 1, 4, 5, 415].map(estimateTokens)).toEqual([0, 1, 1, 2, 104]);
  });
});

describe('request bodies built once per target', () => {
  const prompts = ['hi', 'say "quoted" and \\ back\\slash', 'é ✓ 😀 \u2028', 'a\u0000b', '\u0000gateway-scout prompt\u0000', ''];
  const shapes = [
    { model: 'gpt-4o-mini', maxTokens: 16, stream: true, extra: {} },
    { model: 'openai/gpt-4o-mini', maxTokens: 8, stream: false, extra: { temperature: 0, max_tokens: 5, metadata: { note: 'x' } } },
  ];
  it('is byte for byte the body requestBody builds, whatever the prompt holds', () => {
    for (const s of shapes) {
      const build = requestBodyFor(s);
      for (const prompt of prompts) expect(build(prompt)).toBe(requestBody({ ...s, prompt }));
    }
  });

  it('an extra body that replaces the messages, or repeats the placeholder, still gives requestBody', () => {
    const replaced = { model: 'm', maxTokens: 4, stream: false, extra: { messages: [{ role: 'user', content: 'fixed' }] } };
    expect(requestBodyFor(replaced)('ignored')).toBe(requestBody({ ...replaced, prompt: 'ignored' }));
    expect(JSON.parse(requestBodyFor(replaced)('ignored')).messages[0].content).toBe('fixed');
    const repeated = { model: 'm', maxTokens: 4, stream: false, extra: { note: '\u0000gateway-scout prompt\u0000' } };
    expect(requestBodyFor(repeated)('p')).toBe(requestBody({ ...repeated, prompt: 'p' }));
    expect(JSON.parse(requestBodyFor(repeated)('p')).messages[0].content).toBe('p');
  });
});
