import { describe, expect, it } from 'vitest';
import { GRADE_MEANING, OUTCOME_MEANING, worstRow, worstText, type DrillHeadline } from '../../../src/report/drill-words.js';
import { OUTCOMES } from '../../../src/drill/types.js';

/** The words every drill report shares: what outcomes and grades mean, and a target's worst finding. */

const headline = (rows: DrillHeadline['rows']): DrillHeadline => ({ target: 't', gateway: null, pass: 0, safe: 0, fail: 0, rows, worst: worstRow(rows) });

describe('drill words', () => {
  it('a target with no rows says no scenario ran', () => {
    expect(worstText(headline([]))).toBe('no scenario ran');
  });

  it('each outcome is explained by what tells it apart', () => {
    const key: Record<(typeof OUTCOMES)[number], string> = {
      ok: 'first attempt',
      'retried-ok': 'retried',
      'failed-over': 'secondary',
      'error-surfaced': 'clear error',
      'silent-truncation': 'partial answer',
      hang: 'timeout',
      'retried-unrecoverable': 'a 400',
    };
    for (const o of OUTCOMES) expect(OUTCOME_MEANING[o]).toContain(key[o]);
    expect(Object.keys(OUTCOME_MEANING).sort()).toEqual([...OUTCOMES].sort());
  });

  it('each grade is explained', () => {
    expect(GRADE_MEANING.pass).toContain('should end in');
    expect(GRADE_MEANING.safe).toContain('knew it');
    expect(GRADE_MEANING.fail).toContain('misled');
  });
});
