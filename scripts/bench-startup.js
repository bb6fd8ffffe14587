#!/usr/bin/env node
// Start-up time of the CLI beside bare Node, measured in the same run: median wall time over repeated
// runs, interleaved so that machine noise hits every command alike.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.env.RUNS ?? 30);
const bin = fileURLToPath(new URL('../bin/gateway-scout.js', import.meta.url));
const answers = fileURLToPath(new URL('../examples/edge-cache.yaml', import.meta.url));
const answersJson = fileURLToPath(new URL('../test/fixtures/answers/self-hosted.json', import.meta.url));
const commands = {
  'node -e 0': ['-e', '0'],
  'gateway-scout --help': [bin, '--help'],
  'choose --answers FILE.json --json': [bin, 'choose', '--answers', answersJson, '--json'],
  'choose --answers FILE.yaml --json': [bin, 'choose', '--answers', answers, '--json'],
};

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < runs + 2; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
    if (i >= 2) times[name].push(ms); // the first two rounds warm the file cache
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times['node -e 0']);
console.log(`node ${process.version}, ${runs} runs each, median wall time`);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(36)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2)}× bare node`);
}
