import { describe, expect, it } from 'vitest';
import { displayError } from '../../../src/bench/error-text.js';
import { renderBenchTerminal } from '../../../src/report/bench-terminal.js';
import { errorCommand, warningCommand } from '../../../src/report/github-actions.js';
import { renderHtml } from '../../../src/report/html/render.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { actionsData, controlSafe, mapStrings, markdownSafe, terminalSafe } from '../../../src/text/inert.js';
import { chooseFixture } from '../../helpers/report-fixtures.js';
import { BEL, ESC, HOSTILE_BODY, HOSTILE_HEADER, HOSTILE_MODEL, hostileModel, RAW_CONTROL } from '../../helpers/hostile.js';

describe('terminalSafe', () => {
  it('shows each control character as a visible escape and keeps the rest', () => {
    // ESC is 0x1b, BEL 0x07, DEL 0x7f, CSI (C1) 0x9b, NEL 0x85, NUL 0x00.
    expect(terminalSafe(`a${ESC}[2Jb`)).toBe('a\\x1b[2Jb');
    expect(terminalSafe(`${ESC}]0;pwned${BEL}`)).toBe('\\x1b]0;pwned\\x07');
    expect(terminalSafe(`x\u007fy\u009bz\u0085\u0000`)).toBe('x\\x7fy\\x9bz\\x85\\x00');
    // The edges of the C1 range: U+009F is escaped, U+00A0 (no-break space) and ÿ are text.
    expect(terminalSafe('\u009f\u00a0ÿ')).toBe('\\x9f\u00a0ÿ');
    expect(terminalSafe('plain text, ünïcödé — “quotes”')).toBe('plain text, ünïcödé — “quotes”');
  });

  it('keeps a message on one line: line breaks as ⏎, a tab as a space', () => {
    expect(terminalSafe('one\ntwo\r\nthree\rfour\tfive')).toBe('one⏎two⏎three⏎four five');
  });

  it('shows an OSC 8 hyperlink as text, URL included', () => {
    const link = `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`;
    expect(terminalSafe(link)).toBe('\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\');
  });

  it('escapes bidirectional overrides, which reorder what is seen', () => {
    expect(terminalSafe('a\u202eb\u2066c')).toBe('a\\u202eb\\u2066c');
  });

  it('controlSafe keeps line feeds and tabs, and turns CRLF into LF', () => {
    expect(controlSafe(`a\r\nb\tc${ESC}d\re`)).toBe('a\nb\tc\\x1bd⏎e');
  });

  it('mapStrings reaches strings in nested objects and arrays, and leaves other values', () => {
    expect(mapStrings({ a: ['x\u0007', 1, null], b: { c: true, d: 'y\u001b' } }, terminalSafe)).toEqual({ a: ['x\\x07', 1, null], b: { c: true, d: 'y\\x1b' } });
  });
});

describe('markdownSafe', () => {
  it('leaves plain names and enum values alone', () => {
    for (const s of ['litellm', 'rate_limited', 'openai/gpt-4o-mini', 'eu-west.1', '']) expect(markdownSafe(s)).toBe(s);
    // …but an identifier-looking name with underscores at its edges would be bold or italic.
    expect(markdownSafe('__init__')).toBe('\\_\\_init\\_\\_');
  });

  it('backslash-escapes HTML, links, images, emphasis and code', () => {
    expect(markdownSafe('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(markdownSafe('<script>x</script>')).toBe('\\<script\\>x\\</script\\>');
    // With the brackets escaped, neither ![i](u) nor [l](v) is an image or a link.
    expect(markdownSafe('![i](u) [l](v)')).toBe('!\\[i\\](u) \\[l\\](v)');
    expect(markdownSafe('*a* _b_ `c` ~d~ # e & f \\')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\# e \\& f \\\\');
    // Inside a word an underscore is no emphasis, so it stays: "4 × server_error (first: …)".
    expect(markdownSafe('4 × server_error (x)')).toBe('4 × server_error (x)');
  });

  it('breaks autolinks: a URL scheme, an e-mail address, www.', () => {
    expect(markdownSafe('see https://evil.example now')).toBe('see https\\://evil.example now');
    expect(markdownSafe('mail me@evil.example')).toBe('mail me\\@evil.example');
    expect(markdownSafe('www.evil.example')).toBe('www\\.evil.example');
  });

  it('puts a message on one line and shows control characters as escaped text', () => {
    // The visible escape's backslash is itself escaped, so it renders as \x1b.
    expect(markdownSafe(`a\nb${ESC}[2J`)).toBe('a b\\\\x1b\\[2J');
  });

  it('leaves | to the table cell (escaping it twice would end the cell)', () => {
    expect(markdownSafe('a|b c')).toBe('a|b c');
  });
});

describe('GitHub Actions workflow commands', () => {
  it('escape %, CR and LF, and show control characters escaped', () => {
    expect(actionsData(`50% a\nb\r\nc${ESC}[2J${BEL}\u009b\tz\u202e`)).toBe('50%25 a%0Ab%0D%0Ac\\x1b[2J\\x07\\x9b z\\u202e');
    expect(errorCommand('t', `x${ESC}]0;p${BEL}\n::error::forged`)).toBe('::error title=t::x\\x1b]0;p\\x07%0A::error::forged\n');
    expect(warningCommand('a:b,c', 'ok')).toBe('::warning title=a%3Ab%2Cc::ok\n');
  });
});

describe('displayError', () => {
  it('shows control characters escaped and keeps the message on one line', () => {
    expect(displayError(`bad${ESC}[2J\nnext`, [])).toBe('bad\\x1b[2J⏎next');
  });

  it('still takes the key out before escaping', () => {
    expect(displayError(`key test-key-123${BEL}`, ['test-key-123'])).not.toContain('test-key-123');
  });
});

/** Table lines whose count of unescaped pipes differs from their table's header: a cell broke the table. */
function brokenRows(md: string): string[] {
  const pipes = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length;
  const bad: string[] = [];
  let head: number | undefined;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) head = undefined;
    else if (head === undefined) head = pipes(line);
    else if (pipes(line) !== head) bad.push(line);
  }
  return bad;
}

describe('every renderer given a hostile result', () => {
  it('terminal (colour off): no raw control characters; the sequences shown as text', () => {
    const out = renderBenchTerminal(hostileModel(), { width: 200, color: false });
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('\\x1b[2J');
    expect(out).toContain('\\x1b]0;pwned\\x07');
    expect(out).toContain('\\x1b]8;;https://evil.example/');
    expect(out).toContain(`x-lat\\x1b]0;t\\x07`); // the self-reported header's name
  });

  it('terminal (colour on): our own colours stay, the gateway text is still escaped', () => {
    const out = renderBenchTerminal(hostileModel(), { width: 200, color: true });
    // The only raw ESC left start our own SGR colour codes (ESC [ digits ; m).
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(RAW_CONTROL);
    expect(out).toContain('\\x1b[2J');
  });

  it('markdown: no live HTML, link, image or raw control character, and every table row keeps its cells', () => {
    const md = renderMarkdown(hostileModel());
    expect(md).not.toMatch(RAW_CONTROL);
    // Only our own tags (<details>, <summary>, <sub>) are unescaped.
    expect(md.match(/(?<!\\)<\/?[a-z]+/gi)?.filter((t) => !/^<\/?(details|summary|sub)$/.test(t)) ?? []).toEqual([]);
    expect(md).not.toMatch(/(?<!\\)\]\(/); // no [text](url) or ![alt](url)
    expect(md).not.toMatch(/(?<!\\)https?:\/\//); // no autolink
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('\\<script\\>alert(2)\\</script\\>');
    expect(md).toContain('!\\[img\\](https\\://evil.example/x.png)');
    expect(brokenRows(md)).toEqual([]);
    // The hostile body's newline does not start a line of its own.
    expect(md.split('\n').some((l) => l.startsWith('second line'))).toBe(false);
  });

  it('markdown: a hostile target name cannot break the table either', () => {
    const m = hostileModel();
    m.bench.targets[1]!.name = `gw|<i>x</i>\n| forged | row |`;
    m.bench.overhead[0]!.target = m.bench.targets[1]!.name;
    const md = renderMarkdown(m);
    expect(brokenRows(md)).toEqual([]);
    expect(md).not.toMatch(/(?<!\\)<i>/);
  });

  it('HTML: the hostile text is escaped (it was already), with no raw control character', async () => {
    const html = await renderHtml(hostileModel());
    // Chart text alternatives carry it in attribute values, where < is text; a quote must not end the value.
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toMatch(/<img src=x|<script|<b>bold/i);
    // No tag gained an attribute: a quote in text content is text, in an attribute value it is &quot;.
    expect(html).not.toMatch(/<[a-z][^<>]*\sonmouseover=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(ESC);
    expect(html).not.toContain(BEL);
  });

  it('markdown: a choose document given to report is a file too: its watch-outs are escaped', () => {
    const choose = chooseFixture();
    choose.recommendation.watchOuts = [{ ...choose.recommendation.watchOuts[0]!, title: `<img src=x onerror=alert(6)> [x](https://evil.example)` }];
    const md = renderMarkdown({ ...hostileModel(), choose });
    expect(md).toContain('- ⚠️ \\<img src=x onerror=alert(6)\\> \\[x\\](https\\://evil.example)');
  });

  it('the hostile fixture really is hostile (the checks above would catch it raw)', () => {
    expect(HOSTILE_BODY).toMatch(RAW_CONTROL);
    expect(HOSTILE_MODEL).toMatch(RAW_CONTROL);
    expect(HOSTILE_HEADER).toMatch(RAW_CONTROL);
  });
});

describe('renderError', () => {
  it('shows control characters from a file (its keys and values quoted in the error) escaped', async () => {
    const { renderError } = await import('../../../src/report/error.js');
    const { InputError } = await import('../../../src/errors.js');
    const e = new InputError(`x${ESC}[2J.json is not valid.`, 'x.json', [{ path: `targets.0.${ESC}]0;t${BEL}`, message: `Unrecognized key: "${ESC}[2J"` }], `see${BEL}`);
    const out = renderError(e, false);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toBe('error: x\\x1b[2J.json is not valid.\n  targets.0.\\x1b]0;t\\x07: Unrecognized key: "\\x1b[2J"\nhint: see\\x07\n');
  });
});

describe('printFailedGates', () => {
  it('prints a failed gate whose target name came from a hostile summary with its control characters escaped', async () => {
    const { printFailedGates } = await import('../../../src/commands/ci-output.js');
    const { evaluateGates } = await import('../../../src/gates/evaluate.js');
    const { parseGates } = await import('../../../src/gates/parse.js');
    const m = hostileModel();
    m.bench.targets[1]!.name = `gw${ESC}[2J`;
    const written: string[] = [];
    printFailedGates({ err: (s: string) => written.push(s), env: {} }, evaluateGates(parseGates('requests.ok < 1000'), m.bench));
    const text = written.join('');
    expect(text).toContain('gw\\x1b[2J');
    expect(text).not.toMatch(RAW_CONTROL);
  });
});
