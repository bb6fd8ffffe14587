import { validateCatalog } from '../catalog/validate.js';
import { validateModels } from '../catalog/validate-models.js';
import { EXIT, InputError, type ExitCode, type Issue } from '../errors.js';
import { DEFAULT_CATALOG, DEFAULT_MODELS } from '../io/data-files.js';
import { readStructured } from '../io/files.js';
import { paint } from '../report/paint.js';
import type { Ctx } from './context.js';

interface FileResult {
  file: string;
  kind: 'catalog' | 'models' | 'unknown';
  valid: boolean;
  issues: Issue[];
  warnings: Issue[];
}

async function check(file: string, now: Date): Promise<FileResult> {
  let json: unknown;
  try {
    json = await readStructured(file, 'data file');
  } catch (e) {
    if (e instanceof InputError) return { file, kind: 'unknown', valid: false, issues: [{ path: '(file)', message: e.message }], warnings: [] };
    throw e;
  }
  const o = (json ?? {}) as Record<string, unknown>;
  if (typeof o !== 'object' || Array.isArray(o) || (!('gateways' in o) && !('models' in o))) {
    return { file, kind: 'unknown', valid: false, issues: [{ path: '(root)', message: 'expected an object with "gateways" (a catalog) or "models" (a model price table)' }], warnings: [] };
  }
  const kind = 'gateways' in o ? 'catalog' : 'models';
  const r = kind === 'catalog' ? validateCatalog(json, now) : validateModels(json);
  return { file, kind, valid: r.ok, issues: r.ok ? [] : r.issues, warnings: r.warnings };
}

export async function runDataValidate(files: string[], flags: { json?: boolean }, ctx: Ctx): Promise<ExitCode> {
  const targets = files.length > 0 ? files : [DEFAULT_CATALOG, DEFAULT_MODELS];
  const now = new Date();
  const results = [];
  for (const f of targets) results.push(await check(f, now));
  const valid = results.every((r) => r.valid);
  if (flags.json) {
    ctx.out(JSON.stringify({ schemaVersion: 1, valid, files: results }, null, 2) + '\n');
  } else {
    const c = paint(ctx.color);
    for (const r of results) {
      ctx.err(`${r.valid ? c.green('ok') : c.red('invalid')} ${r.file}${r.kind === 'unknown' ? '' : c.dim(` (${r.kind})`)}\n`);
      for (const i of r.issues) ctx.err(`  ${c.red('error')} ${c.bold(i.path)}: ${i.message}\n`);
      for (const w of r.warnings) ctx.err(`  ${c.yellow('warning')} ${c.bold(w.path)}: ${w.message}\n`);
    }
  }
  return valid ? EXIT.ok : EXIT.usage;
}
