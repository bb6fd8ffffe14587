/**
 * Laying text out for a terminal of a given width. Every human report goes through here, so that all of them
 * keep the same promises: no line wider than the width (except a line that is only a URL or another single
 * word longer than the width), text wrapped on word boundaries, numbers and other words never cut, tables
 * whose columns fit. Pure: strings in, lines out; colour comes in as style functions applied after layout, so
 * escape codes never count toward a width or bleed across a column.
 */

export type Style = (s: string) => string;
const plain: Style = (s) => s;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on screen: escape codes take none; every other code point takes one. */
export function visibleWidth(s: string): number {
  let n = 0;
  for (const _ of s.replace(ANSI, '')) n += 1;
  return n;
}

/** Pad to `width` columns on the right (or the left, for numbers). */
export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/**
 * Wrap text into lines of at most `width` columns, breaking only at spaces. A word longer than the width (a
 * URL) gets a line of its own rather than being cut. Explicit newlines are kept.
 */
export function wrap(text: string, width: number, firstWidth = width): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(' ').filter((x) => x !== '');
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    let lineW = 0;
    for (const word of words) {
      const ww = visibleWidth(word);
      const w = Math.max(1, out.length === 0 ? firstWidth : width);
      if (line !== '' && lineW + 1 + ww <= w) {
        line += ' ' + word;
        lineW += 1 + ww;
      } else {
        if (line !== '') out.push(line);
        line = word;
        lineW = ww;
      }
    }
    out.push(line);
  }
  return out;
}

/** The widest single word: the narrowest a column can be without cutting a word. */
export function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[ \n]/).map(visibleWidth));
}

/**
 * A paragraph with a lead (a marker such as "  + " or a label such as "Cheapest: ") and a hanging indent for
 * its continuation lines. The lead may be coloured; `style` colours the text, line by line.
 */
export function hang(lead: string, text: string, width: number, style: Style = plain, indent = visibleWidth(lead)): string[] {
  const leadW = visibleWidth(lead);
  return wrap(text, Math.max(1, width - indent), Math.max(1, width - leadW)).map((line, i) => (i === 0 ? lead : ' '.repeat(indent)) + style(line));
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Never wrapped or narrowed (figures). Default: text columns wrap on word boundaries. */
  fixed?: boolean;
  /**
   * Optional column: when the table is wider than the room, optional columns are left out, the lowest `drop`
   * first, until the rest fit at their natural widths. Columns without it are always shown.
   */
  drop?: number;
}

export interface Cell {
  text: string;
  style?: Style;
}

export interface TableOptions {
  /** Spaces before the first column. */
  indent?: number;
  /** Header style (e.g. bold). */
  head?: Style;
  /** Style of the rule under the header (e.g. dim). */
  rule?: Style;
  /** No header row: a list of aligned pairs, such as commands and what they do. */
  headless?: boolean;
}

const GUTTER = 2;
const cellOf = (c: string | Cell): Cell => (typeof c === 'string' ? { text: c } : c);

/**
 * A borderless table whose columns fit `width`: columns keep their natural width when everything fits;
 * otherwise text columns shrink (wrapping on word boundaries) in proportion to how much they would need,
 * never below their longest word, and figures keep their full width. When even that does not fit, each row
 * becomes a block of "header: value" lines.
 */
