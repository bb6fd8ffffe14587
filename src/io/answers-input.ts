import type { Answers, PartialAnswers } from '../advisor/answers.js';
import { checkAnswersFile, mergeAnswers } from '../advisor/answers-check.js';
import { QUESTIONS } from '../advisor/questions.js';
import { InputError, UsageError } from '../errors.js';
import { readStructured } from './files.js';
import { numberFlag } from './flag-numbers.js';

/** Raw flag values as commander hands them over, before validation. */
export type RawAnswerFlags = Partial<Record<keyof Answers, unknown>> & {
  answers?: string;
  defaults?: boolean;
  data?: string;
};

/** Validate per-field flags into partial answers. Throws UsageError naming the flag. */
export function answersFromFlags(opts: RawAnswerFlags): PartialAnswers {
  const out: Record<string, unknown> = {};
  for (const q of QUESTIONS) {
    const { id: field, flag } = q;
    const v = opts[field];
    if (v === undefined) continue;
    if (q.kind === 'number') out[field] = numberFlag(flag, v, { min: q.min, max: q.max, integer: true }, { count: true });
    else if (q.kind === 'checkbox') {
      const list = String(v).split(',').map((x) => x.trim()).filter((x) => x !== '' && x !== 'none');
      const known = q.choices.map((c) => c.value);
      const bad = list.filter((x) => !known.includes(x));
      if (bad.length > 0) throw new UsageError(`${flag}: unknown value ${bad.map((b) => `"${b}"`).join(', ')}.`, `Choose from: ${known.join(', ')}, or "none".`);
      out[field] = list;
    } else out[field] = v;
  }
  return out as PartialAnswers;
}

export const hasAnswerFlags = (opts: RawAnswerFlags): boolean => QUESTIONS.some((q) => opts[q.id] !== undefined);

export interface AnswersFile {
  answers: PartialAnswers;
  cost: Record<string, unknown> | undefined;
}

export async function readAnswersFile(file: string): Promise<AnswersFile> {
  const json = await readStructured(file, 'answers file');
  const checked = checkAnswersFile(json);
  if (checked) return checked;
  // Invalid: let the zod schema say exactly what is wrong, field by field.
  const [{ answersFileSchema }, { zodIssues }] = await Promise.all([import('./answers-file-schema.js'), import('../catalog/validate.js')]);
  const parsed = answersFileSchema.safeParse(json);
  const issues = parsed.success ? [{ path: '(root)', message: 'not a valid answers file' }] : zodIssues(parsed.error);
  throw new InputError(`The answers file ${file} is invalid.`, file, issues, 'See `gateway-scout schema answers` for the format, or README "Answers file".');
}

export interface ResolvedAnswers {
  answers: Answers;
  cost: Record<string, unknown> | undefined;
  /** Where the answers came from, for messages. */
  given: boolean;
}

/** Defaults, then the answers file, then flags (later wins). Does not prompt. */
export async function resolveAnswers(opts: RawAnswerFlags): Promise<ResolvedAnswers> {
  const file = opts.answers ? await readAnswersFile(opts.answers) : undefined;
  const flags = answersFromFlags(opts);
  return {
    answers: mergeAnswers(file?.answers ?? {}, flags),
    cost: file?.cost,
    given: file !== undefined || hasAnswerFlags(opts) || opts.defaults === true,
  };
}
