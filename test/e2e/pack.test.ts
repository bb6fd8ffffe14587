import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the published package', () => {
  it('installs from its tarball into an empty folder and runs with npx', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gs-pack-'));
    // --ignore-scripts: `npm test` has just built dist/, and prepack would rebuild it concurrently with other tests.
    const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    const [{ filename, files }] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((f) => f.path);
    expect(paths).toContain('bin/gateway-scout.js');
    expect(paths).toContain('data/gateways.json');
    expect(paths).toContain('schemas/recommendation.schema.json');
    // The CLI's messages point at these documents; the licence travels with the code.
    expect(paths).toEqual(expect.arrayContaining(['docs/cost-model.md', 'docs/emulators.md', 'LICENSE', 'README.md']));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.repository.url).toBe('git+https://github.com/gateway-scout/gateway-scout.git');
    expect(pkg.bugs.url).toBe('https://github.com/gateway-scout/gateway-scout/issues');
    expect(pkg.homepage).toBe('https://github.com/gateway-scout/gateway-scout#readme');
    expect(paths.some((p) => p.startsWith('src/') || p.startsWith('test/'))).toBe(false);
    // The GitHub Action is used by git ref, not from the package (README "Publishing"): its files stay out.
    expect(paths.some((p) => p === 'action.yml' || p.startsWith('scripts/'))).toBe(false);

    const app = join(dir, 'app');
    mkdirSync(app);
    // What `npm init -y` writes, without another npm start-up.
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, filename)], { cwd: app, stdio: 'ignore' });
    expect(readdirSync(join(app, 'node_modules', '.bin'))).toContain('gateway-scout');

    const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
    const help = spawnSync('npx', ['--no-install', 'gateway-scout', '--help'], { cwd: app, encoding: 'utf8', env });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: gateway-scout');

    // npx found the installed bin above; the rest run that same link directly, sparing an npm start-up each.
    const installed = (...args: string[]) => spawnSync(process.execPath, [join(app, 'node_modules', '.bin', 'gateway-scout'), ...args], { cwd: app, encoding: 'utf8', env });
    const choose = installed('choose', '--defaults', '--json');
    expect(choose.status).toBe(0);
    expect(JSON.parse(choose.stdout).schemaVersion).toBe(2);

    const demo = installed('demo', '--no-bench');
    expect(demo.status).toBe(0);
    // The emulators ship too: a short benchmark through them, as the demo ends with.
    const bench = installed('bench', '--demo', '--requests', '2', '--warmup', '0', '--json');
    expect(bench.status).toBe(0);
    expect(JSON.parse(bench.stdout).targets.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['direct', 'litellm', 'openrouter', 'cloudflare']));

    // Saved answers point at the schema inside the installed package, relative to the file.
    const save = installed('choose', '--defaults', '--save-answers', 'answers.json', '--json');
    expect(save.status).toBe(0);
    const saved = JSON.parse(readFileSync(join(app, 'answers.json'), 'utf8'));
    expect(saved.$schema).toBe('./node_modules/gateway-scout/schemas/answers.schema.json');
    expect(existsSync(join(app, saved.$schema))).toBe(true);
  }, 180_000);
});
