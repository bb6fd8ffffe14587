import { describe, expect, it } from 'vitest';
import { catalogStaleWarning, factStaleWarnings } from '../../../src/catalog/staleness.js';
import { makeCatalog, makeGateway } from '../../helpers/builders.js';
import { renderRunWarnings } from '../../../src/report/warnings.js';

const LIST = 'gateway-scout data sources --stale';

describe('catalog-stale', () => {
  // the builders date every fact, and lastVerified, 2026-11-01
  const c = makeCatalog([makeGateway('a')]);
  it('is silent up to 90 days after the last verification and speaks from day 91', () => {
    expect(catalogStaleWarning(c, '2027-01-30', LIST)).toBeUndefined(); // 2026-11-01 + 90 days
    expect(catalogStaleWarning(c, '2027-01-31', LIST)).toEqual({
      code: 'catalog-stale',
      message: 'The catalog was last verified on 2026-11-01, 91 days before 2027-01-31 (more than 90): prices and features may have changed since. `gateway-scout data sources --stale` lists the oldest facts.',
      lastVerified: '2026-11-01',
      asOf: '2027-01-31',
      ageDays: 91,
    });
  });
  it('is silent for a date before the check', () => {
    expect(catalogStaleWarning(c, '2020-01-01', LIST)).toBeUndefined();
  });
  it('reads the stalest gateway', () => {
    const two = makeCatalog([makeGateway('a'), makeGateway('b')]);
    two.gateways[1]!.lastVerified = '2026-06-01';
    // 2026-06-01 → 2026-09-01: 30 + 31 + 31 = 92 days
    expect(catalogStaleWarning(two, '2026-09-01', LIST)?.ageDays).toBe(92);
  });
});

describe('fact-stale', () => {
  const f = (checked: string | undefined, extra = {}) => ({ option: 'Edge', gateway: 'edge', what: 'Logs', source: 'logs-page', checked, ...extra });
  it('names a deciding fact checked more than 180 days before, once', () => {
    // 2026-06-01 + 180 days = 2026-11-28
    expect(factStaleWarnings([f('2026-06-01')], '2026-11-28', LIST)).toEqual([]);
    expect(factStaleWarnings([f('2026-06-01'), f('2026-06-01', { option: 'Other', gateway: 'other' })], '2026-11-29', LIST)).toEqual([
      {
        code: 'fact-stale',
        message: '"Logs" (edge, source logs-page) decides Edge and was checked on 2026-06-01, 181 days before 2026-11-29. `gateway-scout data sources --stale` lists every stale fact.',
        option: 'Edge',
        gateway: 'edge',
        source: 'logs-page',
        checked: '2026-06-01',
        asOf: '2026-11-29',
        ageDays: 181,
      },
    ]);
  });
  it('names two facts that differ only by source as two', () => {
    expect(factStaleWarnings([f('2020-01-01'), f('2020-01-01', { source: 'other-page' }), f('2020-01-01', { source: undefined })], '2026-01-01', LIST)).toHaveLength(3);
  });
  it('skips measurements and answers, which carry no check date', () => {
    expect(factStaleWarnings([f(undefined)], '2030-01-01', LIST)).toEqual([]);
  });
  it('names the option when the fact has no gateway, and no source when it has none', () => {
    const [w] = factStaleWarnings([{ option: 'AB', what: 'Why', checked: '2020-01-01' }], '2026-01-01', LIST);
    expect(w).toMatchObject({ gateway: null, source: null });
    expect(w!.message).toMatch(/^"Why" \(AB\) decides AB/);
  });
});

describe('warnings for a person', () => {
  const stale = (checked: string) => ({ code: 'fact-stale', message: `one fact, checked ${checked}`, checked, asOf: '2027-06-01' });
  it('says each kind once, and sums stale facts up in one line naming the oldest and the command', () => {
    const text = renderRunWarnings([{ code: 'catalog-stale', message: 'old catalog' }, stale('2026-11-25'), stale('2026-11-20')], false, LIST);
    expect(text).toBe(
      'warning: old catalog\n' +
        'warning: 2 facts behind the top two options were checked more than 180 days ago (as of 2027-06-01), the oldest on 2026-11-20. `gateway-scout data sources --stale` lists them; --json names each.\n',
    );
  });
  it('quotes a single stale fact as it is, and prints nothing for no warnings', () => {
    expect(renderRunWarnings([stale('2026-11-20')], false, LIST)).toBe('warning: one fact, checked 2026-11-20\n');
    expect(renderRunWarnings([], false, LIST)).toBe('');
  });
});
