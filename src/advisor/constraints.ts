import type { Answers } from './answers.js';
import type { CitedFact, Subject } from './subject.js';

/** A hard constraint a subject breaks: it is not eligible, whatever its score. */
export interface Exclusion {
  answer: string;
  text: string;
  fact: CitedFact<unknown>;
}

const canSelfHost = (s: Subject) => s.selfHosted.value === 'yes' || s.selfHosted.value === 'partial';

export function exclusions(s: Subject, a: Answers): Exclusion[] {
  const out: Exclusion[] = [];
  if (a.hosting === 'self-hosted' && !canSelfHost(s)) {
    out.push({ answer: 'hosting=self-hosted', text: `You require self-hosting; ${s.name} cannot be self-hosted (${s.selfHosted.value})`, fact: s.selfHosted });
  }
  if (a.dataControl === 'own-infrastructure' && !canSelfHost(s)) {
    out.push({ answer: 'dataControl=own-infrastructure', text: `Traffic must stay on your infrastructure; ${s.name} runs on its vendor's infrastructure`, fact: s.selfHosted });
  }
  if (a.hosting === 'managed' && s.managed.value === 'no') {
    out.push({ answer: 'hosting=managed', text: `You want a managed service; ${s.name} is not offered as one`, fact: s.managed });
  }
  return out;
}
