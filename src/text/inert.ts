/**
 * Text that came from a gateway (error bodies, header values, model names echoed back) or from a result file
 * the reader may not have written, made inert for where it is shown (pure). Control characters are never
 * dropped silently: each is shown as a visible escape (`\x1b`, `\x07`, `\x9b`), so an `ESC[2J` in an error body
 * reads as the text `\x1b[2J` instead of clearing the screen, and an OSC 8 hyperlink shows its URL instead of
 * hiding it. Our own colours are added after this, by the renderers.
 */

/** C0 controls, DEL and C1 controls (U+0080–U+009F), which a terminal may act on. Tab and LF are handled apart. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates: they reorder what a reader sees without being visible themselves. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b` for a C0/C1 control or DEL, `\u202e` for a bidirectional control (all four hex digits long). */
const hex = (ch: string): string => {
  const code = ch.codePointAt(0)!;
  return code > 0x9f ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
};

/**
 * One line of untrusted text for a terminal: every control character shown escaped, a line break (CR, LF or
 * CRLF) as "⏎" and a tab as a space, so a message stays on its line and cannot move the cursor or retitle
 * the window.
 */
export function terminalSafe(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, ' ').replace(CONTROL, hex).replace(BIDI, hex);
}

/** As terminalSafe, keeping line breaks (LF, CRLF as LF) and tabs: for text whose lines are meant. */
export function controlSafe(s: string): string {
  return s.replace(/\r\n/g, '\n').replace(/\r/g, '⏎').replace(CONTROL, hex).replace(BIDI, hex);
}

/** Every string in a value (objects and arrays walked, keys kept) passed through `safe`; other values as they are. */
export function mapStrings<T>(v: T, safe: (s: string) => string): T {
  if (typeof v === 'string') return safe(v) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => mapStrings(x, safe)) as T;
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, safe)])) as T;
  return v;
}

/**
 * Characters that start markdown or HTML constructs: emphasis, code, links and images (`[`, `]`: without them
 * `(` and `!` make nothing, so our own sentences keep their parentheses as typed), HTML, entities, headings.
 */
const MD_SPECIAL = /[\\`*[\]<>#&~]/g;
/** An underscore inside a word (`server_error`) never makes emphasis in GFM; one at a word's edge can. */
const MD_UNDERSCORE = /(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/**
 * Untrusted text for GitHub-flavoured markdown, as plain text (one approach everywhere): control characters
 * escaped and line breaks as spaces (terminalSafe), then every character that could start a construct
 * backslash-escaped — `\ ` * _ [ ] < > # & ~` — and the starts of autolinks broken (`\:` before `//`,
 * `\@`, `www\.`), so it renders as the same characters and never as HTML, a link, an image or emphasis. A
 * `|` is left to the table cell, which escapes it (escaping it twice would end the cell). Plain names and enum
 * values (`openai/gpt-4o-mini`, `rate_limited`) hold none of these and come through as they are.
 */
export function markdownSafe(s: string): string {
  return terminalSafe(s)
    .replace(/⏎/g, ' ')
    .replace(MD_SPECIAL, '\\$&')
    .replace(MD_UNDERSCORE, '\\_')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/@/g, '\\@')
    .replace(/(www)\./gi, '$1\\.');
}

/**
 * A GitHub Actions workflow command's data: control characters escaped (CR, LF kept for the next step), then the runner's
 * own escapes — `%` as %25, CR as %0D, LF as %0A — so a message cannot end its command and start another.
 */
export function actionsData(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, hex)
    .replace(BIDI, hex)
    .replace(/\t/g, ' ').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
