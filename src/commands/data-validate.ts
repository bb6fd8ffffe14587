import { validateCatalog, zodIssues } from '../catalog/validate.js';
import { validateModels } from '../catalog/validate-models.js';
import { EXIT, InputError, type ExitCode } from '../errors.js';
import { failoverFileSchema } from '../drill/behaviour-schema.js';
import { DEFAULT_FAILOVER } from '../drill/failover-data.js';
import { emulatorsFileSchema } from '../emulator/gateway-profile.js';
import { DEFAULT_EMULATORS } from '../emulator/gateway-profiles.js';
import { DEFAULT_CATALOG, DEFAULT_MODELS } from '../io/data-files.js';
import { readStructured } from '../io/files.js';
import type { FileResult } from '../report/data-files.js';
import type { Ctx } from './context.js';

async function check(file: string, now: Date): Promise<FileResult> {
  let json: unknown;
  try {
    json = await readStructured(file, 'data file');
  } catch (e) {
    if (e instanceof InputError) return { file, kind: 'unknown', valid: false, issues: [{ path: '(file)', message: e.message }], warnings: [] };
    throw e;
  }
  const o = (json ?? {}) as Record<string, unknown>;
  const kind = kindOf(o);
  if (kind === 'unknown') {
    return { file, kind, valid: false, issues: [{ path: '(root)', message: 'expected an object with "gateways" (a catalog, or emulator profiles with "$schema" naming emulators.schema.json), "models" (a model price table) or "failover" (the gateways\' failover behaviour)' }], warnings: [] };
  }
  if (kind === 'failover' || kind === 'emulators') {
    const r = (kind === 'failover' ? failoverFileSchema : emulatorsFileSchema).safeParse(json);
    return { file, kind, valid: r.success, issues: r.success ? [] : zodIssues(r.error), warnings: [] };
  }
  const r = kind === 'catalog' ? validateCatalog(json, now) : validateModels(json);
  return { file, kind, valid: r.ok, issues: r.ok ? [] : r.issues, warnings: r.warnings };
}

/**
 * Which data file this is. Emulator profiles and the catalog both list "gateways": the profiles' "$schema"
 * (which the shipped file and `gateway-scout schema emulators` give) tells them apart.
 */
function kindOf(o: Record<string, unknown>): FileResult['kind'] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'unknown';
  if (typeof o.$schema === 'string' && /(^|\/)emulators\.schema\.json$/.test(o.$schema)) return 'emulators';
  if ('gateways' in o) return 'catalog';
  if ('models' in o) return 'models';
  return 'failover' in o ? 'failover' : 'unknown';
}

export async function runDataValidate(files: string[], flags: { json?: boolean }, ctx: Ctx): Promise<ExitCode> {
  const targets = files.length > 0 ? files : [DEFAULT_CATALOG, DEFAULT_MODELS, DEFAULT_EMULATORS, DEFAULT_FAILOVER];
  const now = new Date();
  const results = [];
  for (const f of targets) results.push(await check(f, now));
  const valid = results.every((r) => r.valid);
  // The validation document is the result, valid or not; it carries every problem of every file.
  if (flags.json) ctx.out(JSON.stringify({ schemaVersion: 1, valid, files: results }, null, 2) + '\n');
  else ctx.out((await import('../report/data-files.js')).renderValidation(results, ctx.width, ctx.color));
  if (!valid && !flags.json) {
    const bad = results.filter((r) => !r.valid).length;
    const { renderError } = await import('../report/error.js');
    ctx.err(renderError(new InputError(`Invalid data files: ${bad} of ${results.length}.`, undefined, [], 'Each problem above names its JSON path; see README "Data" for the format.'), ctx.errColor));
  }
  return valid ? EXIT.ok : EXIT.usage;
}
