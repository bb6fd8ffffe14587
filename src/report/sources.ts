import type { ChalkInstance } from 'chalk';
import type { SourceFact, SourcesDocument } from './sources-document.js';
import { paint } from './paint.js';

/**
 * Human rendering of the `data sources` document: per source, its title, URL and the facts resting on it with
 * their dates and statuses. Pure; every line fits `width` columns, long URLs included (broken after a "/" where
 * possible).
 */
export function renderSources(doc: SourcesDocument, width: number, color: boolean): string {
  const w = Math.max(1, Math.floor(width));
  const c = paint(color);
  const t = doc.totals;
  const out: string[] = [];
  const para = (text: string, indent = 0, style?: (s: string) => string) =>
    out.push(...wrap(text, w, indent, indent).map((l) => (style ? restyle(l, style) : l)));
  if (doc.stale) return renderStale(doc.stale, w, c, para, out);

  para(`Sources of ${doc.catalog.file} (catalog ${doc.catalog.version}) and ${doc.models.file} (prices ${doc.models.version})`, 0, c.bold);
  para(
    `${t.sources} source${t.sources === 1 ? '' : 's'} back ${t.facts} fact${t.facts === 1 ? '' : 's'}: ` +
      `${t.verified} verified, ${t.unverified} unverified, ${t.conflict} conflict` +
      `${t.unused > 0 ? `; ${t.unused} cited by nothing` : ''}. Stalest first.`,
  );
  for (const s of doc.sources) {
    out.push('');
    const n = s.facts.length;
    const meta = [
      s.publisher,
      s.file === 'models' ? 'model prices' : 'catalog',
      `${n} fact${n === 1 ? '' : 's'}`,
      s.oldestChecked ? `oldest check ${s.oldestChecked}` : 'cited by nothing',
    ];
    const head = wrap(`${s.id} · ${meta.join(' · ')}`, w, 0, 2);
    out.push(...head.map((l, i) => (i === 0 && l.startsWith(s.id) ? c.bold(s.id) + l.slice(s.id.length) : l)));
    para(`${s.title}${s.published ? ` (page dated ${s.published})` : ''}`, 2);
    out.push(...wrapUrl(s.url, w, 2).map((l) => restyle(l, c.cyan)));
    for (const f of s.facts) out.push(...factLines(f, w, c));
  }
  return out.join('\n') + '\n';
}

const STATUS_WIDTH = 10; // "unverified"

/** `--stale`: the facts older than the bound, stalest first, each with its age and source. */
function renderStale(stale: NonNullable<SourcesDocument['stale']>, w: number, c: ChalkInstance, para: (text: string, indent?: number, style?: (s: string) => string) => void, out: string[]): string {
  const n = stale.facts.length;
  para(`${n} fact${n === 1 ? '' : 's'} checked more than ${stale.days} days before ${stale.asOf}${n > 0 ? ', stalest first:' : '.'}`, 0, c.bold);
  for (const f of stale.facts) {
    out.push('');
    out.push(...factLines(f, w, c));
    para(`${f.ageDays} days old · source ${f.source} · ${f.path}`, 2 + 2 + 10 + 2 + 10, c.dim);
  }
  return out.join('\n') + '\n';
}

/** "(until 2026-11-30)", "(from 2026-12-01)": a fact's window, when it has one. */
export function windowText(f: Pick<SourceFact, 'validFrom' | 'validUntil'>): string {
  if (f.validFrom && f.validUntil) return ` (in force ${f.validFrom} to ${f.validUntil})`;
  if (f.validFrom) return ` (from ${f.validFrom})`;
  return f.validUntil ? ` (until ${f.validUntil})` : '';
}

function factLines(f: SourceFact, width: number, c: ChalkInstance): string[] {
  const styleStatus = f.status === 'verified' ? c.green : f.status === 'conflict' ? c.red : c.yellow;
  const text = (f.summary ? `${f.fact}: ${f.summary}` : f.fact) + windowText(f);
  const prefix = `  ${f.checked}  ${f.status.padEnd(STATUS_WIDTH)}  `;
  const styled = (p: string) => p.replace(f.status, styleStatus(f.status));
  if (width - prefix.length >= 24) {
    const lines = wrap(text, width - prefix.length, 0, 0);
    return lines.map((l, i) => (i === 0 ? styled(prefix) + l : ' '.repeat(prefix.length) + l));
  }
  // Narrow terminals: date and status on one line, the fact below.
  const first = wrap(`  ${f.checked} ${f.status}`, width, 2, 2).map((l) => (l.includes(f.status) ? styled(l) : l));
  return [...first, ...wrap(text, width, 4, 4)];
}

function restyle(line: string, style: (s: string) => string): string {
  const body = line.trimStart();
  return body === '' ? line : line.slice(0, line.length - body.length) + style(body);
}

/** Split a word that does not fit into pieces of at most `room` characters, preferring to end a piece at "/". */
function chop(word: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > room) {
    const slash = rest.lastIndexOf('/', room - 1);
    const cut = slash >= Math.floor(room / 2) ? slash + 1 : room;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Greedy word wrap to `width` columns: the first line indented by `indent`, the others by `hang`. Indents that
 * leave no room shrink so that a line is never wider than `width`.
 */
export function wrap(text: string, width: number, indent: number, hang: number): string[] {
  const lines: string[] = [];
  let pad = Math.min(indent, Math.max(0, width - 1));
  let line = '';
  const room = () => width - pad;
  const flush = () => {
    lines.push(' '.repeat(pad) + line);
    line = '';
    pad = Math.min(hang, Math.max(0, width - 1));
  };
  for (const word of text.split(/\s+/).filter((x) => x !== '')) {
    if (line !== '' && line.length + 1 + word.length <= room()) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') flush();
    let rest = word;
    while (rest.length > room()) {
      line = chop(rest, room())[0]!;
      rest = rest.slice(line.length);
      flush();
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
}

/** A URL on its own line(s), indented, broken only when it cannot fit. */
function wrapUrl(url: string, width: number, indent: number): string[] {
  const pad = Math.min(indent, Math.max(0, width - 1));
  return chop(url, width - pad).map((p) => ' '.repeat(pad) + p);
}
