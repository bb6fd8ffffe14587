import { z } from 'zod';

/** Until the cost model lands, its document schema is an open object. */
export const costSchema = (): z.ZodType => z.object({ schemaVersion: z.number() }).loose();
