import { Option, type Command, type HelpConfiguration } from 'commander';

/**
 * One style for every option's help: a lowercase phrase without a final period, then its choices and its
 * default in one parenthesis. Answer and cost flags must not get commander defaults (a default would override
 * the answers file, field by field), so their documented default is attached for help only, here.
 */
export function withDefault<T extends Option>(option: T, shown: string | number): T {
  option.defaultValueDescription = String(shown);
  return option;
}

/** An option whose default is only shown in help, e.g. `opt('--cache-hit-rate <0-1>', 'share of …', 0.1)`. */
export function opt(flags: string, description: string, shown?: string | number): Option {
  const o = new Option(flags, description);
  return shown === undefined ? o : withDefault(o, shown);
}

function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`one of: ${option.argChoices.join(', ')}`);
  const shown = option.defaultValueDescription ?? (option.defaultValue !== undefined && !option.negate ? String(option.defaultValue) : undefined);
  if (shown !== undefined && shown !== 'false') extra.push(`default: ${shown}`);
  return extra.length === 0 ? option.description : `${option.description} (${extra.join('; ')})`;
}

const HELP: HelpConfiguration = { optionDescription };

/** Apply the house style to a command and everything under it. */
export function styleHelp(cmd: Command): void {
  cmd.configureHelp(HELP);
  for (const sub of cmd.commands) styleHelp(sub);
}
