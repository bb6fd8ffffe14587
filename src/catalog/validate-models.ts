import type { Issue } from '../errors.js';
import { modelTableSchema, type ModelTable } from './models-schema.js';
import { zodIssues } from './validate.js';
import { facts, type Validated } from './rules.js';
import { sourceUrlIssues, thirdPartyVerifiedWarnings } from './provenance.js';

/** Schema plus cross-field rules for `data/models.json`. Pure. */
export function validateModels(json: unknown): Validated<ModelTable> {
  const parsed = modelTableSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error), warnings: [] };
  const t = parsed.data;
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const sources = new Set(t.sources.map((s) => s.id));
  const seen = new Map<string, number>();
  t.models.forEach((m, i) => {
    const first = seen.get(m.id);
    if (first !== undefined) issues.push({ path: `models[${i}].id`, message: `duplicate model "${m.id}" (first at models[${first}])` });
    else seen.set(m.id, i);
    if (!sources.has(m.source)) issues.push({ path: `models[${i}].source`, message: `unknown source "${m.source}": add it to "sources"` });
    if (m.cachedInputPerMTok !== null && m.cachedInputPerMTok > m.inputPerMTok) {
      warnings.push({ path: `models[${i}].cachedInputPerMTok`, message: `cached input price is above the input price` });
    }
  });
  issues.push(...sourceUrlIssues(t.sources));
  warnings.push(...thirdPartyVerifiedWarnings(t.sources, facts({ models: t.models }, '')));
  return issues.length > 0 ? { ok: false, issues, warnings } : { ok: true, value: t, warnings };
}
