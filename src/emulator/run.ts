import { resolve } from 'node:path';
import type { z } from 'zod';
import { zodIssues } from '../catalog/validate.js';
import type { Ctx } from '../commands/context.js';
import { EXIT, InputError, UsageError, type ExitCode } from '../errors.js';
import { DEFAULT_MODELS, loadModels } from '../io/data-files.js';
import { readStructured } from '../io/files.js';
import { parseFaultSpecs } from './faults.js';
import { priceTableFromModels, type PriceTable } from './model.js';
import { applyProfileFlags, BUILTIN_PROFILES, profileFileSchema, resolveProfileFile, type Profile, type ProfileFlags } from './profile.js';
import { modelIdFor, startEmulators, type RunningEmulators } from './server.js';

/** `gateway-scout emulate`: start the emulators, print where they are, run until Ctrl-C / SIGTERM. */

export interface EmulateOptions extends ProfileFlags {
  port?: string;
  profile?: string;
  fault?: string[];
  seed?: string;
  hop?: string;
  json?: boolean;
  dataModels?: string;
}

export const EMULATE_SCHEMA_VERSION = 1;

export const defaultModelsPath = (): string => DEFAULT_MODELS;

export async function loadPriceTable(file: string): Promise<PriceTable> {
  return priceTableFromModels((await loadModels(file)).value);
}

export async function loadProfile(nameOrFile: string, cwd: string): Promise<{ profile: Profile; faults: string[]; seed?: number }> {
  const builtin = BUILTIN_PROFILES[nameOrFile];
  if (builtin) return { profile: builtin, faults: [] };
  const file = resolve(cwd, nameOrFile);
  const data = await readStructured(file, 'profile file');
  const parsed = profileFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new InputError(`The profile file ${file} is invalid.`, file, zodIssues(parsed.error), `Built-in profiles: ${Object.keys(BUILTIN_PROFILES).join(', ')}.`);
  }
  try {
    return resolveProfileFile(parsed.data);
  } catch (e) {
    const issues = (e as { issues?: unknown }).issues ? zodIssues(e as z.ZodError) : [];
    throw new InputError(`The profile file ${file} is invalid.`, file, issues);
  }
}

function parseIntOption(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return Number(value);
}

export function describeEmulators(emu: RunningEmulators, exampleCatalogId: string): Record<string, unknown> {
  return {
    schemaVersion: EMULATE_SCHEMA_VERSION,
    profile: emu.profile,
    seed: emu.seed,
    hop: emu.hop,
    faults: emu.faults.map((f) => f.spec),
    endpoints: emu.endpoints.map((e) => ({
      id: e.id,
      label: e.label,
      baseUrl: e.baseUrl,
      chatUrl: e.chatUrl,
      apiKey: e.apiKey,
      headers: e.headers,
      keys: e.keys,
      modelNaming: e.modelNaming,
      exampleModel: e.id === 'litellm' ? modelIdFor('provider', exampleCatalogId) : modelIdFor(e.id, exampleCatalogId),
      overheadMs: e.overheadMs,
      alternates: e.alternates,
    })),
  };
}

function table(emu: RunningEmulators, example: string): string {
  const rows: string[][] = [['ENDPOINT', 'BASE URL', 'KEY (Authorization: Bearer)', 'MODEL e.g.', '+MS']];
  for (const e of emu.endpoints) {
    rows.push([e.id, e.baseUrl, e.apiKey, e.id === 'litellm' ? modelIdFor('provider', example) : modelIdFor(e.id, example), String(Math.round(e.overheadMs * 1000) / 1000)]);
    for (const a of e.alternates) rows.push([`  ${a.label}`, a.baseUrl, '(same)', a.modelNaming === 'slug' ? modelIdFor('provider', example) : example, '']);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  const extra: string[] = [];
  for (const e of emu.endpoints) {
    for (const [h, v] of Object.entries(e.headers)) extra.push(`${e.id} also needs header  ${h}: ${v}`);
    for (const k of e.keys) if (k.value !== e.apiKey && k.header.startsWith('Authorization')) extra.push(`${e.id} also accepts  ${k.header} ${k.value}  (${k.note})`);
  }
  return [...lines, '', ...extra, '', `profile: ${emu.profile.name}   seed: ${emu.seed}   hop: ${emu.hop}   faults: ${emu.faults.map((f) => f.spec).join(' ') || 'none'}`, ''].join('\n');
}

export async function runEmulate(opts: EmulateOptions, ctx: Ctx): Promise<ExitCode> {
  const port = parseIntOption(opts.port, '--port', 0, 65532) ?? 0;
  const hop = opts.hop ?? 'in-process';
  if (hop !== 'in-process' && hop !== 'http') throw new UsageError(`--hop must be "in-process" or "http", got "${hop}".`);
  let seed = parseIntOption(opts.seed, '--seed', 0, 2 ** 32 - 1);
  const loaded = await loadProfile(opts.profile ?? 'realistic', ctx.cwd);
  seed ??= loaded.seed ?? 1;
  const faults = parseFaultSpecs([...loaded.faults, ...(opts.fault ?? [])]);
  const modelsFile = opts.dataModels !== undefined ? resolve(ctx.cwd, opts.dataModels) : defaultModelsPath();
  const prices = await loadPriceTable(modelsFile);

  const profile = applyProfileFlags(loaded.profile, opts);
  const emu = await startEmulators({ prices, profile, faults, seed, port, hop });
  try {
    const example = prices.has('openai/gpt-4o-mini') ? 'openai/gpt-4o-mini' : [...prices.keys()][0]!;
    if (opts.json) ctx.out(JSON.stringify(describeEmulators(emu, example), null, 2) + '\n');
    else ctx.err(table(emu, example));
    ctx.err(`Emulators listening on 127.0.0.1 (${prices.size} models from ${modelsFile}). Press Ctrl-C to stop.\n`);
    if (!ctx.signal.aborted) {
      await new Promise<void>((resolveWait) => ctx.signal.addEventListener('abort', () => resolveWait(), { once: true }));
    }
  } finally {
    await emu.close();
  }
  const counts = emu.counts();
  ctx.err(`Stopped. Chat requests served: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}.\n`);
  return EXIT.ok;
}
