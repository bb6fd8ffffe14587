/**
 * Number formatting without Intl: the first toLocaleString call initialises ICU, which costs more start-up
 * time than the rest of `choose --json`. Output matches en-US.
 */
export function formatInt(n: number): string {
  const r = Math.round(n);
  const sign = r < 0 ? '-' : '';
  return sign + String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A number with `digits` decimals and thousands separators, e.g. 1234.5 → "1,234.50". Rounds like toFixed
 * (binary), so an exact tie such as 1.005 may round down where Intl rounds up: a cent, in a display string.
 */
export function formatFixed(n: number, digits: number): string {
  const [int = '0', frac] = Math.abs(n).toFixed(digits).split('.');
  const sign = n < 0 && Number(Math.abs(n).toFixed(digits)) !== 0 ? '-' : '';
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
}

/** Up to `maxDigits` decimals, trailing zeros dropped, e.g. 0.5 → "0.5", 1200 → "1,200". */
export function formatNumber(n: number, maxDigits = 3): string {
  const s = formatFixed(n, maxDigits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** US dollars for tables: cents from a dollar, four significant digits below it ("$0.01125"); "—" when unknown. */
export function formatUsd(x: number | null): string {
  if (x === null) return '—';
  if (x === 0) return '$0';
  if (Math.abs(x) >= 1) return `$${x.toFixed(2)}`;
  return `$${Number(x.toPrecision(4))}`;
}

/**
 * Text cut for display: at most `max` characters (code points, so a character is never split in two), and when
 * cut it ends with "…", which counts towards `max`. Text that fits is returned as it is.
 */
export function clipText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}
