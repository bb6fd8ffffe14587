import { z } from 'zod';
import { warningSchema, type Warning } from '../warnings.js';
import { FACT_STATUSES, type Catalog } from '../catalog/schema.js';
import type { ModelTable } from '../catalog/models-schema.js';
import { facts } from '../catalog/rules.js';
import { ageOn } from '../catalog/staleness.js';

/**
 * `gateway-scout data sources`: every source of the catalog and the model price table with the facts resting on
 * it, their dates and statuses, so a maintainer can re-read one page and update everything it backs. Pure.
 */

export const SOURCES_SCHEMA_VERSION = 1;

const status = z.enum(FACT_STATUSES);

export const sourceFactSchema = z.object({
  fact: z.string().describe('Which fact, e.g. "openrouter pricing.fees[card-credit-purchase]" or "model openai/gpt-4o".'),
  summary: z.string().describe('What it says, briefly, e.g. a fee label, a pitfall title or a support level.'),
  path: z.string().describe('JSON path in its data file, e.g. gateways[1].pricing.fees[0].'),
  checked: z.iso.date(),
  status,
  validFrom: z.iso.date().optional().describe('First day the fact is in force, when it has a window.'),
  validUntil: z.iso.date().optional().describe('Last day the fact is in force, when it has a window.'),
});
export type SourceFact = z.infer<typeof sourceFactSchema>;

export const sourceReportSchema = z.object({
  id: z.string(),
  file: z.enum(['catalog', 'models']),
  title: z.string(),
  url: z.string(),
  publisher: z.enum(['vendor', 'third-party']),
  published: z.iso.date().optional(),
  /** The stalest `checked` among its facts; null when no fact cites it. */
  oldestChecked: z.iso.date().nullable(),
  counts: z.object({ verified: z.number().int(), unverified: z.number().int(), conflict: z.number().int() }),
  facts: z.array(sourceFactSchema),
});
export type SourceReport = z.infer<typeof sourceReportSchema>;

export const sourcesDocumentSchema = z.object({
  schemaVersion: z.literal(SOURCES_SCHEMA_VERSION),
  generatedAt: z.iso.datetime(),
  catalog: z.object({ file: z.string(), version: z.string() }),
  models: z.object({ file: z.string(), version: z.string() }),
  totals: z.object({
    sources: z.number().int(),
    facts: z.number().int(),
    verified: z.number().int(),
    unverified: z.number().int(),
    conflict: z.number().int(),
    /** Sources no fact cites. */
    unused: z.number().int(),
  }),
  /** Stalest first (by oldestChecked), then by id; unused sources last. */
  sources: z.array(sourceReportSchema),
  warnings: z.array(warningSchema).default([]).describe('Staleness warnings (catalog-stale), also shown once on stderr without --json.'),
  stale: z
    .object({
      asOf: z.iso.date(),
      days: z.number().int(),
      facts: z.array(sourceFactSchema.extend({ source: z.string(), ageDays: z.number().int() })).describe('Stalest first.'),
    })
    .optional()
    .describe('With --stale: every fact checked more than `days` days before `asOf`, stalest first.'),
});
export type SourcesDocument = z.infer<typeof sourcesDocumentSchema>;

type Node = Readonly<Record<string, unknown>>;

/** `gateways[1].pricing.fees[0]` → `openrouter pricing.fees[card-credit-purchase]`: ids instead of indexes. */
export function factLabel(root: unknown, path: string): string {
  const tokens = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = root;
  const out: string[] = [];
  for (const t of tokens) {
    const index = /^\[(\d+)\]$/.exec(t);
    node = index ? (node as unknown[])[Number(index[1])] : (node as Node)[t];
    const id = index && node !== null && typeof node === 'object' ? (node as Node).id : undefined;
    out.push(index ? `[${typeof id === 'string' ? id : index[1]}]` : `.${t}`);
  }
  const text = out.join('').replace(/^\./, '');
  const top = /^(gateways|stacks|models)\[([^\]]+)\]\.?(.*)$/.exec(text);
  if (!top) return text;
  const [, kind, id, rest] = top;
  if (kind === 'gateways') return rest ? `${id} ${rest}` : `${id}`;
  return `${kind === 'stacks' ? 'stack' : 'model'} ${id}${rest ? ` ${rest}` : ''}`;
}

const usd = (x: unknown) => (typeof x === 'number' ? `$${x}` : 'n/a');

