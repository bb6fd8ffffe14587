import { expect, it } from 'vitest';
import { MESSAGES, post, profile, start } from './helpers.js';

it('with stampFirstContent, the provider marks its first content chunk with when it wrote it (epoch ms)', async () => {
  const emu = await start({
    stampFirstContent: true,
    profile: profile({ provider: { ttftMs: 40, interTokenMs: 10, tokensPerChunk: 1, jitter: { kind: 'none', ms: 0 }, chunkJitter: { kind: 'none', ms: 0 } } }),
  });
  try {
    const sent = performance.timeOrigin + performance.now();
    const text = await (await post(emu, 'provider', { stream: true, max_tokens: 3, messages: MESSAGES })).text();
    const received = performance.timeOrigin + performance.now();
    const stamps = [...text.matchAll(/"emulator_sent_at":([0-9.]+)/g)].map((m) => Number(m[1]));
    // exactly one stamp, on the first content chunk: at least the TTFT after the send, and before the client had
    // the whole response (same process, same clock; the stamp is rounded to the microsecond)
    expect(stamps).toHaveLength(1);
    expect(stamps[0]! - sent).toBeGreaterThanOrEqual(39);
    expect(stamps[0]!).toBeLessThanOrEqual(received + 0.001);
    const firstContent = text.split('\n\n').find((e) => /"content":"[^"]/.test(e))!;
    expect(firstContent).toContain('emulator_sent_at');
  } finally {
    await emu.close();
  }
});
