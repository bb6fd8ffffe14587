import { CommanderError, type Command } from 'commander';
import { isatty } from 'node:tty';
import type { Ctx } from './commands/context.js';
import { CliError, EXIT, InterruptedError, RunError, UsageError, type ExitCode } from './errors.js';
import { outputWidth, wantsColor } from './io/env.js';
import { createProgram } from './program.js';

/**
 * The one entry point and the one place that maps errors to exit codes. Everything below reports
 * failure by throwing a CliError (or returns a gate result through ctx.exit). `main` binds the process;
 * `run` is the whole program against any Ctx, which is how the tests run most commands in-process.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort(new InterruptedError());
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
    color: wantsColor(process.env, isatty(1)),
    errColor: wantsColor(process.env, isatty(2)),
    width: outputWidth(process.env, isatty(1) ? process.stdout.columns : undefined),
    get prompt() {
      return { input: process.stdin, output: process.stderr };
    },
    signal: controller.signal,
    exit: () => undefined,
  };
  // Should the event loop run dry before the command settles (a prompt whose input went away), the run
  // ends as interrupted, said so on stderr, rather than silently with 0.
  let settled = false;
  process.exitCode = EXIT.interrupted;
  const onDrained = async () => {
    if (settled) return;
    settled = true;
    process.exitCode = await reportError(new InterruptedError(), ctx, wantsJson(argv));
  };
  process.on('beforeExit', onDrained);
  const code = await run(argv, ctx);
  if (settled) return;
  settled = true;
  process.exitCode = code;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // Exit explicitly: keep-alive sockets or prompt streams must not hold the process open, but only
  // once what we wrote has been flushed.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

const wantsJson = (argv: readonly string[]) => argv.slice(2).includes('--json');

/** Parse `argv` (node, script, args…) and run the command against ctx; the exit code, errors already reported. */
export async function run(argv: readonly string[], ctx: Ctx): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  // The same ctx, but the exit code a command records comes back here (the prompt getter stays lazy).
  const inner: Ctx = Object.create(ctx, { exit: { value: (c: ExitCode) => void (code = c) } });
  // No command at all: the questionnaire (which explains itself when there is no terminal).
  const args = argv.length <= 2 ? [...argv, 'choose'] : [...argv];
  const program = createProgram(inner);
  try {
    await program.parseAsync(args);
  } catch (e) {
    code = await reportError(e, inner, wantsJson(argv), program);
  }
  return code;
}

async function reportError(e: unknown, ctx: Ctx, json: boolean, program?: Command): Promise<ExitCode> {
  if (e instanceof CommanderError && (e.code === 'commander.helpDisplayed' || e.code === 'commander.version')) return EXIT.ok;
  const err = toCliError(e, program);
  const { errorDocument, renderError } = await import('./report/error.js');
  ctx.err(renderError(err, ctx.errColor));
  if (err.exitCode === EXIT.runFailed && !(err instanceof RunError) && ctx.env.GATEWAY_SCOUT_DEBUG && e instanceof Error && e.stack) ctx.err(e.stack + '\n');
  if (json) ctx.out(JSON.stringify(errorDocument(err), null, 2) + '\n');
  return err.exitCode;
}

/** Every failure as a CliError: ours as they are, the parser's as usage errors, anything else as a bug (exit 3). */
export function toCliError(e: unknown, program?: Command): CliError {
  if (e instanceof CliError) return e;
  if (e instanceof CommanderError && program) return parserError(e, program);
  const name = e instanceof Error ? e.name : '';
  // Prompt libraries and AbortSignals signal cancellation with their own error types.
  if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'AbortError') return new InterruptedError();
  return new UnexpectedError(e instanceof Error ? e.message : String(e));
}

/** "error: unknown option '--x'\n(Did you mean --y?)" → a UsageError whose hint is the suggestion, or where to read. */
function parserError(e: CommanderError, program: Command): UsageError {
  const [first = '', ...rest] = e.message.split('\n');
  const message = first.replace(/^error:\s*/, '').replace(/\.+$/, '');
  const suggestion = rest.map((l) => /^\((Did you mean .*\?)\)$/.exec(l.trim())?.[1]).find((x) => x !== undefined);
  const help = `Run "${commandPath(program).join(' ')} --help" for usage.`;
  // The parser printed the help on stderr because a command was missing; say so in one line too.
  if (e.code === 'commander.help') return new UsageError(`${commandPath(program).join(' ')} needs a command.`, help);
  return new UsageError(`${message.charAt(0).toUpperCase()}${message.slice(1)}.`, suggestion ? `${suggestion} ${help}` : help);
}

/** The command the parser got to, e.g. ["gateway-scout", "data", "validate"]. */
function commandPath(program: Command): string[] {
  const path = [program.name()];
  let cmd: Command | undefined = program;
  for (const a of program.args) {
    cmd = cmd.commands.find((c) => c.name() === a);
    if (!cmd) break;
    path.push(a);
  }
  return path;
}

const BUGS = 'https://github.com/gateway-scout/gateway-scout/issues';

/** A failure no code path expected: a bug. */
class UnexpectedError extends CliError {
  readonly exitCode = EXIT.runFailed;
  readonly code = 'unexpected';
  constructor(detail: string) {
    super(`An unexpected failure: ${detail}`, `This is a bug in gateway-scout; please report it with the command you ran at ${BUGS} (GATEWAY_SCOUT_DEBUG=1 prints the stack).`);
  }
}
