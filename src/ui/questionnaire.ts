import { checkbox, confirm, number, select } from '@inquirer/prompts';
import { answersSchema, type Answers, type PartialAnswers } from '../advisor/answers.js';
import { defaultFor, QUESTIONS, type Question } from '../advisor/questions.js';
import { paint } from '../report/paint.js';

/** The only importer of @inquirer/prompts. Ctrl-C surfaces as inquirer's ExitPromptError; cli.ts maps it to 130. */
export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  signal?: AbortSignal;
}

async function ask(q: Question, initial: PartialAnswers, io: PromptIo): Promise<unknown> {
  const c = paint(io.color);
  const context = { input: io.input, output: io.output, ...(io.signal ? { signal: io.signal } : {}) };
  const message = `${q.message}\n  ${c.dim(q.why)}\n `;
  switch (q.kind) {
    case 'select':
      return select({ message, choices: q.choices, default: initial[q.id] ?? defaultFor(q.id) }, context);
    case 'number':
      return number({ message, min: q.min, step: 1, required: true, default: initial[q.id] ?? defaultFor(q.id) }, context);
    case 'confirm':
      return confirm({ message, default: initial[q.id] ?? defaultFor(q.id) }, context);
    case 'checkbox': {
      const chosen = new Set<string>(initial.needs ?? defaultFor('needs'));
      return checkbox({ message, choices: q.choices.map((ch) => ({ ...ch, checked: chosen.has(ch.value) })), loop: false }, context);
    }
  }
}

/** Ask every question (answers already given by flags or a file are the defaults), then confirm. */
export async function askAnswers(initial: PartialAnswers, io: PromptIo, summary: (a: Answers) => string): Promise<Answers> {
  for (;;) {
    const collected: Record<string, unknown> = {};
    for (const q of QUESTIONS) collected[q.id] = await ask(q, initial, io);
    const answers = answersSchema.parse(collected);
    io.output.write(`\n${summary(answers)}\n`);
    const context = { input: io.input, output: io.output, ...(io.signal ? { signal: io.signal } : {}) };
    if (await confirm({ message: 'Use these answers?', default: true }, context)) return answers;
    initial = answers;
  }
}
