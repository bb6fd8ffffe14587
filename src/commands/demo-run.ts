import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recommendationDocument } from '../advisor/document.js';
import { advise } from '../advisor/score.js';
import { catalogLastVerified } from '../catalog/rules.js';
import { EXIT, type ExitCode } from '../errors.js';
import { resolveAnswers } from '../io/answers-input.js';
import { loadCatalog } from '../io/data-files.js';
import { readText } from '../io/files.js';
import { paint } from '../report/paint.js';
import { costExtras } from './choose-cost.js';
import type { Ctx } from './context.js';
import { formatInt } from '../format.js';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** The first comment line of an example says what the profile is. */
const describe = (text: string) => /^#\s*(.+)$/m.exec(text)?.[1] ?? '';

export async function runDemo(flags: { json?: boolean; data?: string }, ctx: Ctx): Promise<ExitCode> {
  const c = paint(ctx.color);
  const catalog = await loadCatalog(flags.data);
  const files = (await readdir(EXAMPLES_DIR)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const now = new Date();
  const results = [];
  ctx.err(`${c.bold('gateway-scout demo')}: ${files.length} example profiles from ${EXAMPLES_DIR}, scored against catalog ${catalog.value.version}.\n`);
  for (const f of files) {
    const file = join(EXAMPLES_DIR, f);
    const { answers, cost } = await resolveAnswers({ answers: file });
    const costs = await costExtras(answers, catalog.value, { section: cost, flags: {}, answersFile: file });
    const advice = advise(catalog.value, answers, costs.extras);
    const doc = recommendationDocument(catalog.value, { file: catalog.file, lastVerified: catalogLastVerified(catalog.value), warnings: catalog.warnings }, answers, advice, now, costs.summary);
    const r = doc.recommendation;
    const description = describe(await readText(file, 'example'));
    results.push({ profile: basename(f).replace(/\.ya?ml$/, ''), description, result: doc });
    ctx.err(`\n${c.bold(basename(f))}  ${c.dim(description)}\n`);
    ctx.err(`  → ${c.green.bold(r.name)}  ${c.dim(`score ${r.score}, confidence ${r.confidence}${r.runnerUp ? `, runner-up ${r.runnerUp}` : ''}`)}\n`);
    // The first clause of a reason; the full text with its note is in the choose report.
    for (const reason of r.reasons.filter((x) => x.effect === 'for').slice(0, 3)) ctx.err(`    + ${reason.text.split(' (')[0]}\n`);
    for (const w of r.watchOuts.slice(0, 2)) ctx.err(`    ! ${w.title}\n`);
    const monthly = catalog.value.gateways
      .map((g) => ({ name: g.name, cost: costs.extras.monthlyUsd?.get(g.id) }))
      .filter((x) => x.cost?.eligible)
      .map((x) => `${x.name} $${formatInt(x.cost!.total)}${x.cost!.licenceUnpublished ? '+licence' : ''}`);
    if (monthly.length > 0) ctx.err(`  ${c.dim(`cost/month at ${formatInt(answers.monthlyRequests)} requests: ${monthly.join(' · ')}`)}\n`);
    ctx.err(`  ${c.dim(`full reports: gateway-scout choose --answers ${file}   ·   gateway-scout cost --answers ${file}`)}\n`);
  }
  // The tour ends where the recommendation leads: measuring. Emulated gateways, so no keys and no network.
  ctx.err(`\n${c.bold('gateway-scout bench --demo')}: the benchmark, against local emulators with known overheads.\n`);
  const { demoBenchmark } = await import('./bench-run.js');
  const bench = await demoBenchmark(ctx);
  if (flags.json) ctx.out(JSON.stringify({ schemaVersion: 1, generatedAt: now.toISOString(), profiles: results, bench: bench ?? null }, null, 2) + '\n');
  if (ctx.signal.aborted) return EXIT.interrupted;
  return EXIT.ok;
}
