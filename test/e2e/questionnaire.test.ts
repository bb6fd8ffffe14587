import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/advisor/questions.js';
import { runInPty } from '../helpers/pty.js';

const ENTER = '\r';
const DOWN = '\u001b[B';
const UP = '\u001b[A';
const SPACE = ' ';

describe('the interactive questionnaire in a terminal', () => {
  it('asks every question with its reason, summarises, saves the answers and recommends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-q-'));
    const saved = join(dir, 'answers.json');
    const steps = QUESTIONS.map((q) => {
      // Change a few answers from their defaults to prove the keys reach the prompts.
      if (q.id === 'hosting') return { wait: q.why, send: UP + ENTER }; // either → managed
      if (q.id === 'caching') return { wait: q.why, send: DOWN + ENTER }; // none → exact
      if (q.id === 'needs') return { wait: q.why, send: DOWN + DOWN + SPACE + ENTER }; // + rate-limiting
      return { wait: q.why, send: ENTER };
    });
    steps.push({ wait: 'Use these answers?', send: ENTER });
    const r = runInPty(['choose', '--save-answers', saved], steps.map((s) => ({ ...s })));
    expect(r.missed).toBeNull();
    expect(r.code).toBe(0);
    expect(r.output).toContain('Your answers');
    expect(r.output).toContain('Recommendation:');
    const answers = JSON.parse(readFileSync(saved, 'utf8'));
    expect(answers).toMatchObject({ hosting: 'managed', caching: 'exact', needs: ['fallbacks', 'rate-limiting', 'observability'] });
  });

  it('exits 130 on Ctrl-C without a stack trace', () => {
    const r = runInPty(['choose'], [{ wait: QUESTIONS[0]!.why, send: '\u0003' }]);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(130);
    expect(r.output).not.toMatch(/\n\s+at /);
    expect(r.output).toContain('Interrupted');
  });
});

describe('gateway-scout with no arguments', () => {
  it('starts the questionnaire in a terminal', () => {
    const r = runInPty([], [{ wait: QUESTIONS[0]!.message, send: '\u0003' }]);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(130);
  });
});
