import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadAction, parseOutputFile, runAction } from '../helpers/action-runner.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * action.yml run as the runner runs it (test/helpers/action-runner.ts): the action's checkout is this repository
 * (node_modules and dist already built: the cache step is stubbed as a hit), the user's repository a temporary
 * workspace holding copies of the fixtures, so relative paths must resolve there and not in the action's checkout.
 */
const FIX = join(ROOT, 'test/fixtures');

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'gs-action-ws-'));
  // Named differently from the fixtures, so only the workspace can resolve them.
  cpSync(join(FIX, 'answers/self-hosted.json'), join(ws, 'requirements.json'));
  cpSync(join(FIX, 'answers/broken.yaml'), join(ws, 'broken.yaml'));
  cpSync(join(FIX, 'bench/us-east'), join(ws, 'runs/us-east'), { recursive: true });
  return ws;
}

describe('action.yml', () => {
  it('is a composite action whose scripts never see an input spliced in', () => {
    const action = loadAction();
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['answers', 'args', 'command', 'config', 'expect', 'fail-on', 'min-score', 'node-version', 'working-directory']);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'json', 'recommendation', 'score']);
    expect(action.inputs.command!.default).toBe('choose');
    for (const step of action.runs.steps) {
      // An input in a run: script is a script-injection hole; they reach the script as env values only.
      if (step.run) expect(step.run, step.name).not.toMatch(/\$\{\{/);
      if (step.uses) expect(step.uses).toMatch(/^actions\/(setup-node|cache)@v\d+$/);
    }
    // On a cache miss: install from the lockfile, build, and keep only the runtime dependencies.
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!;
    expect(install.if).toBe("steps.cache.outputs.cache-hit != 'true'");
    expect(install.run!.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['npm ci --ignore-scripts', 'npm run build', 'npm prune --omit=dev']);
  });

  it('the test evaluator refuses expressions it does not know, so action.yml cannot drift past it', () => {
    const ctx = { inputs: { command: 'choose' }, steps: { cache: { 'cache-hit': 'true' } } };
    expect(evaluate("steps.cache.outputs.cache-hit != 'true'", ctx)).toBe('false');
    expect(() => evaluate('github.event.pull_request.title', ctx)).toThrow(/does not know/);
    expect(() => evaluate('inputs.nope', ctx)).toThrow(/does not declare/);
    expect(() => evaluate('steps.later.outputs.x', ctx)).toThrow(/before \(or without\)/);
    expect(parseOutputFile('a=1\nb<<EOF\nline 1\nline 2\nEOF\n')).toEqual({ a: '1', b: 'line 1\nline 2' });
  });

  it('choose: the recommendation names the pick, the summary shows it, the score is 0..100', async () => {
    const ws = workspace();
    const r = await runAction({ answers: 'requirements.json', expect: 'bifrost' }, ws);
    expect(r.code).toBe(0);
    expect(r.steps.map((s) => s.ran)).toEqual(['uses', 'run', 'uses', 'skipped', 'run']);
    // The same answers through the CLI directly: the independent answer (and test/e2e/choose.test.ts asserts Bifrost).
    const direct = JSON.parse((await runCli(['choose', '--answers', join(FIX, 'answers/self-hosted.json'), '--json'])).stdout);
    expect(r.outputs.recommendation).toBe(direct.recommendation.gateway);
    expect(r.outputs.recommendation).toBe('bifrost');
    const score = Number(r.outputs.score);
    expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
    expect(score).toBe(direct.recommendation.score);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.summary).toContain('**Pick: Bifrost** (`bifrost`)');
    expect(r.summary).toContain('**Gates: ✅ passed**');
    // The JSON document is kept under RUNNER_TEMP, not in the user's workspace.
    expect(r.outputs.json!.startsWith(ws)).toBe(false);
    expect(JSON.parse(readFileSync(r.outputs.json!, 'utf8')).recommendation.gateway).toBe('bifrost');
  });

  it('choose: a missed expect fails the step with 1 and still writes the outputs and the summary', async () => {
    const r = await runAction({ answers: 'requirements.json', expect: 'openrouter' }, workspace());
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ recommendation: 'bifrost', 'exit-code': '1' });
    expect(r.summary).toContain('- expected openrouter, but the top pick is Bifrost');
    expect(r.stderr).toContain('::error title=gateway-scout gate failed::expected openrouter, but the top pick is Bifrost');
  });

  it('choose: a bad answers file fails with 2, empty recommendation, the error in the summary and the JSON', async () => {
    const r = await runAction({ answers: 'broken.yaml' }, workspace());
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ recommendation: '', score: '', 'exit-code': '2' });
    expect(JSON.parse(readFileSync(r.outputs.json!, 'utf8')).error.code).toBe('invalid-input');
    expect(r.summary).toContain('**❌ exit 2**');
    expect(r.summary).toContain('The answers file broken.yaml is not valid YAML');
  });

  it('an input is data, never shell: $(…) and quotes in expect reach the CLI as text (exit 2, nothing run)', async () => {
    const ws = workspace();
    const r = await runAction({ answers: 'requirements.json', expect: '$(touch pwned)"; touch pwned2; "' }, ws);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--expect: unknown gateway or stack "$(touch pwned)"; touch pwned2; ""');
    expect(existsSync(join(ws, 'pwned')) || existsSync(join(ws, 'pwned2'))).toBe(false);
  });

  it('args: quoted words reach the CLI whole, relative to the workspace; refused shell syntax and a wrong input exit 2', async () => {
    const ws = workspace();
    const r = await runAction({ answers: 'requirements.json', args: `--save-answers "saved answers.yaml" --monthly-requests '2,000,000'` }, ws);
    expect(r.code).toBe(0);
    expect(existsSync(join(ws, 'saved answers.yaml'))).toBe(true);
    expect(JSON.parse(readFileSync(r.outputs.json!, 'utf8')).answers.monthlyRequests).toBe(2_000_000);

    const refused = await runAction({ args: '--answers $HOME/x.json' }, ws);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/::error title=gateway-scout action::args: "\$" at character 11/);
    const misplaced = await runAction({ command: 'bench', expect: 'litellm' }, ws);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('the expect input is for choose, not bench');
    const unknown = await runAction({ command: 'drink' }, ws);
    expect(unknown.code).toBe(2);
  });

  it('report: key values the bench config names are masked first and appear in no output, summary or document', async () => {
    const ws = workspace();
    const keys = { OPENAI_API_KEY: 'test-key-openai-1', OPENROUTER_API_KEY: 'test-key-or-2', CF_AIG_TOKEN: 'test-key-cf-3' };
    const r = await runAction({ command: 'report', args: `runs/us-east --markdown "report one.md"`, 'fail-on': 'errors.rate > 50%, ttft.p95 > 60s' }, ws, keys);
    expect(r.code).toBe(0);
    const log = r.stderr.split('\n');
    expect(log.filter((l) => l.startsWith('::add-mask::'))).toEqual(['::add-mask::test-key-openai-1', '::add-mask::test-key-or-2', '::add-mask::test-key-cf-3']);
    const doc = readFileSync(r.outputs.json!, 'utf8');
    for (const seen of [r.stdout, r.summary, r.outputFiles, doc, readFileSync(join(ws, 'report one.md'), 'utf8')]) for (const v of Object.values(keys)) expect(seen).not.toContain(v);
    expect(r.summary).toContain('### gateway-scout benchmark');
    expect(r.summary).toMatch(/\*\*Gates: ✅ all \d+ checks passed\*\*/);
    // Both gates of the one fail-on value arrived intact.
    expect(new Set(JSON.parse(doc).gates.map((g: { gate: string }) => g.gate))).toEqual(new Set(['errors.rate > 50%', 'ttft.p95 > 60s']));
    expect(r.outputs.recommendation).toBe('');
  });

  it('report with a choose document: recommendation and score are that document\'s pick', async () => {
    const ws = workspace();
    cpSync(join(FIX, 'bench/choose.json'), join(ws, 'my choice.json'));
    const r = await runAction({ command: 'report', args: `runs/us-east 'my choice.json'` }, ws);
    expect(r.code).toBe(0);
    // The fixture's own recommendation: litellm at 98 (read from the file here, not from the action).
    const fixture = JSON.parse(readFileSync(join(FIX, 'bench/choose.json'), 'utf8'));
    expect([fixture.recommendation.gateway, fixture.recommendation.score]).toEqual(['litellm', 98]);
    expect(r.outputs).toMatchObject({ recommendation: 'litellm', score: '98' });
  });

  it('bench --demo through the action: exit 0, the benchmark in the summary, the label intact', async () => {
    const ws = workspace();
    const r = await runAction({ command: 'bench', args: '--demo --requests 2 --warmup 0 --label "demo run" --out out' }, ws);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(r.outputs.json!, 'utf8'));
    expect(doc.environment.label).toBe('demo run');
    // 2 requests to each of the demo's ten targets (direct and nine gateways): 2 × 10 = 20.
    expect(doc.run.sentRequests).toBe(20);
    expect(existsSync(join(ws, 'out/summary.json'))).toBe(true);
    expect(r.summary).toContain('### gateway-scout benchmark');
  });

  it('drill --demo through the action with a gate: the emulated Portkey truncates a cut stream, so exit 1; the drill in the summary', async () => {
    const ws = workspace();
    const r = await runAction({ command: 'drill', args: '--demo --yes --requests 1 --scenarios none,stream-cut', 'fail-on': 'drill.silent-truncation > 0' }, ws);
    expect(r.code).toBe(1);
    const doc = JSON.parse(readFileSync(r.outputs.json!, 'utf8'));
    expect(doc.kind).toBe('drill');
    // Only Portkey ends a cut stream as a clean 200 (issue #1797 in data/failover.json): one failed gate.
    expect(doc.gates.filter((g: { status: string }) => g.status === 'fail').map((g: { target: string }) => g.target)).toEqual(['portkey']);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.summary).toContain('### gateway-scout failover drill');
  });

  it('working-directory: relative paths resolve there', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'runs/answers.json'), readFileSync(join(FIX, 'answers/self-hosted.json')));
    const r = await runAction({ 'working-directory': 'runs', answers: 'answers.json' }, ws);
    expect(r.code).toBe(0);
    expect(r.outputs.recommendation).toBe('bifrost');
  });
});
