import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlWriter } from '../../../src/io/jsonl.js';

const dir = await mkdtemp(join(tmpdir(), 'gs-jsonl-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('JsonlWriter', () => {
  it('writes every line in order, batches included, once closed', async () => {
    const file = join(dir, 'many.jsonl');
    const w = new JsonlWriter(file);
    // 5,000 lines of ~30 characters: ~150 KB, so at least two 64 KiB batches plus a tail left for close()
    for (let i = 0; i < 5000; i++) w.write({ i, pad: 'x'.repeat(16) });
    await w.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe(''); // the file ends with a newline
    expect(lines).toHaveLength(5000);
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('scrubs each line and appends to what the file holds', async () => {
    const file = join(dir, 'scrub.jsonl');
    const first = new JsonlWriter(file, (l) => l.replaceAll('sk-secret', '[redacted]'));
    first.write({ key: 'sk-secret' });
    await first.close();
    const second = new JsonlWriter(file);
    second.write({ n: 2 });
    await second.close();
    expect(await readFile(file, 'utf8')).toBe('{"key":"[redacted]"}\n{"n":2}\n');
  });

  it('a line written and left for the batch timer reaches the file without close', async () => {
    const file = join(dir, 'timer.jsonl');
    const w = new JsonlWriter(file);
    w.write({ a: 1 });
    let text = '';
    for (let i = 0; i < 100 && text === ''; i++) {
      await new Promise((r) => setTimeout(r, 20));
      text = await readFile(file, 'utf8').catch(() => '');
    }
    expect(text).toBe('{"a":1}\n');
    await w.close();
  });

  it('a file that cannot be written fails at close with its name', async () => {
    const w = new JsonlWriter(join(dir, 'no-such-dir', 'x.jsonl'));
    w.write({ a: 1 });
    await expect(w.close()).rejects.toThrow(/Cannot write .*x\.jsonl/);
  });
});
