import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
// Every text file under the folders that ship, at any depth (images are not text).
const textFiles = (dir: string) =>
  readdirSync(new URL(`${dir}/`, root), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|json|ya?ml|txt)$/.test(e.name))
    .map((e) => `${dir}/${relative(fileURLToPath(new URL(`${dir}/`, root)), join(e.parentPath, e.name))}`)
    .sort();
const files = ['README.md', ...textFiles('docs'), ...textFiles('data'), ...textFiles('examples')];

describe('the project’s docs and data cite primary sources, not this machine', () => {
  it.each(files)('%s names no machine path and no intermediate compilation', (file) => {
    const text = readFileSync(new URL(file, root), 'utf8');
    expect(text).not.toMatch(/(^|[\s`'"(])\/(work|home|tmp|Users|root)\//m);
    expect(text).not.toMatch(/gateway-facts|fact sheet/i);
  });
});
