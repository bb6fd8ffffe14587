#!/usr/bin/env node
// Build only when something the build reads is newer than its last output, so that `npm run demo` (the
// README's first command) is quick the second time. `npm run build` still always builds.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = ['src', 'data', 'scripts/stamp-data.js', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
// Written last by the build: present and newer than every input means the build is current.
const OUTPUT = join(root, 'dist', 'data.stamp.json');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  // A directory changes when a file in it is added or removed.
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

let built = -1;
try {
  built = statSync(OUTPUT).mtimeMs;
} catch {
  // never built
}
const inputs = Math.max(...INPUTS.map((p) => newest(join(root, p))));
if (inputs > built) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
