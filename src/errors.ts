/** Exit codes are part of the CLI's contract (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  gateFailed: 1,
  usage: 2,
  runFailed: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One problem in an input file, located by a JSON path such as `gateways[1].pricing.fees[0].percent`. */
export interface Issue {
  path: string;
  message: string;
}

export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
  abstract readonly code: string;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong flags or arguments, or a missing answer in a non-interactive run. */
export class UsageError extends CliError {
  readonly exitCode = EXIT.usage;
  readonly code = 'usage';
}

/** A file or value the user supplied is unreadable or invalid. */
export class InputError extends CliError {
  readonly exitCode = EXIT.usage;
  readonly code = 'invalid-input';
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly issues: readonly Issue[] = [],
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** The run itself failed: a server did not start, a target was unreachable, a write failed. */
export class RunError extends CliError {
  readonly exitCode = EXIT.runFailed;
  readonly code = 'run-failed';
}

/** The user pressed Ctrl-C or closed a prompt. */
export class InterruptedError extends CliError {
  readonly exitCode = EXIT.interrupted;
  readonly code = 'interrupted';
  constructor() {
    super('Interrupted.');
  }
}