/** A few words saying what the fact claims. */
export function factSummary(n: Node): string {
  if (typeof n.inputPerMTok === 'number') return `${n.name as string}: ${usd(n.inputPerMTok)} in / ${usd(n.outputPerMTok)} out per M tokens`;
  if (typeof n.title === 'string') return n.title;
  if (typeof n.label === 'string') return n.label;
  if (typeof n.metric === 'string') {
    const high = typeof n.valueMsHigh === 'number' ? `–${n.valueMsHigh}` : '';
    return `${n.metric} ${n.stat as string} ${n.valueMs as number}${high} ms`;
  }
  if (typeof n.level === 'string') return `level: ${n.level}`;
  if (typeof n.burden === 'string') return `burden: ${n.burden}`;
  if (typeof n.baseUrl === 'string') return `API at ${n.baseUrl}`;
  if (typeof n.name === 'string') return n.monthlyUsd === undefined ? n.name : `${n.name}: ${n.monthlyUsd === null ? 'price not published' : `$${n.monthlyUsd as number}/month`}`;
  if ('providers' in n) return `${n.providers === null ? 'unknown' : (n.providers as number)} providers`;
  if (typeof n.value === 'number') return `value: ${n.value}`;
  return '';
}

function reportsFor(root: object, sources: readonly SourceReport[]): void {
  const byId = new Map(sources.map((s) => [s.id, s]));
  for (const f of facts(root, '')) {
    const s = byId.get(f.source);
    if (!s) continue; // an unknown source is a validation error, reported by data validate
    const st = (FACT_STATUSES as readonly string[]).includes(f.status) ? (f.status as SourceFact['status']) : 'verified';
    const w = f.node as { validFrom?: string; validUntil?: string };
    s.facts.push({
      fact: factLabel(root, f.path),
      summary: factSummary(f.node),
      path: f.path,
      checked: f.checked,
      status: st,
      ...(w.validFrom ? { validFrom: w.validFrom } : {}),
      ...(w.validUntil ? { validUntil: w.validUntil } : {}),
    });
    s.counts[st] += 1;
  }
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sourcesDocument(
  catalog: { value: Catalog; file: string },
  models: { value: ModelTable; file: string },
  now: Date,
  only?: string,
  stale?: { asOf: string; days: number },
  warnings: Warning[] = [],
): SourcesDocument {
  const blank = (file: SourceReport['file'], s: Catalog['sources'][number]): SourceReport => ({
    id: s.id,
    file,
    title: s.title,
    url: s.url,
    publisher: s.publisher,
    ...(s.published ? { published: s.published } : {}),
    oldestChecked: null,
    counts: { verified: 0, unverified: 0, conflict: 0 },
    facts: [],
  });
  const fromCatalog = catalog.value.sources.map((s) => blank('catalog', s));
  const fromModels = models.value.sources.map((s) => blank('models', s));
  reportsFor({ gateways: catalog.value.gateways, stacks: catalog.value.stacks }, fromCatalog);
  reportsFor({ models: models.value.models }, fromModels);

  let all = [...fromCatalog, ...fromModels];
  for (const s of all) {
    s.facts.sort((a, b) => byCode(a.checked, b.checked) || byCode(a.fact, b.fact));
    s.oldestChecked = s.facts[0]?.checked ?? null;
  }
  if (only !== undefined) all = all.filter((s) => s.id === only);
  all.sort((a, b) => {
    if (a.oldestChecked === null || b.oldestChecked === null) return a.oldestChecked === b.oldestChecked ? byCode(a.id, b.id) : a.oldestChecked === null ? 1 : -1;
    return byCode(a.oldestChecked, b.oldestChecked) || byCode(a.id, b.id) || byCode(a.file, b.file);
  });
  const sum = (k: keyof SourceReport['counts']) => all.reduce((n, s) => n + s.counts[k], 0);
  return {
    schemaVersion: SOURCES_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    catalog: { file: catalog.file, version: catalog.value.version },
    models: { file: models.file, version: models.value.version },
    totals: {
      sources: all.length,
      facts: all.reduce((n, s) => n + s.facts.length, 0),
      verified: sum('verified'),
      unverified: sum('unverified'),
      conflict: sum('conflict'),
      unused: all.filter((s) => s.facts.length === 0).length,
    },
    sources: all,
    warnings,
    ...(stale ? { stale: { ...stale, facts: staleList(all, stale) } } : {}),
  };
}

/** Facts of these sources checked more than `days` before `asOf`, stalest first. */
function staleList(all: readonly SourceReport[], stale: { asOf: string; days: number }) {
  return all
    .flatMap((s) => s.facts.map((f) => ({ ...f, source: s.id, ageDays: ageOn(f.checked, stale.asOf) })))
    .filter((f) => f.ageDays > stale.days)
    .sort((a, b) => b.ageDays - a.ageDays || byCode(a.path, b.path));
}
