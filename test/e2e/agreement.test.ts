import { describe, expect, it } from 'vitest';
import { runChoose } from '../../src/commands/choose-run.js';
import { runCost } from '../../src/commands/cost.js';
import { EXAMPLES_DIR, runDemo } from '../../src/commands/demo-run.js';
import { fakeCtx } from '../cost/ctx.js';

interface Ranked {
  gateway: string;
  eligible: boolean;
  members: string[];
}
interface Option {
  gateway: string;
  eligible: boolean;
  monthlyUsd: { total: number };
}

/** The command bodies themselves, in process: what choose ranks as eligible, cost costs as eligible, and so does the demo. */
const chooseDoc = async (flags: Record<string, unknown>) => {
  const ctx = fakeCtx();
  await runChoose({ json: true, ...flags }, ctx);
  return JSON.parse(ctx.stdout()) as { ranking: Ranked[]; stacks: Ranked[]; recommendation: { stack: string[] }; cost: { monthlyUsd: Record<string, { total: number; costable: boolean }> } };
};
const costDoc = async (flags: Record<string, unknown>) => {
  const ctx = fakeCtx();
  await runCost({ json: true, ...flags }, ctx);
  return JSON.parse(ctx.stdout()) as { gateways: Option[]; stacks: Option[] };
};
const eligible = (doc: { ranking: Ranked[]; stacks: Ranked[] }) => [...doc.ranking.filter((r) => r.eligible), ...doc.stacks].map((r) => r.gateway).sort();
const costEligible = (doc: { gateways: Option[]; stacks: Option[] }) => [...doc.gateways, ...doc.stacks].filter((g) => g.eligible).map((g) => g.gateway).sort();

describe('choose, cost and the demo agree', () => {
  it.each<Record<string, unknown>>([
    { defaults: true },
    { hosting: 'managed', ownProviderKeys: false, monthlyRequests: '20000000' },
    { hosting: 'managed', dataControl: 'own-infrastructure' },
    { hosting: 'self-hosted', needs: 'budgets,sso' },
    { ownProviderKeys: false, monthlyRequests: '100000000', managedBilling: true },
  ])('choose and cost on %j', async (flags) => {
    const [c, k] = await Promise.all([chooseDoc(flags), costDoc(flags)]);
    expect(eligible(c)).toEqual(costEligible(k));
    // The totals choose scores on are the totals cost prints.
    for (const g of [...k.gateways, ...k.stacks].filter((x) => x.eligible)) expect(c.cost.monthlyUsd[g.gateway]!.total).toBe(g.monthlyUsd.total);
  });

  it('the demo, profile by profile, as choose and cost', async () => {
    const ctx = fakeCtx();
    // The picks only: the closing benchmark has no bearing on who is eligible.
    await runDemo({ json: true, bench: false }, ctx);
    const demo = JSON.parse(ctx.stdout()) as { profiles: { profile: string; result: { ranking: Ranked[]; stacks: Ranked[]; recommendation: { stack: string[] } } }[] };
    expect(demo.profiles.length).toBeGreaterThanOrEqual(5);
    for (const p of demo.profiles) {
      const answers = `${EXAMPLES_DIR}${p.profile}.yaml`;
      const [c, k] = await Promise.all([chooseDoc({ answers }), costDoc({ answers })]);
      expect(eligible(p.result)).toEqual(eligible(c));
      expect(eligible(p.result)).toEqual(costEligible(k));
      expect(p.result.recommendation.stack).toEqual(c.recommendation.stack);
      // The pick, gateway or stack, has a cost in the cost document.
      const pick = [...c.ranking, ...c.stacks].find((r) => r.members.join() === c.recommendation.stack.join())!;
      expect([...k.gateways, ...k.stacks].find((g) => g.gateway === pick.gateway)?.eligible).toBe(true);
    }
  });
});
