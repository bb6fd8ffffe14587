import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { nearest } from '../suggest.js';
import type { z } from 'zod';
import { zodIssues } from '../catalog/validate.js';
import type { Ctx } from '../commands/context.js';
import { EXIT, InputError, UsageError, type ExitCode } from '../errors.js';
import { DEFAULT_MODELS, loadModels } from '../io/data-files.js';
import { readStructured } from '../io/files.js';
import { numberFlag } from '../io/flag-numbers.js';
import { hang, table } from '../report/layout.js';
import { parseFaultSpecs } from './faults.js';
import { priceTableFromModels, type PriceTable } from './model.js';
import { applyProfileFlags, BUILTIN_PROFILES, profileFileSchema, resolveProfileFile, type Profile, type ProfileFlags } from './profile.js';
import { shippedGatewayProfiles } from './gateway-profiles.js';
import { endpointIds, modelIdFor, startEmulators, type EndpointInfo, type RunningEmulators } from './server.js';

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
  if (!(await isFile(file))) {
    const names = Object.keys(BUILTIN_PROFILES);
    const near = nearest(nameOrFile, names, 1);
    throw new UsageError(
      `--profile: "${nameOrFile}" is neither a built-in profile nor a file.`,
      `${near.length > 0 ? `Did you mean ${near[0]}? ` : ''}Built-in profiles: ${names.join(', ')}; or the path of a profile file (see docs/emulators.md).`,
    );
  }
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

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function parseIntOption(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  return value === undefined ? undefined : numberFlag(flag, value, { min, max, integer: true });
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
      exampleModel: exampleModel(emu, e, exampleCatalogId),
      overheadMs: e.overheadMs,
      alternates: e.alternates,
    })),
  };
}

/** A model name the endpoint takes (LiteLLM: its default alias, the bare slug). */
function exampleModel(emu: RunningEmulators, e: EndpointInfo, catalogId: string): string {
  return modelIdFor(e.id === 'litellm' ? 'provider' : e.id, catalogId, emu.gateways);
}

/** Where the emulators listen and how to call them, laid out for the terminal (the result of `emulate`). */
function endpointsReport(emu: RunningEmulators, example: string, width: number): string {
  const rows: string[][] = [];
  for (const e of emu.endpoints) {
    rows.push([e.id, e.baseUrl, e.apiKey, exampleModel(emu, e, example), String(Math.round(e.overheadMs * 1000) / 1000)]);
    for (const a of e.alternates) rows.push([`${e.id}: ${a.label}`, a.baseUrl, '(same)', a.modelNaming === 'slug' ? modelIdFor('provider', example) : example, '']);
  }
  const lines = table(
    [{ header: 'Endpoint' }, { header: 'Base URL', fixed: true }, { header: 'Key (Authorization: Bearer)', fixed: true }, { header: 'Model, e.g.' }, { header: '+ms', align: 'right', fixed: true }],
    rows,
    width,
    { indent: 0 },
  );
  const extra: string[] = [];
  for (const e of emu.endpoints) {
    for (const [h, v] of Object.entries(e.headers)) extra.push(...hang('', `${e.id} also needs the header ${h}: ${v}`, width, undefined, 2));
    for (const k of e.keys) if (k.value !== e.apiKey && k.header.startsWith('Authorization')) extra.push(...hang('', `${e.id} also accepts ${k.header} ${k.value} (${k.note})`, width, undefined, 2));
  }
  const about = `profile: ${emu.profile.name} · seed: ${emu.seed} · hop: ${emu.hop} · faults: ${emu.faults.map((f) => f.spec).join(' ') || 'none'}`;
  const note = '+ms: what each emulated gateway adds before forwarding — an emulator setting (illustrative), not a claim about the real gateway.';
  return [...lines, '', ...extra, '', ...hang('', about, width, undefined, 2), ...hang('', note, width, undefined, 2)].join('\n') + '\n';
}

export async function runEmulate(opts: EmulateOptions, ctx: Ctx): Promise<ExitCode> {
  const gateways = shippedGatewayProfiles();
  const ids = endpointIds(gateways);
  // The endpoints take port … port + (count − 1).
  const port = parseIntOption(opts.port, '--port', 0, 65535 - (ids.length - 1)) ?? 0;
  const hop = opts.hop ?? 'in-process';
  if (hop !== 'in-process' && hop !== 'http') throw new UsageError(`--hop must be "in-process" or "http", got "${hop}".`);
  let seed = parseIntOption(opts.seed, '--seed', 0, 2 ** 32 - 1);
  const loaded = await loadProfile(opts.profile ?? 'realistic', ctx.cwd);
  seed ??= loaded.seed ?? 1;
  const faults = parseFaultSpecs([...loaded.faults, ...(opts.fault ?? [])], ids);
  const modelsFile = opts.dataModels !== undefined ? resolve(ctx.cwd, opts.dataModels) : defaultModelsPath();
  const prices = await loadPriceTable(modelsFile);

  const profile = applyProfileFlags(loaded.profile, opts, gateways.map((g) => g.id));
  const emu = await startEmulators({ prices, profile, faults, seed, port, hop, gateways });
  try {
    const example = prices.has('openai/gpt-4o-mini') ? 'openai/gpt-4o-mini' : [...prices.keys()][0]!;
    if (opts.json) ctx.out(JSON.stringify(describeEmulators(emu, example), null, 2) + '\n');
    else ctx.out(endpointsReport(emu, example, ctx.width));
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
