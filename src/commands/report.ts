import { Command, Option } from 'commander';
import type { Ctx } from './context.js';

export interface ReportFlags {
  html?: string;
  markdown?: string;
  json?: boolean;
  failOn?: string;
}

export interface MergeFlags {
  out: string;
  by: 'label' | 'pooled';
  json?: boolean;
}

/** `gateway-scout report`: bench results as a terminal summary, HTML, markdown or JSON, with gates; `report merge`. */
export function reportCommand(ctx: Ctx): Command {
  const merge = new Command('merge')
    .description('merge bench runs of one config from several machines into one summary')
    .argument('<runs...>', 'summary.json files or bench --out folders (at least two)')
    // Commander's help does not mark a required option: the usage line and the option's text say it.
    .usage('--out <file> [options] <runs...>')
    .requiredOption('--out <file>', 'required: write the merged summary here (JSON)')
    .addOption(new Option('--by <how>', 'label: a row per target and origin; pooled: shards of one load test summed into one row').choices(['label', 'pooled']).default('label'))
    .option('--json', 'print the merged summary on stdout as well')
    .action(async (runs: string[], flags: MergeFlags) => {
      const { runMerge } = await import('./report-merge-run.js');
      ctx.exit(await runMerge(runs, flags, ctx));
    });
  return new Command('report')
    .description('summarise bench results and failover drills (HTML with charts, markdown, JSON) and gate a pipeline on them')
    .argument('<results...>', 'bench summary.json files or --out folders, drill documents (drill --json), optionally a choose --json and a cost --json document')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option('--markdown <file>', 'write a markdown summary (for pull requests and step summaries)')
    .option('--json', 'print one JSON document on stdout (see `gateway-scout schema report`)')
    .option('--fail-on <expr>', 'gate: exit 1 when a comparison holds, e.g. "ttft.p95 > 800ms, errors.rate > 2%" (README "Gates")')
    .addCommand(merge.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) }))
    .action(async (results: string[], flags: ReportFlags) => {
      const { runReport } = await import('./report-run.js');
      ctx.exit(await runReport(results, flags, ctx));
    });
}
