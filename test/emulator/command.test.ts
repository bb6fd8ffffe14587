import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { emulateCommand } from '../../src/commands/emulate.js';
import type { Ctx } from '../../src/commands/context.js';
import { InputError, UsageError, type ExitCode } from '../../src/errors.js';
import { runEmulate } from '../../src/emulator/run.js';

function fakeCtx(cwd: string): Ctx & { stdout: string[]; stderr: string[]; codes: ExitCode[]; abort: () => void } {
  const ac = new AbortController();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const codes: ExitCode[] = [];
  return {
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    env: {},
    cwd,
    tty: { stdin: false, stdout: false, stderr: false },
    width: 100,
    color: false,
    errColor: false,
    prompt: { input: new PassThrough(), output: new PassThrough() },
    signal: ac.signal,
    exit: (c) => void codes.push(c),
    stdout,
    stderr,
    codes,
    abort: () => ac.abort(),
  };
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let dir: string;
const MODELS = {
  version: 'test',
  currency: 'USD',
  sources: [{ id: 'test', title: 'Test', url: 'https://example.com/prices', publisher: 'vendor' }],
  models: [
    { id: 'openai/gpt-4o-mini', name: 'GPT-4o mini', provider: 'openai', inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075, source: 'test', checked: '2026-01-01' },
  ],
};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-emu-'));
  await writeFile(join(dir, 'models.json'), JSON.stringify(MODELS));
  await writeFile(join(dir, 'bad-models.json'), JSON.stringify({ ...MODELS, models: [{ id: 'no-slash' }] }));
  await writeFile(join(dir, 'profile.json'), JSON.stringify({ extends: 'zero', name: 'mine', openrouter: { overheadMs: 3 }, faults: ['provider:503@at=99'], seed: 5 }));
  await writeFile(join(dir, 'bad-profile.json'), JSON.stringify({ provider: { ttftMs: 'fast' } }));
});

describe('emulate command', () => {
  it('--json prints one document with schemaVersion, serves requests, stops on abort with exit 0', async () => {
    const ctx = fakeCtx(dir);
    const done = emulateCommand(ctx).parseAsync(['--json', '--data-models', 'models.json', '--profile', 'profile.json', '--fault', 'litellm:429@at=1', '--hop', 'http'], { from: 'user' });
    await until(() => ctx.stdout.length > 0);
    const doc = JSON.parse(ctx.stdout.join('')) as {
      schemaVersion: number;
      seed: number;
      hop: string;
      faults: string[];
      profile: { name: string };
      endpoints: { id: string; baseUrl: string; apiKey: string; headers: Record<string, string>; exampleModel: string; overheadMs: number }[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.seed).toBe(5);
    expect(doc.hop).toBe('http');
    expect(doc.profile.name).toBe('mine');
    expect(doc.faults).toEqual(['provider:503@at=99', 'litellm:429@at=1']);
    // The three built-in gateways, then data/emulators.json's in its order.
    expect(doc.endpoints.map((e) => e.id)).toEqual(['provider', 'litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone']);
    expect(doc.endpoints.find((e) => e.id === 'openrouter')?.overheadMs).toBe(3);
    // No real-looking keys in the output.
    expect(ctx.stdout.join('')).not.toMatch(/sk-or-v1-[A-Za-z0-9]{24,}|sk-[A-Za-z0-9]{40,}/);
    for (const e of doc.endpoints) {
      const c = new OpenAI({ apiKey: e.apiKey, baseURL: e.baseUrl, defaultHeaders: e.headers, maxRetries: 0 });
      const p = c.chat.completions.create({ model: e.exampleModel, messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 });
      if (e.id === 'litellm') await expect(p).rejects.toMatchObject({ status: 429 });
      else expect((await p).usage?.completion_tokens).toBe(2);
    }
    ctx.abort();
    await done;
    expect(ctx.codes).toEqual([0]);
    expect(ctx.stderr.join('')).toContain('Stopped.');
    // the ports are closed
    await expect(fetch(`${doc.endpoints[0]!.baseUrl}/models`)).rejects.toThrow();
  });

  it('prints a table for people on stdout by default, with the keys and the extra Cloudflare header; progress on stderr', async () => {
    const ctx = fakeCtx(dir);
    const done = runEmulate({ dataModels: 'models.json', profile: 'zero' }, ctx);
    await until(() => ctx.stderr.join('').includes('Press Ctrl-C'));
    const text = ctx.stdout.join('');
    expect(text).toContain('Base URL');
    expect(ctx.stderr.join('')).not.toContain('test-key-provider');
    expect(text).toContain('test-key-provider');
    expect(text).toContain('cf-aig-authorization: Bearer test-key-cf-aig-token');
    // the data-driven gateways' extra headers and keys, from data/emulators.json
    expect(text).toContain('kong also needs the header apikey: test-key-kong-consumer');
    expect(text).toContain('portkey also needs the header x-portkey-provider: openai');
    expect(text).toContain('helicone also accepts Authorization: Bearer test-key-helicone-no-credits');
    expect(text).toContain('tensorzero::model_name::openai::gpt-4o-mini');
    expect(text).toContain('/api/v1');
    ctx.abort();
    expect(await done).toBe(0);
  });

  it('uses the bundled data/models.json by default', async () => {
    const ctx = fakeCtx(dir);
    ctx.abort();
    expect(await runEmulate({ profile: 'zero', json: true }, ctx)).toBe(0);
    expect(ctx.stderr.join('')).toMatch(/data[/\\]models\.json/);
  });

  it('rejects bad flags and files with the right errors', async () => {
    const ctx = fakeCtx(dir);
    await expect(runEmulate({ port: 'abc' }, ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(runEmulate({ hop: 'tcp', dataModels: 'models.json' }, ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(runEmulate({ seed: '-1', dataModels: 'models.json' }, ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(runEmulate({ fault: ['provider:teapot'], dataModels: 'models.json' }, ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(runEmulate({ dataModels: 'missing.json' }, ctx)).rejects.toBeInstanceOf(InputError);
    const bad = (await runEmulate({ dataModels: 'bad-models.json' }, ctx).catch((e: unknown) => e)) as InputError;
    expect(bad).toBeInstanceOf(InputError);
    expect(bad.issues.length).toBeGreaterThan(0);
    expect(bad.file).toContain('bad-models.json');
    const badProfile = (await runEmulate({ profile: 'bad-profile.json', dataModels: 'models.json' }, ctx).catch((e: unknown) => e)) as InputError;
    expect(badProfile).toBeInstanceOf(InputError);
    expect(badProfile.issues[0]?.path).toBe('provider.ttftMs');
    const unknown = (await runEmulate({ profile: 'realstic', dataModels: 'models.json' }, ctx).catch((e: unknown) => e)) as UsageError;
    expect(unknown).toBeInstanceOf(UsageError);
    expect(unknown.message).toBe('--profile: "realstic" is neither a built-in profile nor a file.');
    expect(unknown.hint).toContain('Did you mean realistic? Built-in profiles: realistic, zero');
  });
});
