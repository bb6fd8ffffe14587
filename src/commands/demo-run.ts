import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recommendationDocument } from '../advisor/document.js';
import { advise } from '../advisor/score.js';
import { catalogLastVerified } from '../catalog/rules.js';
import { EXIT, type ExitCode } from '../errors.js';
import { resolveAnswers } from '../io/answers-input.js';
import { loadCatalogAsOf, showWarnings, stalenessWarnings } from './as-of.js';
import { decidingFacts } from '../advisor/deciding-facts.js';
import { readText } from '../io/files.js';
import { costExtras } from './choose-cost.js';
import type { Ctx } from './context.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The first comment line of an example says what the profile is. */
const describe = (text: string) => /^#\s*(.+)$/m.exec(text)?.[1] ?? '';

export async function runDemo(flags: { json?: boolean; bench?: boolean; data?: string; dataModels?: string; asOf?: string }, ctx: Ctx): Promise<ExitCode> {
  const catalog = await loadCatalogAsOf(flags.data, flags.asOf);
  const files = (await readdir(EXAMPLES_DIR)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const now = new Date();
  const profiles = [];
  for (const f of files) {
    const file = join(EXAMPLES_DIR, f);
    const { answers, cost } = await resolveAnswers({ answers: file });
    const costs = await costExtras(answers, catalog.value, { section: cost, flags: {}, answersFile: file, modelsFile: flags.dataModels });
    const advice = advise(catalog.value, answers, costs.extras);
    const dated = { asOf: catalog.asOf, warnings: stalenessWarnings(catalog.value, catalog.asOf, decidingFacts(advice)) };
    const doc = recommendationDocument(catalog.value, { file: catalog.file, lastVerified: catalogLastVerified(catalog.value), warnings: catalog.warnings }, answers, advice, now, costs.summary, undefined, dated);
    profiles.push({ profile: basename(f).replace(/\.ya?ml$/, ''), description: describe(await readText(file, 'example')), result: doc });
  }
  if (!flags.json) {
    const { renderDemo } = await import('../report/demo.js');
    const intro = `gateway-scout demo: ${files.length} example profiles, scored against catalog ${catalog.value.version}; no keys, no network.`;
    // A path the reader can type from here: relative when the examples are below the current directory.
    const rel = relative(ctx.cwd, EXAMPLES_DIR);
    const examples = rel === '' ? './' : rel.startsWith('..') ? EXAMPLES_DIR : `${rel}/`;
    ctx.out(renderDemo(profiles, intro, examples, { width: ctx.width, color: ctx.color }));
  }
  // The tour ends where the recommendation leads: measuring. Emulated gateways, so no keys and no network.
  let bench: Awaited<ReturnType<typeof import('./bench-run.js').demoBenchmark>> | null = null;
  if (flags.bench !== false) {
    ctx.err('\ngateway-scout bench --demo: the benchmark, against local emulators whose overheads are set (illustrative settings, not the real gateways\' figures).\n');
    const { demoBenchmark } = await import('./bench-run.js');
    bench = (await demoBenchmark(ctx, flags.json === true)) ?? null;
  }
  const warnings = [...new Map(profiles.flatMap((p) => p.result.warnings).map((w) => [w.message, w])).values()];
  showWarnings(ctx, warnings, flags.json);
  if (flags.json) ctx.out(JSON.stringify({ schemaVersion: 1, generatedAt: now.toISOString(), asOf: catalog.asOf, warnings, profiles, bench }, null, 2) + '\n');
  if (ctx.signal.aborted) return EXIT.interrupted;
  return EXIT.ok;
}
