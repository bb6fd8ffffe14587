import { z } from 'zod';

/**
 * The schema of data/emulators.json: how a data-driven emulated gateway behaves (pure: no IO). One generic
 * handler (gateway.ts) serves every profile. Each behaviour carries `source` (a vendor docs page, or a repository
 * file or issue at a pinned commit) and `status`: "verified" when that source shows it, "unverified" when the
 * emulator needs *some* behaviour there and the source does not settle it (the `note` says what is assumed).
 */

const sourced = {
  source: z.url().describe('Where the vendor documents it, or the issue that shows it (a URL at a commit, or a docs page).'),
  status: z.enum(['verified', 'unverified']),
  note: z.string().optional(),
};

/** A placeholder template: strings may hold {message}, {type}, {code}, {provider}, {model}; "{status}" alone becomes the number. */
const template = z.unknown().describe('A JSON body with {placeholders} in its strings; "{status}" alone is the status number; "{upstreamError}" alone is the provider\'s `error` object.');

const errorSchema = z.strictObject({
  httpStatus: z.number().int().min(200).max(599),
  body: template,
  ...sourced,
});
export type GatewayError = z.infer<typeof errorSchema>;

export const ID_FORMATS = ['uuid', 'hex32', 'vercel', 'gen-ulid'] as const;

export const gatewayProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/).describe('The catalog gateway id (data/gateways.json), also the fault/endpoint id.'),
  label: z.string().min(1),
  basePath: z.string().regex(/^(\/[^/]+)*$/).describe('What an OpenAI SDK base URL ends with ("" or e.g. "/v1"); the SDK appends /chat/completions.'),
  chatPaths: z.array(z.string().startsWith('/')).min(1).describe('Paths that take chat completions; the first is basePath + /chat/completions.'),
  pathSource: z.url(),
  auth: z.strictObject({
    mode: z.enum(['key', 'passthrough', 'none']).describe('key: the gateway checks its own key; passthrough: the provider key travels on and the provider checks it; none: no key at all.'),
    header: z.string().min(1).default('authorization'),
    scheme: z.enum(['bearer', 'raw']).default('bearer'),
    key: z.string().min(1).describe('The emulator\'s (obviously fake) key.'),
    forwardWhenMissing: z.string().optional().describe('passthrough: the Authorization value sent on when the client sent none (Portkey sends "Bearer undefined").'),
    otherKeys: z
      .array(z.strictObject({ key: z.string().min(1), note: z.string().min(1), answer: z.enum(['insufficientCredits']) }))
      .default([])
      .describe('More fake keys with a fixed answer, e.g. one with no credits left.'),
    ...sourced,
  }),
  selection: z
    .strictObject({ anyOf: z.array(z.string().min(1)).min(1), send: z.record(z.string(), z.string()), ...sourced })
    .optional()
    .describe('Headers of which one must be present to pick a provider (Portkey); `send` is what the emulator tells clients to send.'),
  model: z.strictObject({
    pattern: z.string().min(1).describe('{slug}, {author}/{slug}, or a template such as tensorzero::model_name::{author}::{slug}.'),
    accepts: z.array(z.string().min(1)).default([]).describe('Other patterns the gateway also takes (Helicone: {slug}/{author}).'),
    ...sourced,
  }),
  requestId: z.strictObject({
    where: z.enum(['header', 'body']),
    field: z.string().min(1),
    format: z.enum(ID_FORMATS),
    echo: z.boolean().default(false).describe('A request carrying this header gets its value back (else a fresh id).'),
    ...sourced,
  }),
  cache: z
    .strictObject({
      header: z.string().min(1),
      hit: z.string().min(1),
      miss: z.string().min(1),
      enableHeader: z.string().min(1).optional().describe('Request header that turns the exact-match cache on ("true"); without it the gateway does not cache.'),
      offValue: z.string().min(1).optional().describe('Sent when caching is off (Portkey: DISABLED); without it, no header.'),
      ...sourced,
    })
    .optional(),
  latencyHeaders: z
    .array(z.strictObject({ header: z.string().min(1), value: z.enum(['overhead', 'upstream']), ...sourced }))
    .default([])
    .describe('Headers in which the gateway reports its own latency (ms): overhead = before forwarding; upstream = waiting for the provider\'s headers.'),
  headers: z
    .array(z.strictObject({ header: z.string().min(1), value: z.string(), ...sourced }))
    .default([])
    .describe('Response headers; {provider} and {model} are filled in, {id:FORMAT} becomes a fresh id (uuid, hex32, vercel, gen-ulid).'),
  cost: z
    .strictObject({ where: z.literal('body'), field: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/), ...sourced })
    .optional()
    .describe('Where the gateway reports cost in a non-streamed body (dotted path); absent = not reported.'),
  bodyFields: z
    .record(z.string(), z.enum(ID_FORMATS))
    .default({})
    .describe('Fields set on a non-streamed response body to a fresh id (TensorZero: id, episode_id).'),
  errors: z.strictObject({
    authMissing: errorSchema.optional(),
    authInvalid: errorSchema.optional(),
    insufficientCredits: errorSchema.optional(),
    selectionMissing: errorSchema.optional(),
    badRequest: errorSchema,
    unknownModel: errorSchema,
    gateway: errorSchema.describe('The gateway\'s own failures (faults, provider unreachable); its status is replaced by the actual one.'),
  }),
  upstreamError: z.strictObject({
    httpStatus: z.enum(['passthrough', 'bad-gateway-for-5xx', 'internal-error']).describe('The provider\'s status as it is, 502 for any 5xx, or 500 for any error.'),
    body: template.describe('"passthrough" keeps the provider\'s body; else a template.'),
    ...sourced,
  }),
  streamFailure: z.strictObject({
    mode: z.enum(['in-band-error-event', 'clean-end', 'abort']).describe('What the client sees when the provider\'s stream breaks after HTTP 200.'),
    event: template.optional().describe('The error event (in-band-error-event).'),
    ...sourced,
  }),
  overheadMs: z.number().nonnegative().max(600_000).describe('The realistic profile\'s default added delay: an illustrative emulator setting, not a claim.'),
});
export type GatewayProfile = z.infer<typeof gatewayProfileSchema>;

