import {
  ANSWER_BOUNDS,
  ANSWER_DEFAULTS,
  CACHING,
  DATA_CONTROL,
  HOSTING,
  LATENCY,
  NEEDS,
  OPS_CAPACITY,
  PLATFORMS,
} from './choices.js';
import type { Answers } from './answers.js';

interface Choice<V> {
  value: V;
  name: string;
  description?: string;
}

interface QuestionBase<K extends keyof Answers> {
  id: K;
  message: string;
  /** One line on why the answer changes the recommendation. */
  why: string;
  flag: string;
}

export type Question =
  | (QuestionBase<'hosting' | 'caching' | 'opsCapacity' | 'dataControl' | 'latency'> & {
      kind: 'select';
      choices: readonly Choice<string>[];
    })
  | (QuestionBase<'providers' | 'monthlyRequests' | 'avgInputTokens' | 'avgOutputTokens'> & {
      kind: 'number';
      min: number;
      max: number;
    })
  | (QuestionBase<'ownProviderKeys'> & { kind: 'confirm' })
  | (QuestionBase<'needs' | 'platforms'> & { kind: 'checkbox'; choices: readonly Choice<string>[] });

const choice = <V extends string>(value: V, name: string, description?: string): Choice<V> =>
  description === undefined ? { value, name } : { value, name, description };

/** The questionnaire as data: the interactive flow, the README and the flags all come from this table. */
export const QUESTIONS: readonly Question[] = [
  {
    id: 'hosting',
    kind: 'select',
    flag: '--hosting',
    message: 'Where may the gateway run?',
    why: 'Self-hosting rules out managed-only gateways; managed rules out ones you must operate.',
    choices: [
      choice(HOSTING[0], 'Self-hosted', 'on our own servers or cloud account'),
      choice(HOSTING[1], 'Managed', 'a service someone else runs'),
      choice(HOSTING[2], 'Either', 'whichever fits best'),
    ],
  },
  {
    id: 'providers',
    kind: 'number',
    flag: '--providers',
    ...ANSWER_BOUNDS.providers,
    message: 'How many LLM providers will you call (OpenAI, Anthropic, Google, ...)?',
    why: 'More providers make one unified API, routing and fallbacks worth more.',
  },
  {
    id: 'ownProviderKeys',
    kind: 'confirm',
    flag: '--own-provider-keys',
    message: 'Do you already hold accounts and API keys with those providers?',
    why: 'Without keys you need a gateway that bills you for the models; with keys, fees on your own keys matter.',
  },
  {
    id: 'caching',
    kind: 'select',
    flag: '--caching',
    message: 'Which response caching do you want at the gateway?',
    why: 'Gateways differ: some cache only identical requests, some also similar ones, some not by default.',
    choices: [
      choice(CACHING[0], 'None'),
      choice(CACHING[1], 'Exact match', 'identical requests are served from cache'),
      choice(CACHING[2], 'Semantic', 'similar prompts are served from cache too'),
    ],
  },
  {
    id: 'monthlyRequests',
    kind: 'number',
    flag: '--monthly-requests',
    ...ANSWER_BOUNDS.monthlyRequests,
    message: 'About how many requests per month?',
    why: 'Volume decides whether fees, infrastructure or operations dominate the cost.',
  },
  {
    id: 'avgInputTokens',
    kind: 'number',
    flag: '--avg-input-tokens',
    ...ANSWER_BOUNDS.avgInputTokens,
    message: 'Average input (prompt) tokens per request?',
    why: 'Token spend drives percentage fees and cache savings.',
  },
  {
    id: 'avgOutputTokens',
    kind: 'number',
    flag: '--avg-output-tokens',
    ...ANSWER_BOUNDS.avgOutputTokens,
    message: 'Average output (completion) tokens per request?',
    why: 'Output tokens usually cost several times more than input tokens.',
  },
  {
    id: 'opsCapacity',
    kind: 'select',
    flag: '--ops-capacity',
    message: 'Can your team run and upgrade a service with Postgres and Redis?',
    why: 'A self-hosted gateway is only as reliable as the people who operate it.',
    choices: [
      choice(OPS_CAPACITY[0], 'No', 'no one to operate it'),
      choice(OPS_CAPACITY[1], 'Some', 'we run a few services already'),
      choice(OPS_CAPACITY[2], 'Dedicated', 'a platform team owns it'),
    ],
  },
  {
    id: 'dataControl',
    kind: 'select',
    flag: '--data-control',
    message: 'What must happen to prompts and completions?',
    why: 'Zero retention and keeping traffic on your own infrastructure exclude some gateways.',
    choices: [
      choice(DATA_CONTROL[0], 'Standard', 'provider and gateway defaults are fine'),
      choice(DATA_CONTROL[1], 'Zero retention', 'nothing stored by the gateway or providers'),
      choice(DATA_CONTROL[2], 'Own infrastructure', 'the gateway must run on infrastructure we control'),
    ],
  },
  {
    id: 'latency',
    kind: 'select',
    flag: '--latency',
    message: 'How much does added latency matter?',
    why: 'Each gateway is an extra hop; its overhead differs by design and by load.',
    choices: [
      choice(LATENCY[0], 'Relaxed', 'batch or background work'),
      choice(LATENCY[1], 'Sensitive', 'interactive, but tens of ms are fine'),
      choice(LATENCY[2], 'Critical', 'every millisecond to first token counts'),
    ],
  },
  {
    id: 'needs',
    kind: 'checkbox',
    flag: '--needs',
    message: 'Which features do you need?',
    why: 'Features missing, partial or enterprise-only change the score and the cost.',
    choices: [
      choice(NEEDS[0], 'Fallbacks', 'retry on another model or provider'),
      choice(NEEDS[1], 'Load balancing', 'spread traffic over deployments or keys'),
      choice(NEEDS[2], 'Rate limiting', 'limit requests per user, key or gateway'),
      choice(NEEDS[3], 'Budgets', 'spend caps per key, team or project'),
      choice(NEEDS[4], 'Virtual keys', 'issue your own keys to apps and teams'),
      choice(NEEDS[5], 'Observability', 'logs, traces, metrics, cost per request'),
      choice(NEEDS[6], 'Guardrails', 'PII masking, moderation, prompt-injection checks'),
      choice(NEEDS[7], 'SSO', 'single sign-on for the admin UI'),
    ],
  },
  {
    id: 'platforms',
    kind: 'checkbox',
    flag: '--platforms',
    message: 'Which of these do you already run?',
    why: 'A gateway that plugs into a platform you already run is one vendor and one service fewer to take on.',
    choices: [
      choice(PLATFORMS[0], 'Kubernetes', 'you deploy services with Helm or manifests'),
      choice(PLATFORMS[1], 'Vercel', 'your apps deploy on Vercel'),
      choice(PLATFORMS[2], 'Cloudflare', 'an account with Workers or other Cloudflare services'),
      choice(PLATFORMS[3], 'Kong', 'Kong Gateway or Konnect already fronts your APIs'),
      choice(PLATFORMS[4], 'AWS', 'your workloads run in AWS'),
      choice(PLATFORMS[5], 'Azure', 'your workloads run in Azure'),
      choice(PLATFORMS[6], 'Google Cloud', 'your workloads run in Google Cloud'),
    ],
  },
];

export function defaultFor<K extends keyof Answers>(id: K): Answers[K] {
  const v = ANSWER_DEFAULTS[id];
  return (Array.isArray(v) ? [...v] : v) as Answers[K];
}
