import { Argument, Command } from 'commander';
import type { Ctx } from './context.js';
import { EXIT } from '../errors.js';

export const SCHEMA_NAMES = ['answers', 'recommendation', 'catalog', 'models', 'compare', 'cost', 'sources', 'bench-config', 'bench', 'drill-config', 'drill', 'report', 'merged', 'error', 'emulators'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export function schemaCommand(ctx: Ctx): Command {
  return new Command('schema')
    .description('print the JSON Schema of an input file or an output document (generated from the zod schemas)')
    .addArgument(new Argument('<name>', 'which schema').choices(SCHEMA_NAMES))
    .option('--json', 'accepted for symmetry: a schema is JSON already')
    .action(async (name: SchemaName) => {
      const { jsonSchemaFor } = await import('../report/json-schemas.js');
      ctx.out(JSON.stringify(await jsonSchemaFor(name), null, 2) + '\n');
      ctx.exit(EXIT.ok);
    });
}
