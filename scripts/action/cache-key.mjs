#!/usr/bin/env node
// The action's cache key (action.yml): the runner's hashFiles() only reads files under GITHUB_WORKSPACE, never
// the action's own checkout (https://github.com/actions/toolkit/issues/1035), so the key is computed here from
// everything `npm ci && npm run build` reads, plus the platform and Node's major version.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setOutputs } from './outputs.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/stamp-data.js', 'src', 'data'];

function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256');
for (const file of INPUTS.flatMap((p) => files(join(ROOT, p)))) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
const platform = `${process.env.RUNNER_OS ?? process.platform}-${process.env.RUNNER_ARCH ?? process.arch}`;
setOutputs({ key: `gateway-scout-${platform}-node${process.versions.node.split('.')[0]}-${hash.digest('hex').slice(0, 32)}` });
