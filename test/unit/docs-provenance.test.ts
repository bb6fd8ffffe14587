import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const files = [
  'README.md',
  ...readdirSync(new URL('docs/', root)).map((f) => `docs/${f}`),
  ...readdirSync(new URL('data/', root)).map((f) => `data/${f}`),
  ...readdirSync(new URL('examples/', root)).map((f) => `examples/${f}`),
];

describe('the project’s docs and data cite primary sources, not this machine', () => {
  it.each(files)('%s names no machine path and no intermediate compilation', (file) => {
    const text = readFileSync(new URL(file, root), 'utf8');
    expect(text).not.toMatch(/(^|[\s`'"(])\/(work|home|tmp|Users|root)\//m);
    expect(text).not.toMatch(/gateway-facts|fact sheet/i);
  });
});
