import { z } from 'zod';

/**
 * A warning every JSON document carries in `warnings[]` (and a person reads once on stderr): a code a CI job can
 * match, the message, and the figures behind it.
 */
export const warningSchema = z
  .object({
    code: z.string().describe('What kind: catalog-stale, fact-stale, …'),
    message: z.string(),
  })
  .catchall(z.unknown())
  .describe('A warning: a code, the message, and the figures it rests on.');

export interface Warning {
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** What a document says about time: the day its facts were taken as of, and the warnings that come with it. */
export interface Dated {
  asOf: string;
  warnings: Warning[];
}
