import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (the action runs it without a build), no declarations
import { shellWords } from '../../../scripts/action/words.mjs';

const words = shellWords as (input: string, cwd: string) => string[];

// A folder like a merge job's: three shard folders, a hidden one, and a file.
const dir = mkdtempSync(join(tmpdir(), 'gs-words-'));
for (const d of ['results/bench-1', 'results/bench-2', 'results/bench-10', 'results/.hidden', 'results/other']) mkdirSync(join(dir, d), { recursive: true });
for (const f of ['results/bench-1/summary.json', 'results/bench-2/summary.json', 'answers.yaml']) writeFileSync(join(dir, f), '{}');

/** What bash itself makes of the same text in the same folder: the independent answer. */
const bash = (input: string): string[] => {
  const out = execFileSync('bash', ['--noprofile', '--norc', '-c', `printf '%s\\0' ${input}`], { cwd: dir, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
};

describe('the action\'s args words', () => {
  it.each([
    '--fail-on "ttft.p95 > 800ms, errors.rate > 2%" --label  shard-1',
    `--label 'two words' --slo "ttft=500ms,e2e=3s,attainment=99%"`,
    `a\\ b "c\\"d" 'e\\f' "g\\h" ''`,
    'merge results/bench-* --by pooled --out merged.json',
    'results/*/summary.json results/bench-?',
    'results/*/ "results/bench-*" nothing-matches-* results/.h*',
    'line \\\ncontinued --yes\t--json',
  ])('splits %j as bash does', (input) => {
    expect(words(input, dir)).toEqual(bash(input));
  });

  it('takes a line break as a space (an args: | block), where bash would start a new command', () => {
    expect(words('merge results/bench-*\n  --by pooled\n', dir)).toEqual(['merge', 'results/bench-1', 'results/bench-10', 'results/bench-2', '--by', 'pooled']);
  });

  it('skips comments as bash does at the start of a word', () => {
    expect(words('# the gates\n--json # all of it\nx#y', dir)).toEqual(['--json', 'x#y']);
  });

  it.each(['a $HOME', 'a `id`', 'a; rm -rf /', 'x > y', 'a | b', 'a && b', '$(id)', '"in $HOME"'])('refuses %j rather than run or substitute anything', (input) => {
    expect(() => words(input, dir)).toThrow(/would make a shell substitute or run something/);
  });

  it('passes the same characters through when quoted', () => {
    expect(words(`'$HOME' 'a;b' 'x > y'`, dir)).toEqual(['$HOME', 'a;b', 'x > y']);
  });

  it('names an unclosed quote', () => {
    expect(() => words('--label "shard', dir)).toThrow(/double quote at character 9 is never closed/);
    expect(() => words("--label 'shard", dir)).toThrow(/single quote at character 9 is never closed/);
  });
});
