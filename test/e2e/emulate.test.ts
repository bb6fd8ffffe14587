import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';

describe('gateway-scout emulate (the built CLI)', () => {
  it('prints its endpoints as JSON, serves requests, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'emulate', '--json', '--profile', 'zero'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const doc = await new Promise<{ schemaVersion: number; endpoints: { id: string; baseUrl: string; apiKey: string }[] }>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        try {
          resolve(JSON.parse(stdout));
        } catch {
          // not complete yet
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    expect(doc.schemaVersion).toBe(1);
    const openrouter = doc.endpoints.find((e) => e.id === 'openrouter')!;
    const res = await fetch(`${openrouter.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${openrouter.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { usage: { completion_tokens: number; cost: number } };
    expect(body.usage.completion_tokens).toBe(5);
    expect(body.usage.cost).toBeGreaterThan(0);

    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(stderr).toContain('Stopped. Chat requests served: provider 1');
    await expect(fetch(`${openrouter.baseUrl}/models`)).rejects.toThrow();
  });
});
