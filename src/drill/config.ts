import { z } from 'zod';
import { DEFAULT_FAULTS, SCENARIO_IDS } from './scenarios.js';

/**
 * The drill configuration (`gateway-scout drill --config FILE`, `gateway-scout schema drill-config`), pure. The
 * drill starts the two upstreams on these ports; the user's gateway must already be configured to use the primary
 * as its route and the secondary as its fallback (`gateway-scout drill init --gateway ID` prints that snippet).
 */

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. LITELLM_API_KEY')
  .describe('Name of the environment variable holding the key (never the key itself).');

const port = z.number().int().min(1).max(65_535);
const upstream = z.strictObject({
  port: port.describe('Port the drill listens on; the gateway\'s route (or fallback) points here.'),
  host: z.string().min(1).default('127.0.0.1').describe('Interface to bind; 0.0.0.0 when the gateway runs in a container.'),
});

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cf-aig-authorization', 'x-api-key', 'api-key', 'x-litellm-api-key', 'x-portkey-api-key'];

export const drillTargetSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", e.g. "litellm"'),
  gateway: z.string().min(1).optional().describe('Catalog gateway id (litellm, portkey, …), for the report and `choose --drill`.'),
  // http(s) only: a bare "localhost:4000" parses as a URL whose scheme is "localhost:", and would fail at the first request.
  baseUrl: z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://127.0.0.1:4000/v1' }).describe('The gateway\'s OpenAI-style base URL; requests go to baseUrl + /chat/completions.'),
  model: z.string().min(1).describe('The model (or route) name whose primary and fallback are the drill\'s upstreams.'),
  apiKeyEnv: envName.optional().describe('Variable with the gateway key, sent as Authorization: Bearer.'),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .describe('Extra, non-secret request headers (e.g. x-portkey-config).')
    .refine((h) => !Object.keys(h).some((k) => CREDENTIAL_HEADERS.includes(k.toLowerCase())), {
      message: 'credentials never go in the file: name the variable in apiKeyEnv instead',
    }),
});

export const drillConfigSchema = z
  .strictObject({
    upstreams: z.strictObject({ primary: upstream, secondary: upstream }),
    target: drillTargetSchema,
    scenarios: z.array(z.enum(SCENARIO_IDS)).min(1).optional().describe('Scenario ids to run, in order (default: all).'),
    requests: z.number().int().min(1).max(1_000).default(3).describe('Requests per scenario and mode.'),
    stream: z.union([z.boolean(), z.literal('both')]).default('both').describe('Streamed, non-streamed, or both.'),
    timeoutsMs: z
      .strictObject({ request: z.number().int().positive().max(600_000).default(30_000).describe('The client gives up (a hang) after this, ms.') })
      .prefault({}),
    faults: z
      .strictObject({
        slowTtftMs: z.number().int().positive().max(600_000).default(DEFAULT_FAULTS.slowTtftMs),
        retryAfterS: z.number().int().min(1).max(3_600).default(DEFAULT_FAULTS.retryAfterS),
        cutAfterChunks: z.number().int().min(1).max(1_000).default(DEFAULT_FAULTS.cutAfterChunks),
        answerTokens: z.number().int().min(2).max(4_096).default(DEFAULT_FAULTS.answerTokens),
      })
      .prefault({}),
    pauseMs: z.number().int().min(0).max(600_000).default(0).describe('Pause between scenarios, ms: lets a gateway\'s cooldown of the primary run out.'),
  })
  .superRefine((c, ctx) => {
    if (c.upstreams.primary.port === c.upstreams.secondary.port) {
      ctx.addIssue({ code: 'custom', path: ['upstreams', 'secondary', 'port'], message: 'the secondary needs a port of its own' });
    }
    if (c.faults.cutAfterChunks >= c.faults.answerTokens) {
      ctx.addIssue({ code: 'custom', path: ['faults', 'cutAfterChunks'], message: `must be below answerTokens (${c.faults.answerTokens}), or nothing is cut` });
    }
  });
export type DrillConfig = z.infer<typeof drillConfigSchema>;
export type DrillConfigInput = z.input<typeof drillConfigSchema>;
