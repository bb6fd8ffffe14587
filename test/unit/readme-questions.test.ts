import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/advisor/questions.js';

/** The README's questionnaire table says what the questionnaire asks: each question's words and its values. */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const row = (id: string) => README.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));

describe('README questionnaire table', () => {
  it.each(QUESTIONS.map((q) => [q.id, q] as const))('%s: the question as asked, and every value it offers', (id, q) => {
    const line = row(id);
    expect(line, `README has no row for ${id}`).toBeDefined();
    const [, question, values] = line!.split(' | ');
    expect(question).toBe(q.message);
    if (q.kind === 'select' || q.kind === 'checkbox') {
      const listed = [...values!.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect(listed).toEqual(q.choices.map((c) => c.value));
    }
  });

  it('has a row for each question and no other', () => {
    const ids = README.split('\n').filter((l) => /^\| `[a-zA-Z]+` \| .*\? \|/.test(l)).map((l) => /^\| `([a-zA-Z]+)`/.exec(l)![1]);
    expect(ids).toEqual(QUESTIONS.map((q) => q.id));
  });
});