export const emulatorsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    gateways: z.array(gatewayProfileSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>(['provider', 'litellm', 'openrouter', 'cloudflare', 'all']);
    f.gateways.forEach((g, i) => {
      if (seen.has(g.id)) ctx.addIssue({ code: 'custom', path: ['gateways', i, 'id'], message: `"${g.id}" is taken (built-in endpoint, "all", or a duplicate)` });
      seen.add(g.id);
      if (g.auth.mode === 'key' && !g.errors.authMissing) {
        ctx.addIssue({ code: 'custom', path: ['gateways', i, 'errors', 'authMissing'], message: 'a gateway that checks keys needs its authMissing error' });
      }
      for (const k of g.auth.otherKeys) {
        if (!g.errors[k.answer]) ctx.addIssue({ code: 'custom', path: ['gateways', i, 'errors', k.answer], message: `the key ${k.key} answers ${k.answer}: give that error` });
      }
      if (g.selection && !g.errors.selectionMissing) {
        ctx.addIssue({ code: 'custom', path: ['gateways', i, 'errors', 'selectionMissing'], message: 'a required selection header needs its selectionMissing error' });
      }
      if (g.streamFailure.mode === 'in-band-error-event' && g.streamFailure.event === undefined) {
        ctx.addIssue({ code: 'custom', path: ['gateways', i, 'streamFailure', 'event'], message: 'in-band-error-event needs the event template' });
      }
    });
  });
export type EmulatorsFile = z.infer<typeof emulatorsFileSchema>;
