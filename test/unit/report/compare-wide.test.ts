import { describe, expect, it } from 'vitest';
import { selectGateways } from '../../../src/catalog/select.js';
import type { Fee } from '../../../src/catalog/schema.js';
import { UsageError } from '../../../src/errors.js';
import { compareDocument } from '../../../src/report/compare-document.js';
import { describeFee, renderCompare } from '../../../src/report/compare.js';
import { columnGroups, visibleWidth } from '../../../src/report/layout.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

/** Nine gateways side by side: `compare` must still fit 80 and 120 columns, and `--gateways` narrows it. */
const IDS = ['litellm', 'openrouter', 'cloudflare', 'portkey', 'vercel', 'kong', 'bifrost', 'tensorzero', 'helicone'];
const nine = makeCatalog(IDS.map((id) => makeGateway(id, { levels: { fallbacks: 'enterprise-only', sso: 'partial' } })), {
  stacks: [{ id: 'a-b', name: 'A behind B', members: ['litellm', 'cloudflare'], topology: 'app → A → B', contributes: [], why: 'test', ...fact }],
});
const render = (width: number, c = nine) => renderCompare(compareDocument(c, 'test.json', '2026-11-01', new Date('2026-12-06T00:00:00Z')), { width, color: false });

describe('columnGroups', () => {
  it.each<[number[], number, number[][]]>([
    // 10 + 2 + 10 = 22 fits 25; a third would need 34
    [[10, 10, 10], 25, [[0, 1], [2]]],
    [[10, 10, 10], 34, [[0, 1, 2]]],
    // a column wider than the room still gets a group of its own
    [[40, 5, 5], 20, [[0], [1, 2]]],
    [[], 20, []],
  ])('%j in %i → %j', (widths, room, groups) => {
    expect(columnGroups(widths, room)).toEqual(groups);
  });
});

describe('compare with nine gateways', () => {
  it.each([80, 120])('fits %i columns: no line longer, every gateway in the feature grid', (width) => {
    const out = render(width);
    const long = out.split('\n').filter((l) => visibleWidth(l) > width);
    expect(long).toEqual([]);
    const features = out.slice(out.indexOf('Features'), out.indexOf('Published latency figures'));
    for (const id of IDS) expect(features).toContain(id.toUpperCase());
    // the grid is a table, not "header: value" blocks
    expect(features).toMatch(/^ {2}fallbacks +enterprise +enterprise/m);
  });

  it('splits into more groups at 80 columns than at 120', () => {
    // "feature" tables: one rule line per group
    const rules = (w: number) => {
      const out = render(w);
      const features = out.slice(out.indexOf('Features'), out.indexOf('Published latency figures'));
      return features.split('\n').filter((l) => l.trimStart().startsWith('─')).length;
    };
    expect(rules(80)).toBeGreaterThan(rules(120));
    expect(rules(120)).toBeGreaterThan(1);
  });
});

describe('--gateways', () => {
  it('keeps the named gateways in the order given, and combinations whose members all stay', () => {
    const c = selectGateways(nine, 'cloudflare, litellm');
    expect(c.gateways.map((g) => g.id)).toEqual(['cloudflare', 'litellm']);
    expect(c.stacks.map((s) => s.id)).toEqual(['a-b']);
    expect(selectGateways(nine, 'litellm,portkey').stacks).toEqual([]);
    expect(selectGateways(nine, undefined)).toBe(nine);
  });

  it('refuses an unknown id or an empty list, with the ids there are', () => {
    expect(() => selectGateways(nine, 'litellm,nope')).toThrow(UsageError);
    expect(() => selectGateways(nine, 'litellm,nope')).toThrow('--gateways: unknown gateway "nope".');
    expect(() => selectGateways(nine, ' , ')).toThrow('--gateways: no gateway named.');
  });
});

describe('describeFee', () => {
  const fee = (f: Partial<Fee> & Pick<Fee, 'basis'>): Fee => ({ id: 'f', label: 'Fee', appliesWhen: 'always', ...fact, status: 'verified', ...f });
  it.each<[Partial<Fee> & Pick<Fee, 'basis'>, string]>([
    [{ basis: 'requests', usdPerMillion: 90, blockSize: 100_000, freeAllowance: { amount: 100_000, unit: 'requests', period: 'month' } }, 'Fee: $9 per 100,000 requests, first 100,000 requests/month free'],
    [{ basis: 'log-events', tiers: [{ upTo: 30_000, usdPerUnit: 0.0007 }, { upTo: null, usdPerUnit: 0.00002 }] }, 'Fee: graduated per log event: $0.0007 to 30,000, $0.00002 beyond'],
    [{ basis: 'models', usdPerModel: 100 }, 'Fee: $100/month per model'],
    [{ basis: 'credit-purchase', unpublished: true, appliesWhen: 'card-credits' }, 'Fee: price not published; credits bought by card'],
    [{ basis: 'log-gb-month', usdPerGb: 0.1, retentionDays: 7, appliesWhen: 'stored-logs', freeAllowance: { amount: 12, unit: 'gb-month', period: 'month' } }, 'Fee: $0.1/GB-month (kept 7 days), first 12 GB-month/month free; when logs are kept'],
    [{ basis: 'requests', usdPerMillion: 100, appliesWhen: 'zero-data-retention' }, 'Fee: $100/M requests; with zero data retention'],
  ])('%j', (f, text) => {
    expect(describeFee(fee(f))).toBe(text);
  });
});
