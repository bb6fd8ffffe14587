import { z } from 'zod';

/**
 * The schema of data/failover.json (pure): how each catalog gateway retries, falls back, times out and ends a
 * broken stream, as its vendor documents it or as it was reported. `drill --demo` runs one generic emulated
 * gateway per entry (demo-gateway.ts), so the data, not code, decides what each demo gateway does.
 *
 * Every block carries `source` (a vendor docs page, or a repository file or issue at a pinned commit) and
 * `status`: "verified" when that source shows the behaviour, "unverified" when the demo needs *some* behaviour
 * there and the source does not settle it (the `note` says what is assumed). Numbers a source does not give
 * (a backoff the vendor leaves unstated) are marked in the note as illustrative.
 */

const sourced = {
  source: z.url().describe('Where the vendor documents it, or the issue or measurement that shows it (a URL at a commit, or a docs page).'),
  status: z.enum(['verified', 'unverified']),
  note: z.string().optional(),
};

/** An upstream HTTP status the gateway reacts to, or "5xx" for all of 500–599. 400 has its own switch (onBadRequest). */
const statusMatch = z.union([z.number().int().min(401).max(599), z.literal('5xx')]);
export type StatusMatch = z.infer<typeof statusMatch>;

const retrySchema = z.strictObject({
  on: z.array(statusMatch).describe('Upstream statuses retried on the same upstream.'),
  onConnectError: z.boolean().describe('A connection refused or reset before any answer is retried.'),
  onTimeout: z.boolean().describe('An attempt that ran past the gateway\'s timeout is retried.'),
  maxRetries: z.number().int().min(0).max(10).describe('Retries after the first attempt, by default (0: none).'),
  honoursRetryAfter: z.boolean().describe('A Retry-After header sets the wait before the retry.'),
  backoffMs: z.number().int().min(0).max(60_000).describe('Wait before the first retry, doubled for each next one.'),
  ...sourced,
});

const fallbackSchema = z.strictObject({
  on: z.array(statusMatch).describe('Upstream statuses (after retries) that send the request to the fallback.'),
  onBadRequest: z.boolean().describe('A 400 (context length, content filter) is sent to the fallback too.'),
  onConnectError: z.boolean(),
  onTimeout: z.boolean(),
  afterFirstChunk: z.boolean().describe('A stream that breaks after its first chunk can still fall back (the gateway holds the stream back).'),
  ...sourced,
});

export const TIMEOUT_SCOPES = ['first-byte', 'idle'] as const;
export type TimeoutScope = (typeof TIMEOUT_SCOPES)[number];

const timeoutSchema = z.strictObject({
  ms: z.number().int().positive().nullable().describe('The gateway\'s default upstream timeout; null: none by default.'),
  scope: z.enum(TIMEOUT_SCOPES).describe('first-byte: until the upstream\'s response starts; idle: every wait for the next bytes, the first included.'),
  ...sourced,
});

export const STREAM_BREAK_MODES = ['clean-end', 'in-band-error-event', 'abort'] as const;
export type StreamBreakMode = (typeof STREAM_BREAK_MODES)[number];

const streamBreakSchema = z.strictObject({
  mode: z.enum(STREAM_BREAK_MODES).describe('What the client sees when the upstream\'s stream breaks after HTTP 200: a normal end, an SSE error event then the end, or a dropped connection.'),
  malformedChunk: z
    .enum(['relay', 'break'])
    .describe('An upstream chunk that is not JSON: passed on (or skipped) like any other, or taken as a broken stream (ended per `mode`).'),
  ...sourced,
});

const brokenBodySchema = z.strictObject({
  mode: z
    .enum(['retry-and-fallback', 'error'])
    .describe('A non-streamed answer whose body breaks (cut, not JSON, stalled past the timeout): a failed attempt the gateway retries and falls back from like a connection error, or an error to the client.'),
  ...sourced,
});

export const gatewayFailoverSchema = z
  .strictObject({
    gateway: z.string().regex(/^[a-z][a-z0-9-]*$/).describe('The catalog gateway id (data/gateways.json).'),
    setup: z.string().min(1).describe('The fallback configuration this behaviour assumes (what `drill init` prints): vendor defaults otherwise.'),
    retry: retrySchema,
    fallback: fallbackSchema,
    timeout: timeoutSchema,
    streamBreak: streamBreakSchema,
    brokenBody: brokenBodySchema,
  })
  .superRefine((g, ctx) => {
    // A gateway that can fall back after the first chunk must hold the stream back, so a broken body is a failed attempt.
    if (g.fallback.afterFirstChunk && g.brokenBody.mode !== 'retry-and-fallback') {
      ctx.addIssue({ code: 'custom', path: ['brokenBody', 'mode'], message: 'a gateway that falls back after the first chunk treats a broken body as a failed attempt: use "retry-and-fallback"' });
    }
  });
export type GatewayFailover = z.infer<typeof gatewayFailoverSchema>;

export const failoverFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    checked: z.iso.date().describe('When the entries were last checked against their sources.'),
    failover: z.array(gatewayFailoverSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.failover.forEach((g, i) => {
      if (seen.has(g.gateway)) ctx.addIssue({ code: 'custom', path: ['failover', i, 'gateway'], message: `"${g.gateway}" appears twice` });
      seen.add(g.gateway);
    });
  });
export type FailoverFile = z.infer<typeof failoverFileSchema>;
