import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// The self-hosted fixture's pick is Bifrost at 95 (asserted on its own in test/e2e/choose.test.ts).
const SELF = 'test/fixtures/answers/self-hosted.json';
const summaryFile = (): string => {
  const f = join(mkdtempSync(join(tmpdir(), 'gs-choose-actions-')), 'step-summary.md');
  writeFileSync(f, '# earlier step\n');
  return f;
};

describe('choose and cost inside GitHub Actions', () => {
  it('choose appends the pick to the step summary and annotates a failed gate, keeping stdout one JSON document', async () => {
    const summary = summaryFile();
    const r = await runCli(['choose', '--answers', SELF, '--expect', 'openrouter', '--json'], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).recommendation.gateway).toBe('bifrost');
    expect(r.stderr).toContain('::error title=gateway-scout gate failed::expected openrouter, but the top pick is Bifrost\n');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### gateway-scout choose\n')).toBe(true);
    expect(md).toContain('**Pick: Bifrost** (`bifrost`), score **95**/100');
    expect(md).toContain('- expected openrouter, but the top pick is Bifrost');
  });

  it('cost appends the cheapest option', async () => {
    const summary = summaryFile();
    // --defaults: 1,000,000 requests of 1,000 input and 300 output tokens of gpt-4o-mini ($0.15 / $0.60 per million):
    // 1e6 × (1000 × 0.15 + 300 × 0.60) / 1e6 = $330 of tokens, OpenRouter's whole total (no fee, nothing to run).
    const r = await runCli(['cost', '--defaults', '--json'], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cheapest.gateway).toBe('openrouter');
    expect(readFileSync(summary, 'utf8')).toContain('### gateway-scout cost\n\n**Cheapest: OpenRouter** (`openrouter`), $330.00/month at 1,000,000 requests/month.');
  });

  it('outside Actions neither writes a summary nor annotates', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'gs-choose-actions-')), 'not-written.md');
    const r = await runCli(['choose', '--answers', SELF, '--expect', 'openrouter'], { env: { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).not.toContain('::error');
    expect(existsSync(summary)).toBe(false);
  });
});