export function table(allColumns: readonly Column[], rows: readonly (readonly (string | Cell)[])[], width: number, opts: TableOptions = {}): string[] {
  const indent = opts.indent ?? 2;
  const head = opts.head ?? plain;
  const rule = opts.rule ?? plain;
  const header = (c: Column) => (opts.headless ? '' : c.header);
  const naturalOf = (c: Column, i: number) => Math.max(longestLine(header(c)), ...rows.map((r) => longestLine(cellOf(r[i] ?? '').text)));
  const shown = shownColumns(allColumns, allColumns.map(naturalOf), width - indent);
  const columns = shown.map((i) => allColumns[i]!);
  const cells = rows.map((r) => shown.map((i) => cellOf(r[i] ?? '')));
  const natural = columns.map((c, i) => Math.max(longestLine(header(c)), ...cells.map((r) => longestLine(r[i]!.text))));
  const minimum = columns.map((c, i) => (c.fixed ? natural[i]! : Math.max(longestWord(header(c)), ...cells.map((r) => longestWord(r[i]!.text)))));
  const room = width - indent - GUTTER * (columns.length - 1);
  if (sum(minimum) > room) return stacked(columns, cells, width, indent, head, opts.headless === true);

  const widths = fit(natural, minimum, room);
  const lead = ' '.repeat(indent);
  const render = (texts: readonly Cell[], style?: Style): string[] => {
    const wrapped = texts.map((c, i) => wrap(c.text, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    const lines: string[] = [];
    for (let y = 0; y < height; y++) {
      const parts = columns.map((col, i) => {
        const t = wrapped[i]![y] ?? '';
        const styled = (style ?? texts[i]!.style ?? plain)(t);
        const last = i === columns.length - 1 && col.align !== 'right';
        return last ? styled : pad(styled, widths[i]!, col.align);
      });
      lines.push((lead + parts.join(' '.repeat(GUTTER))).trimEnd());
    }
    return lines;
  };
  const out = opts.headless ? [] : [...render(columns.map((c) => ({ text: c.header })), head), lead + widths.map((w) => rule('─'.repeat(w))).join(' '.repeat(GUTTER))];
  const body = cells.map((r) => render(r));
  // Rows that wrap read better with air between them.
  const spaced = body.some((b) => b.length > 1);
  body.forEach((b, i) => {
    if (spaced && i > 0) out.push('');
    out.push(...b);
  });
  return out;
}

/**
 * A wide table as several narrower ones: the first column (the row labels) repeats in each, and the other columns
 * go, in order, into groups that fit `width` without wrapping any word. Nine gateways side by side then read as
 * three tables of three at 80 columns instead of one table squeezed into "header: value" blocks.
 */
export function groupedTable(first: Column, columns: readonly Column[], rows: readonly (readonly [string | Cell, ...(string | Cell)[]])[], width: number, opts: TableOptions = {}): string[] {
  const minimumOf = (header: string, texts: readonly string[]) => Math.max(longestWord(header), ...texts.map(longestWord));
  const firstWidth = minimumOf(first.header, rows.map((r) => cellOf(r[0]).text));
  const widths = columns.map((c, i) => minimumOf(c.header, rows.map((r) => cellOf(r[i + 1] ?? '').text)));
  const groups = columnGroups(widths, width - (opts.indent ?? 2) - firstWidth - GUTTER);
  return groups.flatMap((g, n) => [
    ...(n > 0 ? [''] : []),
    ...table([first, ...g.map((i) => columns[i]!)], rows.map((r) => [r[0], ...g.map((i) => r[i + 1] ?? '')]), width, opts),
  ]);
}

/** Consecutive groups of column indexes whose widths (plus gutters) fit `room`; a column too wide alone gets its own. Pure. */
export function columnGroups(widths: readonly number[], room: number): number[][] {
  const groups: number[][] = [];
  let used = 0;
  widths.forEach((w, i) => {
    const last = groups.at(-1);
    if (last !== undefined && used + GUTTER + w <= room) {
      last.push(i);
      used += GUTTER + w;
    } else {
      groups.push([i]);
      used = w;
    }
  });
  return groups;
}

/** Indexes of the columns to show: all of them, or without the optional ones that must give way (see Column.drop). */
function shownColumns(columns: readonly Column[], natural: readonly number[], room: number): number[] {
  let shown = columns.map((_, i) => i);
  const total = () => sum(shown.map((i) => natural[i]!)) + GUTTER * (shown.length - 1);
  while (total() > room) {
    const optional = shown.filter((i) => columns[i]!.drop !== undefined);
    if (optional.length === 0) break;
    const out = optional.reduce((lo, i) => (columns[i]!.drop! < columns[lo]!.drop! ? i : lo));
    shown = shown.filter((i) => i !== out);
  }
  return shown;
}

/**
 * Share the room: every column starts at its minimum; the rest is poured in equal steps into the columns
 * that still want more, each up to its natural width. Short columns fill up first, so a long one (notes)
 * takes what is left rather than squeezing its neighbours.
 */
function fit(natural: readonly number[], minimum: readonly number[], room: number): number[] {
  if (sum(natural) <= room) return [...natural];
  const widths = [...minimum];
  let spare = room - sum(widths);
  for (;;) {
    const wanting = widths.map((_, i) => i).filter((i) => widths[i]! < natural[i]!);
    if (wanting.length === 0 || spare <= 0) break;
    const step = Math.max(1, Math.floor(spare / wanting.length));
    for (const i of wanting) {
      const give = Math.min(step, natural[i]! - widths[i]!, spare);
      widths[i]! += give;
      spare -= give;
    }
  }
  return widths;
}

/** The narrow fallback: one block per row, the first cell as its heading. */
function stacked(columns: readonly Column[], cells: readonly (readonly Cell[])[], width: number, indent: number, head: Style, headless: boolean): string[] {
  const lead = ' '.repeat(indent);
  const out: string[] = [];
  cells.forEach((r, k) => {
    if (k > 0) out.push('');
    out.push(...hang(lead, r[0]!.text, width, r[0]!.style ?? plain));
    columns.slice(1).forEach((c, j) => {
      const cell = r[j + 1]!;
      if (cell.text === '') return;
      const label = headless ? `${lead}    ` : `${lead}  ${head(c.header)}: `;
      out.push(...hang(label, cell.text, width, cell.style ?? plain, indent + 4));
    });
  });
  return out;
}

function longestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(visibleWidth));
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Footnotes: long things (sources with their URLs, notes) leave the line that mentions them and are listed
 * once, below, under a short numbered reference. The same key always gets the same number.
 */
export class Footnotes {
  private readonly entries = new Map<string, { n: number; title: string; url?: string | undefined }>();

  /** The reference for `key`, e.g. "[3]"; `title` (and a `url` on its own line) are listed by `lines`. */
  ref(key: string, title: string, url?: string): string {
    let e = this.entries.get(key);
    if (!e) {
      e = { n: this.entries.size + 1, title, url };
      this.entries.set(key, e);
    }
    return `[${e.n}]`;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * "[1] Title" wrapped with a hanging indent, then the URL alone on its line (so it can be clicked or copied
   * whole). A footnote that is only a URL sits beside its number when it fits; so does any URL when `compact`
   * (the title is shown only when the URL needs a line of its own anyway).
   */
  lines(width: number, refStyle: Style = plain, indent = 2, compact = false): string[] {
    const out: string[] = [];
    const digits = String(this.entries.size).length;
    for (const e of this.entries.values()) {
      const mark = `[${e.n}]`.padEnd(digits + 3);
      const lead = ' '.repeat(indent) + refStyle(mark);
      const under = ' '.repeat(indent + visibleWidth(mark));
      const urlFits = e.url !== undefined && indent + visibleWidth(mark) + visibleWidth(e.url) <= width;
      if (e.url && (e.title === '' || (compact && urlFits))) {
        out.push(...(urlFits ? [lead + e.url] : [lead.trimEnd(), under + e.url]));
        continue;
      }
      out.push(...hang(lead, e.title, width, plain, indent + visibleWidth(mark)));
      if (e.url) out.push(under + e.url);
    }
    return out;
  }
}

/**
 * A shell command over several lines when it must: broken between words, each broken line ending in " \\" so
 * that it still pastes as one command, continuation lines indented further.
 */
export function shellLines(command: string, width: number, indent: number): string[] {
  const words = command.split(' ');
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    const lead = out.length === 0 ? indent : indent + 4;
    if (line !== '' && lead + visibleWidth(line) + 1 + visibleWidth(word) + 2 > width) {
      out.push(line + ' \\');
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.map((l, i) => ' '.repeat(i === 0 ? indent : indent + 4) + l);
}

/** A section heading followed by its lines, or nothing when there are none. */
export function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', title, ...lines];
}
