import type { z } from 'zod';
import type { Issue } from '../errors.js';
import { catalogRules, type Validated } from './rules.js';
import { catalogSchema, type Catalog } from './schema.js';

export * from './rules.js';

/** `gateways[1].pricing.fees[0].percent` from zod's path array. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(root)' : out;
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((i) => {
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ path: jsonPath([...i.path, k]), message: `unknown key "${k}" (check its spelling; unknown keys are not allowed)` }));
    }
    return [{ path: jsonPath(i.path), message: i.message }];
  });
}

export function validateCatalog(json: unknown, now: Date): Validated<Catalog> {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error), warnings: [] };
  const { issues, warnings } = catalogRules(parsed.data, now);
  return issues.length > 0 ? { ok: false, issues, warnings } : { ok: true, value: parsed.data, warnings };
}

