import { z } from 'zod';
import { partialAnswersSchema } from '../advisor/answers.js';

/** An answers file: the answers (any subset), plus an optional `cost:` section read by the cost model. */
export const answersFileSchema = partialAnswersSchema.extend({
  $schema: z.string().optional(),
  schemaVersion: z.number().optional(),
  cost: z.record(z.string(), z.unknown()).optional(),
});
