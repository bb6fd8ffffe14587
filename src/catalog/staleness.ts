import type { Warning } from '../warnings.js';
import { catalogLastVerified, daysBetween, STALE_AFTER_DAYS } from './rules.js';
import type { Catalog } from './schema.js';

/** A catalog not re-verified for this long is flagged on every command that prices or scores. */
export const CATALOG_STALE_DAYS = 90;
/** A fact behind the top options, checked longer ago than this, is flagged by name. */
export const FACT_STALE_DAYS = STALE_AFTER_DAYS;

/** Whole days from a check to the as-of day. */
export function ageOn(checked: string, asOf: string): number {
  return daysBetween(checked, new Date(`${asOf}T00:00:00Z`));
}

/** `catalog-stale`: the as-of date is more than 90 days after the catalog's last verification (its stalest gateway). */
export function catalogStaleWarning(c: Catalog, asOf: string, listCommand: string): Warning | undefined {
  const last = catalogLastVerified(c);
  const ageDays = ageOn(last, asOf);
  if (ageDays <= CATALOG_STALE_DAYS) return undefined;
  return {
    code: 'catalog-stale',
    message: `The catalog was last verified on ${last}, ${ageDays} days before ${asOf} (more than ${CATALOG_STALE_DAYS}): prices and features may have changed since. \`${listCommand}\` lists the oldest facts.`,
    lastVerified: last,
    asOf,
    ageDays,
  };
}

/** A fact that decides an option: what it is, whose, where it comes from, when it was checked. */
export interface DecidingFact {
  option: string;
  gateway?: string | undefined;
  what: string;
  source?: string | undefined;
  checked?: string | undefined;
}

/**
 * `fact-stale`: one warning per fact deciding the top options (a reason, an exclusion or a cost line) that was
 * checked more than 180 days before the as-of date; the same fact cited twice is named once.
 */
export function factStaleWarnings(deciding: readonly DecidingFact[], asOf: string, listCommand: string): Warning[] {
  const seen = new Set<string>();
  const out: Warning[] = [];
  for (const f of deciding) {
    if (f.checked === undefined) continue;
    const ageDays = ageOn(f.checked, asOf);
    // A model price is on every option's token line: one warning names it once.
    const key = `${f.source}|${f.what}|${f.checked}`;
    if (ageDays <= FACT_STALE_DAYS || seen.has(key)) continue;
    seen.add(key);
    out.push({
      code: 'fact-stale',
      message: `"${f.what}" (${f.gateway ?? f.option}${f.source ? `, source ${f.source}` : ''}) decides ${f.option} and was checked on ${f.checked}, ${ageDays} days before ${asOf}. \`${listCommand}\` lists every stale fact.`,
      option: f.option,
      gateway: f.gateway ?? null,
      source: f.source ?? null,
      checked: f.checked,
      asOf,
      ageDays,
    });
  }
  return out;
}
