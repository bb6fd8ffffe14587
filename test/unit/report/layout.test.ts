import { describe, expect, it } from 'vitest';
import { Footnotes, hang, shellLines, table, visibleWidth, wrap } from '../../../src/report/layout.js';

const red = (s: string) => `\u001b[31m${s}\u001b[39m`;

describe('wrap', () => {
  it('breaks at spaces only, never inside a word or a number', () => {
    // "costs about" is 11 columns; "$1,260.31/month" (15) does not fit after it in 20, so it starts a line.
    expect(wrap('It costs about $1,260.31/month in total', 20)).toEqual(['It costs about', '$1,260.31/month in', 'total']);
  });

  it('gives a word longer than the width a line of its own instead of cutting it', () => {
    expect(wrap('see https://example.com/a/very/long/path now', 12)).toEqual(['see', 'https://example.com/a/very/long/path', 'now']);
  });

  it('keeps explicit newlines and allows a narrower first line', () => {
    expect(wrap('one two three\nfour', 9, 4)).toEqual(['one', 'two three', 'four']);
  });

  it('does not count colour codes toward the width', () => {
    expect(visibleWidth(red('abc'))).toBe(3);
    expect(wrap(`${red('aaaa')} bbbb`, 9)).toEqual([`${red('aaaa')} bbbb`]);
  });
});

describe('hang', () => {
  it('puts the lead on the first line and indents the rest', () => {
    // width 16: "  + " takes 4, so the first line has 12 columns; later lines are indented by 4 as well.
    expect(hang('  + ', 'alpha beta gamma delta', 16)).toEqual(['  + alpha beta', '    gamma delta']);
  });

  it('can indent continuation lines deeper than the lead', () => {
    expect(hang('- ', 'aaa bbb ccc', 8, undefined, 4)).toEqual(['- aaa', '    bbb', '    ccc']);
  });
});

describe('table', () => {
  const columns = [{ header: 'Name' }, { header: 'USD', align: 'right' as const, fixed: true }];

  it('keeps natural widths when everything fits, right-aligns figures and rules the header', () => {
    expect(table(columns, [['OpenRouter', '$330.00'], ['LiteLLM', '$1,260.31']], 40)).toEqual([
      '  Name              USD',
      '  ──────────  ─────────',
      '  OpenRouter    $330.00',
      '  LiteLLM     $1,260.31',
    ]);
  });

  it('wraps text columns on word boundaries to fit, never narrowing a figure, with air between wrapped rows', () => {
    // width 24: indent 2 + gutter 2 + "$1,260.31" 9 leaves 11 for the name column.
    const lines = table(columns, [['LiteLLM Proxy (AI Gateway)', '$1,260.31'], ['OpenRouter', '$330.00']], 24);
    expect(lines).toEqual([
      '  Name               USD',
      '  ───────────  ─────────',
      '  LiteLLM      $1,260.31',
      '  Proxy (AI',
      '  Gateway)',
      '',
      '  OpenRouter     $330.00',
    ]);
    for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(24);
  });

  it('falls back to one block per row when the columns cannot fit even at their narrowest', () => {
    expect(table(columns, [['Cloudflare', '$100,000.00']], 16)).toEqual(['  Cloudflare', '    USD: $100,000.00']);
  });

  it('fills short columns first, so a long note column takes what is left', () => {
    const lines = table(
      [{ header: 'Line' }, { header: 'How' }],
      [['Postgres', 'needed for budgets and virtual keys, priced as an assumption you can override']],
      40,
    );
    // "Postgres" keeps its 8 columns; the note gets 40 - 2 - 8 - 2 = 28.
    expect(lines[2]).toBe('  Postgres  needed for budgets and');
    for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(40);
  });

  it('colours cells after layout, so codes neither count nor bleed into the next column', () => {
    const lines = table([{ header: 'a' }, { header: 'b' }], [[{ text: 'no', style: red }, 'x']], 20);
    expect(lines[2]).toBe(`  ${red('no')}  x`);
  });

  it('headless tables list aligned pairs', () => {
    expect(table([{ header: '' }, { header: '' }], [['cost', 'every line'], ['compare', 'side by side']], 40, { headless: true })).toEqual([
      '  cost     every line',
      '  compare  side by side',
    ]);
  });
});

describe('Footnotes', () => {
  it('numbers each key once and lists titles, then URLs alone on their lines', () => {
    const notes = new Footnotes();
    expect(notes.ref('a', 'Alpha docs', 'https://a.example/x')).toBe('[1]');
    expect(notes.ref('b', 'Beta', 'https://b.example/')).toBe('[2]');
    expect(notes.ref('a', 'ignored', 'ignored')).toBe('[1]');
    expect(notes.lines(60)).toEqual(['  [1] Alpha docs', '      https://a.example/x', '  [2] Beta', '      https://b.example/']);
  });

  it('puts a URL-only footnote beside its number when it fits, else under it', () => {
    const notes = new Footnotes();
    notes.ref('u', '', 'https://example.com/long/path');
    expect(notes.lines(40)).toEqual(['  [1] https://example.com/long/path']);
    expect(notes.lines(20)).toEqual(['  [1]', '      https://example.com/long/path']);
  });

  it('compact: the URL alone when it fits beside the number, else the title and the URL under it', () => {
    const notes = new Footnotes();
    notes.ref('s', 'Short', 'https://s.example/');
    notes.ref('l', 'Long one', 'https://example.com/a/rather/long/path/to/a/page');
    expect(notes.lines(40, undefined, 2, true)).toEqual(['  [1] https://s.example/', '  [2] Long one', '      https://example.com/a/rather/long/path/to/a/page']);
  });
});

describe('shellLines', () => {
  it('continues a long command with " \\" so that it still pastes as one command', () => {
    expect(shellLines('gateway-scout choose --answers a.yaml --json --expect litellm', 44, 2)).toEqual([
      '  gateway-scout choose --answers a.yaml \\',
      '      --json --expect litellm',
    ]);
  });
});
