import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';

/**
 * examples/kubernetes: the Indexed Job's shard arithmetic, checked by evaluating the manifests' own command lines
 * with their own shell, then those command lines run for real against `bench --demo` and merged.
 */
const DIR = join(ROOT, 'examples/kubernetes');
type Doc = { kind: string; metadata: { name: string }; spec: any };
const docs = (file: string): Doc[] => yaml.loadAll(readFileSync(join(DIR, file), 'utf8')) as Doc[];
const benchDocs = docs('bench-indexed-job.yaml');
const job = benchDocs.find((d) => d.kind === 'Job')!;
const merge = docs('merge-job.yaml').find((d) => d.kind === 'Job')!;
const container = (j: Doc) => j.spec.template.spec.containers[0];
const script = (j: Doc): { shell: string[]; text: string } => ({ shell: container(j).command, text: container(j).args[0] });
const envOf = (j: Doc): Record<string, string> => Object.fromEntries(container(j).env.map((e: { name: string; value: string }) => [e.name, e.value]));

/** What the container's shell makes of `words` for pod `index` (JOB_COMPLETION_INDEX, as Kubernetes sets it). */
const shellEcho = (words: string, env: Record<string, string>): string =>
  execFileSync(script(job).shell[0]!, ['-c', `echo ${words}`], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }).trim();

describe('examples/kubernetes/bench-indexed-job.yaml', () => {
  const n: number = job.spec.completions;
  // A flag's value as the shell reads one word: quoted parts, $((arithmetic)) (spaces inside) and plain characters.
  const flag = (name: string): string => new RegExp(`${name} ((?:"[^"]*"|\\$\\(\\([^)]*\\)\\)|[^\\s"])+)`).exec(script(job).text)![1]!;

  it('is an Indexed Job with completions = parallelism = the n of --shard i/n', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    expect(n).toBeGreaterThan(1);
    expect(job.spec.parallelism).toBe(n);
    expect(flag('--shard')).toMatch(new RegExp(`/${n}$`));
    expect(script(job).shell).toEqual(['/bin/sh', '-c']);
  });

  it('pods 0..n-1 run shards 1/n..n/n, each exactly once, each into its own folder', () => {
    const env = envOf(job);
    const shards = Array.from({ length: n }, (_, i) => shellEcho(flag('--shard'), { JOB_COMPLETION_INDEX: String(i) }));
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => `${i + 1}/${n}`));
    const outs = Array.from({ length: n }, (_, i) => shellEcho(flag('--out'), { JOB_COMPLETION_INDEX: String(i), RESULTS_DIR: env.RESULTS_DIR! }));
    expect(outs).toEqual(Array.from({ length: n }, (_, i) => `/results/shard-${i + 1}`));
    const labels = Array.from({ length: n }, (_, i) => shellEcho(flag('--label'), { JOB_COMPLETION_INDEX: String(i) }));
    expect(new Set(labels).size).toBe(n);
  });

  it('the merge Job reads every shard folder from the same volume', () => {
    const claim = benchDocs.find((d) => d.kind === 'PersistentVolumeClaim')!;
    for (const j of [job, merge]) {
      const vol = j.spec.template.spec.volumes.find((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim);
      expect(vol.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
      expect(container(j).volumeMounts.find((m: { name: string }) => m.name === vol.name).mountPath).toBe(envOf(j).RESULTS_DIR);
    }
    // The merge's glob, in its shell, over one folder per pod: all n of them.
    const results = mkdtempSync(join(tmpdir(), 'gs-k8s-glob-'));
    for (let i = 1; i <= n; i++) mkdirSync(join(results, `shard-${i}`));
    const glob = /report merge (\S+)/.exec(script(merge).text)![1]!;
    expect(shellEcho(glob, { RESULTS_DIR: results }).split(' ')).toEqual(Array.from({ length: n }, (_, i) => join(results, `shard-${i + 1}`)));
    expect(script(merge).text).toContain('--by pooled');
  });

  it('its command lines, run for every pod against bench --demo and merged, send the whole plan once', async () => {
    const results = mkdtempSync(join(tmpdir(), 'gs-k8s-run-'));
    const bin = mkdtempSync(join(tmpdir(), 'gs-k8s-bin-'));
    // The image puts gateway-scout on PATH (Dockerfile); here, this checkout's.
    symlinkSync(BIN, join(bin, 'gateway-scout'));
    // A shared start a little ahead, as the README's `date -d '+3 minutes'` but shorter: bench refuses a time more
    // than 5 s past, so a slow start under load still has 3 + 5 s to parse its flags.
    const start = new Date(Date.now() + 3000).toISOString();
    const base = { PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', CI: 'true', RESULTS_DIR: results, START_AT: start };
    // The manifest's flags but --config: the demo's emulators, two targets, 6 measured requests each.
    const env = { ...base, BENCH_FLAGS: '--demo --targets direct,litellm --requests 6 --warmup 0' };
    const run = (j: Doc, extra: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(script(j).shell[0]!, [script(j).shell[1]!, script(j).text], { env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => done({ code, stderr }));
      });
    const pods = await Promise.all(Array.from({ length: n }, (_, i) => run(job, { JOB_COMPLETION_INDEX: String(i) })));
    for (const p of pods) expect(p.code, p.stderr).toBe(0);
    // 6 rounds over 4 shards: shard i keeps rounds i, i + 4 → shard 1: rounds 1, 5; 2: 2, 6; 3: 3; 4: 4.
    const sent = (file: string) => JSON.parse(readFileSync(file, 'utf8')).targets.map((t: { name: string; requests: { sent: number } }) => `${t.name}:${t.requests.sent}`);
    expect(Array.from({ length: n }, (_, i) => sent(join(results, `shard-${i + 1}`, 'summary.json')))).toEqual([
      ['direct:2', 'litellm:2'],
      ['direct:2', 'litellm:2'],
      ['direct:1', 'litellm:1'],
      ['direct:1', 'litellm:1'],
    ]);
    const merged = await run(merge, { FAIL_ON: 'errors.rate > 50%' });
    expect(merged.code, merged.stderr).toBe(0);
    // Pooled: 2 + 2 + 1 + 1 = 6 per target, the whole plan's --requests 6.
    expect(sent(join(results, 'merged.json'))).toEqual(['direct:6', 'litellm:6']);
    expect(existsSync(join(results, 'report.md')) && existsSync(join(results, 'report.html'))).toBe(true);
  }, 60_000);
});

describe('examples/kubernetes/Dockerfile', () => {
  const lines = readFileSync(join(DIR, 'Dockerfile'), 'utf8').split('\n');

  it('copies only what exists in a checkout, and the image holds everything the package ships', () => {
    const copies = lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from'));
    for (const l of copies) for (const src of l.split(/\s+/).slice(1, -1)) expect(existsSync(join(ROOT, src)), src).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    const runtime = lines.slice(lines.findLastIndex((l) => l.startsWith('FROM '))).filter((l) => l.startsWith('COPY ')).flatMap((l) => l.replace(/--from=\S+ /, '').split(/\s+/).slice(1, -1).map((s) => s.replace(/^\/app\//, '')));
    // examples/ are documents for people, not needed at run time.
    for (const f of pkg.files.filter((f) => f !== 'examples')) expect(runtime, f).toContain(f);
    expect(lines).toContain('RUN npm ci --ignore-scripts --no-audit --no-fund');
    expect(lines.some((l) => l.startsWith('RUN npm run build'))).toBe(true);
  });
});
