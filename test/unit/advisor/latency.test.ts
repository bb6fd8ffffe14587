import { describe, expect, it } from 'vitest';
import { mergeAnswers } from '../../../src/advisor/answers.js';
import { advise } from '../../../src/advisor/score.js';
import { typicalOverhead } from '../../../src/advisor/subject.js';
import type { LatencyFigure } from '../../../src/catalog/schema.js';
import { fact, makeCatalog, makeGateway } from '../../helpers/builders.js';

const figure = (valueMs: number, status: LatencyFigure['status'], over: Partial<LatencyFigure> = {}): LatencyFigure => ({
  metric: 'overhead',
  stat: 'p50',
  valueMs,
  conditions: 'test',
  measuredBy: 'vendor',
  ...fact,
  status,
  ...over,
});

const gatewayWith = (latency: LatencyFigure[]) => makeCatalog([makeGateway('g', { latency })]).gateways[0]!;

describe('typical overhead', () => {
  it('is unknown when only unverified claims exist, however precise they look', () => {
    expect(typicalOverhead(gatewayWith([figure(50, 'unverified', { stat: 'typical', valueMsHigh: 100 })]))).toBeUndefined();
    expect(typicalOverhead(gatewayWith([figure(40, 'conflict')]))).toBeUndefined();
  });

  it('is the median of the verified figures only', () => {
    // verified 2, 12, 30 → median 12; the unverified 500 must not move it.
    const g = gatewayWith([figure(30, 'verified'), figure(500, 'unverified'), figure(2, 'verified'), figure(12, 'verified')]);
    expect(typicalOverhead(g)?.value).toBe(12);
  });
});

describe('the latency criterion', () => {
  // The same 75 ms, once verified and once only claimed.
  const known = makeGateway('known', { latency: [figure(75, 'verified')] });
  const claimed = makeGateway('claimed', { latency: [figure(75, 'unverified', { stat: 'typical' })] });
  const catalog = makeCatalog([known, claimed]);
  const reason = (id: string) =>
    advise(catalog, mergeAnswers({ latency: 'critical' })).ranking.find((r) => r.gateway === id)!.reasons.find((r) => r.criterion === 'latency')!;

  it('scores a verified figure: 75 ms → 1/(1 + 75/25) = 0.25, against, at weight 4', () => {
    expect(reason('known')).toMatchObject({ effect: 'against', weight: 4 });
    expect(reason('known').text).toMatch(/about 75 ms/);
  });

  it('leaves an unverified claim out: neutral, said plainly, with a pointer to measuring it', () => {
    const r = reason('claimed');
    expect(r).toMatchObject({ effect: 'neutral', weight: 4 });
    expect(r.text).not.toMatch(/75/);
    expect(r.text).toMatch(/unknown/);
    expect(r.text).toMatch(/`gateway-scout bench`/);
    expect(r.text).toMatch(/`choose --bench`/);
  });
});
