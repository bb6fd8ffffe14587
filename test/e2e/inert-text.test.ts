import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_BODY, HOSTILE_MODEL, RAW_CONTROL } from '../helpers/hostile.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * A hostile gateway on 127.0.0.1: /evil answers every request with HTTP 500 whose error message clears the
 * screen, retitles the window, hides a hyperlink, rings the bell and carries HTML and markdown; /ok streams an
 * answer that echoes a hostile model name, with a request id holding HTML and a C1 character. Nothing of it may
 * reach a terminal, a markdown summary or an annotation live.
 */

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/evil/')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: HOSTILE_BODY } }));
        return;
      }
      // Node lets a header value carry bytes 0x80–0xff: \u009b is sent as the C1 byte CSI.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'id-<img src=x onerror=alert(5)>|\u009b' });
      const c = (o: object) => `data: ${JSON.stringify({ id: 'chatcmpl-1', model: HOSTILE_MODEL, ...o })}\n\n`;
      res.end(c({ choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] }) + c({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 1 } }) + 'data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'gs-inert-'));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ENV = { PROVIDER_KEY: 'test-key-inert-000', NO_COLOR: '1' };

describe('hostile gateway text, end to end', () => {
  it('bench prints it escaped; report shows it escaped in the terminal, markdown and annotations', async () => {
    const file = join(dir, 'bench.json');
    const targets = [
      { name: 'direct', gateway: 'openai-compatible', baseUrl: `${base}/ok/v1`, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY', baseline: true },
      { name: 'evil', gateway: 'openai-compatible', baseUrl: `${base}/evil/v1`, model: 'gpt-4o-mini', apiKeyEnv: 'PROVIDER_KEY' },
    ];
    await writeFile(file, JSON.stringify({ requests: 2, warmup: 0, maxTokens: 4, concurrency: 1, targets }));
    const out = join(dir, 'run');
    const bench = await runCli(['bench', '--config', file, '--yes', '--out', out], { env: ENV });
    expect(bench.code).toBe(3); // the evil target had no successful request
    for (const s of [bench.stdout, bench.stderr]) expect(s).not.toMatch(RAW_CONTROL);
    expect(bench.stdout).toContain('\\x1b[2J');
    expect(bench.stdout).toContain('\\x1b]8;;https://evil.example/');
    // Kept escaped in the summary, so every later reader gets it inert as well.
    // (JSON.stringify writes C0 as \u001b but C1 raw, so both are looked for.)
    for (const f of ['summary.json', 'requests.jsonl']) {
      const saved = await readFile(join(out, f), 'utf8');
      expect(saved).not.toMatch(RAW_CONTROL);
      expect(saved).not.toMatch(/\\u00[01][0-9a-f]/);
    }
    // The request id as received, its C1 byte shown escaped.
    expect(await readFile(join(out, 'requests.jsonl'), 'utf8')).toContain('id-<img src=x onerror=alert(5)>|\\\\x9b');

    const md = join(dir, 'report.md');
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, '');
    const report = await runCli(['report', out, '--markdown', md], { env: { ...ENV, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(report.code).toBe(0);
    for (const s of [report.stdout, report.stderr]) expect(s).not.toMatch(RAW_CONTROL);
    // The annotations: one line each, the body's newline as ⏎ (it was made one line when captured).
    const annotations = report.stderr.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.some((l) => l.startsWith('::error') && l.includes('\\x1b[2J'))).toBe(true);
    const text = await readFile(md, 'utf8');
    for (const m of [text, await readFile(summary, 'utf8')]) {
      expect(m).not.toMatch(RAW_CONTROL);
      expect(m).not.toMatch(/(?<!\\)<(img|script)/i);
      expect(m).not.toMatch(/(?<!\\)\]\(/);
      expect(m).toContain('\\<img src=x onerror=alert(1)\\>');
    }
  });
});
