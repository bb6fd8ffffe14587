import { z } from 'zod';
import { ERROR_CLASSES } from './metrics.js';

/**
 * One line of `requests.jsonl`: exactly these fields, one measured request (warmups are not written). The
 * engine builds records of this type and `report` reads them back with this schema, so the two cannot drift.
 */
const ms = z.number().nonnegative();
export const requestRecordSchema = z.strictObject({
  target: z.string(),
  round: z.number().int().describe('1-based interleaved round.'),
  seq: z.number().int().describe("1-based count of this target's measured requests."),
  scheduledAt: z.number().describe('When the request was due, epoch ms.'),
  startedAt: z.number().describe('When it was sent, epoch ms.'),
  status: z.number().int().nullable().describe('HTTP status; null when no response arrived.'),
  errorClass: z.enum(ERROR_CLASSES).nullable(),
  headersMs: ms.nullable(),
  ttftMs: ms.nullable(),
  e2eMs: ms,
  itlMs: ms.nullable(),
  chunkGapsMs: z.array(ms),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  tokensSource: z.enum(['usage', 'estimated']),
  costUsd: z.number().nullable(),
  costSource: z.enum(['gateway', 'computed', 'unknown']),
  cacheStatus: z.enum(['hit', 'miss']).nullable(),
  responseId: z.string().nullable(),
  gatewayRequestId: z.string().nullable(),
  retryAfterMs: z.number().nullable(),
  selfReportedMs: ms
    .nullable()
    .optional()
    .describe("The latency the gateway says it added, from the header its catalog entry names (api.selfReportedLatency), in ms; null when it sent none. Absent in records written before it was recorded."),
  step: z.number().int().positive().optional().describe('Sweep runs: the 1-based step the request belongs to.'),
});
export type RequestRecord = z.infer<typeof requestRecordSchema>;
