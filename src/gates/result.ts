import { z } from 'zod';

/** One gate evaluated for one target (and origin): what `--fail-on` reports, in `bench --json` and `report --json`. */
export const gateResultSchema = z.strictObject({
  gate: z.string().describe('The gate as written.'),
  target: z.string(),
  origin: z.string().optional().describe('The run a row came from, when runs were merged by label.'),
  field: z.string(),
  op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
  limit: z.number(),
  measured: z.number().nullable().describe('null: not measured (the gate fails) or not applicable.'),
  unit: z.enum(['ms', '%', 'usd']).nullable().describe('Unit of limit and measured; null for counts and tokens/s.'),
  status: z.enum(['pass', 'fail', 'not-applicable']),
  message: z.string(),
});
export type GateResult = z.infer<typeof gateResultSchema>;
export type GateStatus = GateResult['status'];
