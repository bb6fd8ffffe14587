import type { Answers } from './answers.js';

/** Two or more answers that pull against each other: the recommendation carries it as a warning. */
export interface AnswerConflict {
  answers: string[];
  text: string;
}

interface Rule {
  when: (a: Answers) => boolean;
  answers: (a: Answers) => string[];
  text: string;
}

// About the answers themselves, not any gateway: which combinations ask for things that exclude each other.
const RULES: readonly Rule[] = [
  {
    when: (a) => a.hosting === 'managed' && a.dataControl === 'own-infrastructure',
    answers: () => ['hosting=managed', 'dataControl=own-infrastructure'],
    text: 'You want a managed service, but traffic must stay on your infrastructure: a vendor-run service keeps it on the vendor\'s. Only a deployment the vendor manages inside your own infrastructure fits both; otherwise choose one.',
  },
  {
    when: (a) => a.hosting === 'self-hosted' && a.opsCapacity === 'none',
    answers: () => ['hosting=self-hosted', 'opsCapacity=none'],
    text: 'You require self-hosting, but have no capacity to run services: someone will have to run, patch and upgrade the gateway.',
  },
  {
    when: (a) => a.dataControl === 'zero-retention' && a.caching !== 'none',
    answers: (a) => ['dataControl=zero-retention', `caching=${a.caching}`],
    text: 'You need zero retention, but also a response cache: a cache keeps prompts and completions at the gateway for its lifetime, and some gateways turn caching off under zero retention.',
  },
];

/** The conflicts among these answers, in a fixed order. Pure. */
export function answerConflicts(a: Answers): AnswerConflict[] {
  return RULES.filter((r) => r.when(a)).map((r) => ({ answers: r.answers(a), text: r.text }));
}
