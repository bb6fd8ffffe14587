import type { ExitCode } from '../errors.js';

/**
 * What a command may touch of the outside world. `cli.ts` builds it from `process`; tests build it from
 * buffers. Commands never read `process` themselves.
 */
export interface Ctx {
  /** The result: the human report, or exactly one JSON document with --json. */
  out(text: string): void;
  /** Everything else: prompts, progress, warnings and errors. */
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly tty: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  /**
   * Columns to lay the human report out in: stdout's width on a terminal, else $COLUMNS, else 100.
   * Every line of a report fits it, except a line that is only a URL.
   */
  readonly width: number;
  /** Colour for the report on stdout: when stdout is a terminal, unless NO_COLOR; forced by FORCE_COLOR. */
  readonly color: boolean;
  /** Colour for what goes to stderr (prompts, warnings, errors), by the same rules for stderr. */
  readonly errColor: boolean;
  /** Streams the questionnaire reads keys from and draws on (stderr, so stdout stays clean for --json). */
  readonly prompt: { readonly input: NodeJS.ReadableStream; readonly output: NodeJS.WritableStream };
  /** Aborted on SIGINT/SIGTERM, so long runs can stop cleanly and keep what they measured. */
  readonly signal: AbortSignal;
  /** Record the exit code; the process exits once output is flushed. */
  exit(code: ExitCode): void;
}
