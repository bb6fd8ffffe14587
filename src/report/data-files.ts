import type { ModelTable } from '../catalog/models-schema.js';
import type { Issue } from '../errors.js';
import { formatFixed, formatNumber } from '../format.js';
import { hang, table } from './layout.js';
import { paint } from './paint.js';

export interface FileResult {
  file: string;
  kind: 'catalog' | 'models' | 'emulators' | 'failover' | 'unknown';
  valid: boolean;
  issues: Issue[];
  warnings: Issue[];
}

/** `data validate`: one line per file, then its problems, each with its JSON path. Pure. */
export function renderValidation(results: readonly FileResult[], width: number, color: boolean): string {
  const c = paint(color);
  const out: string[] = [];
  for (const r of results) {
    const status = r.valid ? c.green('ok     ') : c.red('invalid');
    out.push(...hang(`${status}  `, `${r.file}${r.kind === 'unknown' ? '' : ` (${r.kind})`}`, width));
    for (const i of r.issues) out.push(...hang(`  ${c.red('error:')} `, `${i.path}: ${i.message}`, width, undefined, 4));
    for (const w of r.warnings) out.push(...hang(`  ${c.yellow('warning:')} `, `${w.path}: ${w.message}`, width, undefined, 4));
  }
  return out.join('\n') + '\n';
}

/** Cents at least ($0.60, $2.50), more digits only where the price has them ($0.075). */
const usd = (x: number | null) => (x === null ? '–' : `$${Number(x.toFixed(2)) === x ? formatFixed(x, 2) : formatNumber(x, 4)}`);

/** `data models`: the ids `--models` accepts, with their list prices per million tokens. Pure. */
export function renderModels(table_: ModelTable, file: string, width: number, color: boolean): string {
  const c = paint(color);
  const rows = table_.models.map((m) => [m.id, m.provider, usd(m.inputPerMTok), usd(m.outputPerMTok), usd(m.cachedInputPerMTok), m.checked]);
  const lines = table(
    [
      { header: 'Model id' },
      { header: 'Via' },
      { header: 'Input', align: 'right', fixed: true },
      { header: 'Output', align: 'right', fixed: true },
      { header: 'Cached', align: 'right', fixed: true },
      { header: 'Checked', fixed: true },
    ],
    rows,
    width,
    { head: c.bold, rule: c.dim },
  );
  return [
    ...hang('', `${table_.models.length} models, list prices in USD per million tokens of input, output and cached input (price table ${table_.version}, ${file}).`, width),
    '',
    ...lines,
    '',
    ...hang('', 'Use them as --models id=share,... (shares sum to 1), e.g. --models openai/gpt-4o-mini=0.7,anthropic/claude-sonnet-4-5=0.3', width, c.dim),
  ].join('\n') + '\n';
}
