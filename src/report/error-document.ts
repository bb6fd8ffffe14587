import { z } from 'zod';

export const errorDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  error: z.object({
    code: z.string(),
    exitCode: z.number().int(),
    message: z.string(),
    hint: z.string().optional(),
    file: z.string().nullable().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
