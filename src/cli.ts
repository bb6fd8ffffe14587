import { CommanderError } from 'commander';
import { isatty } from 'node:tty';
import type { Ctx } from './commands/context.js';
import { CliError, EXIT, InterruptedError, type ExitCode } from './errors.js';
import { outputWidth, wantsColor } from './io/env.js';
import { createProgram } from './program.js';

/**
 * The one entry point and the one place that maps errors to exit codes. Everything below reports
 * failure by throwing a CliError (or returns a gate result through ctx.exit).
 */
export async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let code: ExitCode = EXIT.ok;
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort(signal === 'SIGINT' ? new InterruptedError() : new InterruptedError());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const ctx: Ctx = {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    // isatty, not process.stdin.isTTY: touching process.stdin builds a stream, which costs start-up time.
    tty: { stdin: isatty(0), stdout: isatty(1), stderr: isatty(2) },
    color: wantsColor(process.env, isatty(2)),
    width: outputWidth(process.env, isatty(1) ? process.stdout.columns : undefined),
    get prompt() {
      return { input: process.stdin, output: process.stderr };
    },
    signal: controller.signal,
    exit: (c) => {
      code = c;
    },
  };
  const json = argv.includes('--json');
  try {
    // No command at all: the questionnaire (which explains itself when there is no terminal).
    await createProgram(ctx).parseAsync(argv.length <= 2 ? [...argv, 'choose'] : argv);
  } catch (e) {
    code = await report(e, ctx, json);
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // Exit explicitly: keep-alive sockets or prompt streams must not hold the process open, but only
  // once what we wrote has been flushed.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

async function report(e: unknown, ctx: Ctx, json: boolean): Promise<ExitCode> {
  if (e instanceof CommanderError) {
    // Help and --version are not errors; commander already printed its message for the others.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.exitCode === 0) return EXIT.ok;
    ctx.err(`Run "gateway-scout --help" for usage.\n`);
    return EXIT.usage;
  }
  const err = toCliError(e);
  if (err) {
    const { errorDocument, renderError } = await import('./report/error.js');
    ctx.err(renderError(err, ctx.color));
    if (json) ctx.out(JSON.stringify(errorDocument(err), null, 2) + '\n');
    return err.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  ctx.err(`error An unexpected failure: ${message}\nhint This is a bug in gateway-scout; please report it with the command you ran.\n`);
  if (ctx.env.GATEWAY_SCOUT_DEBUG && e instanceof Error && e.stack) ctx.err(e.stack + '\n');
  return EXIT.runFailed;
}

/** Prompt libraries and AbortSignals signal cancellation with their own error types. */
function toCliError(e: unknown): CliError | undefined {
  if (e instanceof CliError) return e;
  const name = e instanceof Error ? e.name : '';
  if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'AbortError') return new InterruptedError();
  return undefined;
}
