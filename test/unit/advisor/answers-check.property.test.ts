import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswersFile } from '../../../src/advisor/answers-check.js';
import { CACHING, DATA_CONTROL, HOSTING, LATENCY, NEEDS, OPS_CAPACITY } from '../../../src/advisor/choices.js';
import { answersFileSchema } from '../../../src/io/answers-file-schema.js';

// Values that are sometimes right and often nearly right, to probe the edges of both validators.
const anyOf = <T>(xs: readonly T[]) => fc.oneof(fc.constantFrom(...xs), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const count = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double({ min: -1, max: 3, noNaN: true }), fc.constant(2 ** 60), fc.string());
const file = fc.record(
  {
    hosting: anyOf(HOSTING),
    providers: count,
    ownProviderKeys: fc.oneof(fc.boolean(), fc.constant('yes')),
    caching: anyOf(CACHING),
    monthlyRequests: count,
    avgInputTokens: count,
    avgOutputTokens: count,
    opsCapacity: anyOf(OPS_CAPACITY),
    dataControl: anyOf(DATA_CONTROL),
    latency: anyOf(LATENCY),
    needs: fc.oneof(fc.subarray([...NEEDS, 'teleport']), fc.constant('fallbacks')),
    cost: fc.oneof(fc.constant({ cacheHitRate: 0.1 }), fc.constant([]), fc.constant('x')),
    $schema: fc.oneof(fc.string(), fc.integer()),
    colour: fc.string(),
  },
  { requiredKeys: [] },
);

describe('the fast answers check', () => {
  it('accepts and normalises exactly what the zod schema accepts', () => {
    fc.assert(
      fc.property(file, (input) => {
        const fast = checkAnswersFile(input);
        const zod = answersFileSchema.safeParse(input);
        expect(fast !== undefined).toBe(zod.success);
        if (fast && zod.success) {
          const { $schema: _s, schemaVersion: _v, cost, ...answers } = zod.data;
          expect(fast.answers).toEqual(answers);
          expect(fast.cost).toEqual(cost);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
