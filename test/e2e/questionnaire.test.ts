import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/advisor/questions.js';
import { runInPty, type PtyStep } from '../helpers/pty.js';

const ENTER = '\r';
const DOWN = '\u001b[B';
const UP = '\u001b[A';
const SPACE = ' ';
const BACKSPACE = '\u007f';
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** Enter at every question, except where `answers` says what to type. */
const steps = (answers: Partial<Record<string, PtyStep['send'] | PtyStep[]>> = {}): PtyStep[] =>
  QUESTIONS.flatMap((q) => {
    const a = answers[q.id];
    if (Array.isArray(a)) return a;
    return [{ wait: q.why, send: a ?? ENTER }];
  });

describe('the interactive questionnaire in a terminal', () => {
  it('asks every question with its reason, summarises, saves the answers given by --save-answers and recommends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-q-'));
    const saved = join(dir, 'answers.json');
    const all = steps({
      hosting: UP + ENTER, // either → managed
      caching: DOWN + ENTER, // none → exact
      needs: DOWN + DOWN + SPACE + ENTER, // + rate-limiting
    });
    all.push({ wait: 'Use these answers?', send: ENTER });
    const r = runInPty(['choose', '--save-answers', saved], all);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(0);
    expect(r.output).toContain('Your answers');
    expect(r.output).toContain('Recommendation:');
    // --save-answers said where: no offer to save.
    expect(r.output).not.toContain('Save these answers');
    const answers = JSON.parse(readFileSync(saved, 'utf8'));
    expect(answers).toMatchObject({ hosting: 'managed', caching: 'exact', needs: ['fallbacks', 'rate-limiting', 'observability'] });
    // The schema reference resolves to the schema shipped with the package.
    expect(existsSync(fileURLToPath(answers.$schema))).toBe(true);
  });

  it('reads counts as people write them, asks again on a bad answer, then offers to save and says what to run next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-q-'));
    const all = steps({
      providers: [
        { wait: QUESTIONS.find((q) => q.id === 'providers')!.why, send: BACKSPACE + '0' + ENTER },
        { wait: 'Enter a whole number from 1 to 1,000.', send: BACKSPACE + '3' + ENTER },
      ],
      ownProviderKeys: [
        { wait: QUESTIONS.find((q) => q.id === 'ownProviderKeys')!.why, send: 'x' + ENTER },
        { wait: 'Answer y or n.', send: BACKSPACE + 'n' + ENTER },
      ],
      monthlyRequests: '5,000,000' + ENTER,
      avgInputTokens: '2.5k' + ENTER,
    });
    all.push({ wait: 'Use these answers?', send: ENTER }, { wait: 'Save these answers to a file for next time?', send: ENTER }, { wait: '.gateway-scout.yaml', send: ENTER });
    const r = runInPty(['choose'], all, {}, 40, dir);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(0);
    const saved = readFileSync(join(dir, '.gateway-scout.yaml'), 'utf8');
    expect(saved).toMatch(/^# yaml-language-server: \$schema=file:\/\//);
    expect(saved).toContain('providers: 3\nownProviderKeys: false\n');
    expect(saved).toContain('monthlyRequests: 5000000\navgInputTokens: 2500\n');
    // The next commands use the file, so nothing asks again; cost among them.
    expect(r.output).toMatch(/Next\r?\n +gateway-scout cost --answers \.gateway-scout\.yaml/);
    expect(r.output).toContain('gateway-scout choose --answers .gateway-scout.yaml --json --expect ');
  });

  it('never overwrites an answers file without asking: no (the default) asks for another name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-q-'));
    writeFileSync(join(dir, '.gateway-scout.yaml'), 'mine: keep\n');
    const all = steps();
    all.push(
      { wait: 'Use these answers?', send: ENTER },
      { wait: 'Save these answers to a file for next time?', send: ENTER },
      { wait: '.gateway-scout.yaml', send: ENTER },
      { wait: '.gateway-scout.yaml exists. Overwrite it? (y/N)', send: ENTER },
      { wait: 'File name:', send: 'other.yaml' + ENTER },
    );
    const r = runInPty(['choose'], all, {}, 40, dir);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, '.gateway-scout.yaml'), 'utf8')).toBe('mine: keep\n');
    expect(readFileSync(join(dir, 'other.yaml'), 'utf8')).toContain('providers: ');
  });

  it.each([
    ['Ctrl-C at the first question', CTRL_C, QUESTIONS[0]!.why],
    ['Ctrl-D at the first question', CTRL_D, QUESTIONS[0]!.why],
    ['Ctrl-D at a number', CTRL_D, QUESTIONS.find((q) => q.kind === 'number')!.why],
    ['Ctrl-D at yes/no', CTRL_D, QUESTIONS.find((q) => q.kind === 'confirm')!.why],
  ])('%s exits 130, says so, and prints no stack trace', (_, key, at) => {
    const before = steps().slice(0, steps().findIndex((s) => s.wait === at));
    const r = runInPty(['choose'], [...before, { wait: at, send: key }]);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(130);
    expect(r.output).toContain('error: Interrupted.');
    expect(r.output).not.toMatch(/\n\s+at /);
  });
});

describe('gateway-scout with no arguments', () => {
  it('starts the questionnaire in a terminal', () => {
    const r = runInPty([], [{ wait: QUESTIONS[0]!.message, send: CTRL_C }]);
    expect(r.missed).toBeNull();
    expect(r.code).toBe(130);
  });
});
