import { Command } from 'commander';
import type { Ctx } from './context.js';
import { EXIT, UsageError } from '../errors.js';
import { nearest } from '../suggest.js';

/** `gateway-scout help [command...]`: like `--help`, but an unknown command is a usage error, not the top help. */
export function helpCommand(program: Command, ctx: Ctx): Command {
  return new Command('help')
    .description('show help for a command, e.g. "help data validate"')
    .argument('[command...]', 'the command')
    .option('--json', 'errors as one JSON document on stdout, like every command')
    .action((names: string[]) => {
      let cmd = program;
      for (const [i, name] of names.entries()) {
        const next = cmd.commands.find((c) => c.name() === name);
        if (!next) {
          const known = cmd.commands.map((c) => c.name());
          const near = nearest(name, known, 1);
          const where = names.slice(0, i).join(' ');
          throw new UsageError(
            `help: unknown command "${[where, name].filter((x) => x !== '').join(' ')}".`,
            `${near.length > 0 ? `Did you mean ${near[0]}? ` : ''}Commands${where === '' ? '' : ` of ${where}`}: ${known.join(', ')}.`,
          );
        }
        cmd = next;
      }
      cmd.outputHelp();
      ctx.exit(EXIT.ok);
    });
}
