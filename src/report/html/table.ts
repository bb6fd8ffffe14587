import { esc } from './escape.js';

export interface Col<T> {
  head: string;
  num?: boolean;
  cell(row: T): string;
}

/** An accessible table: a caption, column headers with scope, the first cell of each row as its header. */
export function table<T>(caption: string, cols: readonly Col<T>[], rows: readonly T[]): string {
  const head = cols.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${esc(c.head)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${cols.map((c, i) => (i === 0 ? `<th scope="row">${c.cell(r)}</th>` : `<td${c.num ? ' class="num"' : ''}>${c.cell(r)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<div class="table-wrap"><table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}
