import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * The report tests read choose and cost documents saved in test/fixtures/bench. They mirror what the tool prints
 * for the shipped catalog; when the catalog or the model changes, this fails until they are made again
 * (`choose --json` and `cost --json` with the fixture's answers, paths made relative).
 */
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/bench/${name}.json`, import.meta.url), 'utf8'));

describe('report fixtures match what the tool prints today', () => {
  const saved = { choose: fixture('choose'), cost: fixture('cost') };
  const answersFile = join(mkdtempSync(join(tmpdir(), 'gs-fx-')), 'answers.json');
  writeFileSync(answersFile, JSON.stringify(saved.cost.inputs.answers));

  it('cost --json: every option\'s total, the cheapest and the break-evens', async () => {
    const now = JSON.parse((await runCli(['cost', '--answers', answersFile, '--json'])).stdout);
    const totals = (d: { gateways: { gateway: string; monthlyUsd: { total: number } }[]; stacks: { gateway: string; monthlyUsd: { total: number } }[] }) =>
      [...d.gateways, ...d.stacks].map((g) => [g.gateway, g.monthlyUsd.total]);
    expect(totals(now)).toEqual(totals(saved.cost));
    expect(now.cheapest).toEqual(saved.cost.cheapest);
    expect(now.breakEven).toEqual(saved.cost.breakEven);
  });

  it('choose --json: the pick, its score and the ranking', async () => {
    const now = JSON.parse((await runCli(['choose', '--answers', answersFile, '--json'])).stdout);
    expect(saved.choose.answers).toEqual(saved.cost.inputs.answers);
    expect(now.recommendation).toEqual(saved.choose.recommendation);
    expect(now.ranking.map((r: { gateway: string; score: number }) => [r.gateway, r.score])).toEqual(saved.choose.ranking.map((r: { gateway: string; score: number }) => [r.gateway, r.score]));
  });
});
