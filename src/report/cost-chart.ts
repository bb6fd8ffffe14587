/**
 * A small ASCII chart of the cost curve: total USD/month (log scale) against requests/month (log scale), one
 * marker per gateway. Pure; plain ASCII so it survives any terminal and NO_COLOR.
 */

export interface ChartSeries {
  name: string;
  /** null: no point (the option cannot carry that volume). */
  values: readonly (number | null)[];
}

export function renderCostChart(volumes: readonly number[], series: readonly ChartSeries[], height = 12, maxWidth = 80): string {
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && v > 0);
  if (volumes.length === 0 || all.length === 0) return '(no data to chart)\n';
  const markers = pickMarkers(series.map((s) => s.name));
  let lo = Math.log10(Math.min(...all));
  let hi = Math.log10(Math.max(...all));
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  // Three columns a volume when they fit, fewer on a narrow terminal (the y labels take up to 8).
  const colW = Math.max(1, Math.min(3, Math.floor((maxWidth - 10) / volumes.length)));
  const width = volumes.length * colW;
  const rows: string[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  series.forEach((s, si) => {
    s.values.forEach((v, i) => {
      if (v === null) return;
      const y = v > 0 ? Math.round(((Math.log10(v) - lo) / (hi - lo)) * (height - 1)) : 0;
      const row = rows[height - 1 - y];
      const x = i * colW + Math.min(1, colW - 1);
      if (!row) return;
      const cur = row[x];
      row[x] = cur === ' ' || cur === undefined ? (markers[si] ?? '*') : cur === markers[si] ? cur : '#';
    });
  });
  const labels = rows.map((_, r) => {
    const y = height - 1 - r;
    return r === 0 || r === height - 1 || r === Math.floor((height - 1) / 2) ? usdShort(10 ** (lo + ((hi - lo) * y) / (height - 1))) : '';
  });
  const labelW = Math.max(...labels.map((l) => l.length));
  const lines = rows.map((row, r) => `${(labels[r] ?? '').padStart(labelW)} |${row.join('').trimEnd()}`);
  lines.push(`${' '.repeat(labelW)} +${'-'.repeat(width)}`);
  const ticks = Array.from({ length: width }, () => ' ');
  volumes.forEach((v, i) => {
    if (!/^1/.test(String(v))) return;
    const t = countShort(v);
    const at = i * colW + 1; // under the marker
    // Skip a label that would run into the previous one.
    if (at > 0 && ticks[at - 1] !== ' ') return;
    for (let k = 0; k < t.length; k++) if (at + k < width) ticks[at + k] = t[k] as string;
  });
  lines.push(`${' '.repeat(labelW)}  ${ticks.join('').trimEnd()}`);
  lines.push(`${' '.repeat(labelW)}  requests/month (log)   USD/month (log)`);
  // The legend wraps between entries, never inside one.
  const legend = [...series.map((s, i) => `${markers[i]} ${s.name}`), ...(series.length > 1 ? ['# overlap'] : [])];
  let line = '';
  for (const entry of legend) {
    const next = line === '' ? `  ${entry}` : `${line}   ${entry}`;
    if (line !== '' && next.length > maxWidth) {
      lines.push(line);
      line = `  ${entry}`;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n') + '\n';
}

function pickMarkers(names: readonly string[]): string[] {
  const used = new Set<string>(['#']);
  return names.map((n, i) => {
    for (const ch of (n.replace(/[^A-Za-z0-9]/g, '') + 'XYZ').toUpperCase()) {
      if (!used.has(ch)) {
        used.add(ch);
        return ch;
      }
    }
    return String(i % 10);
  });
}

export function usdShort(x: number): string {
  if (x >= 1e6) return `$${trim(x / 1e6)}M`;
  if (x >= 1e3) return `$${trim(x / 1e3)}k`;
  return `$${trim(x)}`;
}

export function countShort(x: number): string {
  if (x >= 1e9) return `${trim(x / 1e9)}B`;
  if (x >= 1e6) return `${trim(x / 1e6)}M`;
  if (x >= 1e3) return `${trim(x / 1e3)}k`;
  return trim(x);
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x >= 10 ? String(Math.round(x * 10) / 10) : String(Math.round(x * 100) / 100);
}
