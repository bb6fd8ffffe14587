import { Command } from 'commander';
import { SCENARIO_IDS } from '../drill/scenarios.js';
import type { Ctx } from './context.js';
import { INIT_PORTS, type DrillInitFlags } from './drill-init-ports.js';
import { opt } from './help-style.js';

/** Flags as commander hands them over (strings), before validation (drill-flags.ts). */
export interface DrillFlags {
  config?: string;
  demo?: boolean;
  json?: boolean;
  yes?: boolean;
  scenarios?: string;
  stream?: string;
  requests?: string;
  out?: string;
  markdown?: string;
  failOn?: string;
}


export function drillCommand(ctx: Ctx): Command {
  const drill = new Command('drill')
    // `drill --json` and `drill init --json` are options of their own commands.
    .enablePositionalOptions()
    .description("failover drill: fault-injecting upstreams behind your gateway's route and fallback; checks, from the upstreams' own logs, that its retries and fallbacks do what its configuration promises")
    .option('--config <file>', 'drill configuration, YAML or JSON (print a starting one with `gateway-scout drill init --gateway ID`; see `gateway-scout schema drill-config`)')
    .option('--demo', 'drill built-in emulated gateways on 127.0.0.1, whose retries and fallbacks follow data/failover.json: no keys, no network')
    .addOption(opt('--scenarios <ids>', `only these scenarios, comma-separated, in this order (${SCENARIO_IDS.join(', ')})`, 'from the config, else all'))
    .addOption(opt('--stream <mode>', 'streamed requests, non-streamed, or both: true, false or both', 'from the config, else both'))
    .addOption(opt('--requests <n>', 'requests per scenario and mode', 'from the config, else 3'))
    .option('--fail-on <expr>', 'gate: exit 1 when a comparison holds after the drill, e.g. "drill.silent-truncation > 0, drill.fail > 0" (README "Failover drills"); checked before anything is sent')
    .option('-y, --yes', 'run without asking (required when there is no terminal)')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema drill`)')
    .option('--out <dir>', 'write attempts.jsonl (as requests complete) and drill.json to a new directory')
    .option('--markdown <file>', 'also write the report as GitHub-flavoured markdown to this file')
    .action(async (flags: DrillFlags) => {
      const { runDrillCommand } = await import('./drill-run.js');
      ctx.exit(await runDrillCommand(flags, ctx));
    });
  drill
    .command('init')
    .description("print the drill's upstream ports, the snippet of your gateway's own fallback configuration that points at them, and a drill.yaml to save")
    .requiredOption('--gateway <id>', 'catalog gateway id, e.g. litellm, portkey, bifrost')
    .addOption(opt('--primary-port <n>', 'port of the primary upstream', INIT_PORTS.primary))
    .addOption(opt('--secondary-port <n>', 'port of the secondary upstream', INIT_PORTS.secondary))
    .option('--json', 'print one JSON document on stdout')
    .action(async (flags: DrillInitFlags) => {
      const { drillInit } = await import('./drill-init-adapter.js');
      ctx.exit(await drillInit(flags, ctx));
    });
  return drill;
}
