import { checkbox, input, select } from '@inquirer/prompts';
import { answersSchema, type Answers, type PartialAnswers } from '../advisor/answers.js';
import { defaultFor, QUESTIONS, type Question } from '../advisor/questions.js';
import { formatInt } from '../format.js';
import { paint } from '../report/paint.js';
import { parseYesNo, readCount } from './typed.js';

/**
 * The only importer of @inquirer/prompts. Ctrl-C surfaces as inquirer's ExitPromptError, Ctrl-D as an
 * AbortPromptError (see `ask`); cli.ts maps both to 130.
 */
export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  signal?: AbortSignal;
}

/**
 * Run one prompt. Ctrl-D closes readline without settling inquirer's promise, which would let the process end
 * with 0 in the middle of a question; here it aborts the prompt instead, like Ctrl-C.
 */
async function ask<T>(io: PromptIo, prompt: (context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>): Promise<T> {
  const eof = new AbortController();
  const onKey = (_: unknown, key: { ctrl?: boolean; name?: string } | undefined) => {
    if (key?.ctrl && key.name === 'd') eof.abort();
  };
  io.input.on('keypress', onKey);
  try {
    const signal = io.signal ? AbortSignal.any([io.signal, eof.signal]) : eof.signal;
    return await prompt({ input: io.input, output: io.output, signal });
  } finally {
    io.input.off('keypress', onKey);
  }
}

/** A yes/no question that takes only y, yes, n or no (or Enter for the default) and asks again otherwise. */
export async function askYesNo(io: PromptIo, question: string, fallback: boolean, below = ''): Promise<boolean> {
  const answer = await ask(io, (context) =>
    input(
      {
        message: `${question} ${fallback ? '(Y/n)' : '(y/N)'}${below}`,
        validate: (v) => (parseYesNo(v, fallback) === undefined ? 'Answer y or n.' : true),
        transformer: (v, { isFinal }) => (isFinal ? (parseYesNo(v, fallback) ? 'yes' : 'no') : v),
      },
      context,
    ),
  );
  return parseYesNo(answer, fallback) ?? fallback;
}

async function askQuestion(q: Question, initial: PartialAnswers, io: PromptIo): Promise<unknown> {
  const c = paint(io.color);
  const why = `\n  ${c.dim(q.why)}\n `;
  const message = `${q.message}${why}`;
  switch (q.kind) {
    case 'select':
      return ask(io, (context) => select({ message, choices: q.choices, default: initial[q.id] ?? defaultFor(q.id) }, context));
    case 'number': {
      const bounds = { min: q.min, max: q.max };
      const text = await ask(io, (context) =>
        input(
          {
            message,
            default: formatInt(initial[q.id] ?? defaultFor(q.id)),
            validate: (v) => {
              const r = readCount(v, bounds);
              return r.ok ? true : r.message;
            },
          },
          context,
        ),
      );
      const r = readCount(text, bounds);
      return r.ok ? r.value : undefined;
    }
    case 'confirm':
      return askYesNo(io, q.message, initial[q.id] ?? defaultFor(q.id), why);
    case 'checkbox': {
      const chosen = new Set<string>(initial[q.id] ?? defaultFor(q.id));
      return ask(io, (context) => checkbox({ message, choices: q.choices.map((ch) => ({ ...ch, checked: chosen.has(ch.value) })), loop: false }, context));
    }
  }
}

/** Ask every question (answers already given by flags or a file are the defaults), then confirm. */
export async function askAnswers(initial: PartialAnswers, io: PromptIo, summary: (a: Answers) => string): Promise<Answers> {
  for (;;) {
    const collected: Record<string, unknown> = {};
    for (const q of QUESTIONS) collected[q.id] = await askQuestion(q, initial, io);
    const answers = answersSchema.parse(collected);
    io.output.write(`\n${summary(answers)}\n`);
    if (await askYesNo(io, 'Use these answers?', true)) return answers;
    initial = answers;
  }
}

/**
 * Offer to keep the answers in a file, so the next run (and CI) need not ask again. Returns the file name, or
 * undefined when declined. `check` says what is wrong with a name (e.g. it is a directory), or undefined.
 */
/**
 * Offer to save the answers; the file name defaults to `suggested`. A file that exists is overwritten only when
 * you say so (default no); otherwise the name is asked again.
 */
export async function askSaveAnswers(
  io: PromptIo,
  suggested: string,
  check: (file: string) => Promise<string | undefined>,
  exists: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
  if (!(await askYesNo(io, 'Save these answers to a file for next time?', true))) return undefined;
  for (;;) {
    const file = await ask(io, (context) =>
      input(
        {
          message: 'File name:',
          default: suggested,
          validate: async (v) => (v.trim() === '' ? 'Give a file name.' : ((await check(v.trim())) ?? true)),
        },
        context,
      ),
    );
    const name = file.trim();
    if (!(await exists(name)) || (await askYesNo(io, `${name} exists. Overwrite it?`, false))) return name;
  }
}
