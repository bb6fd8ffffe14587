import type { Issue } from '../errors.js';
import type { FactRef } from './rules.js';

/**
 * Provenance rules shared by the catalog and the model price table. Pure.
 *
 * A source must be the page or file that states its facts, so a maintainer can re-read exactly that: a site's
 * front page, a repository's root or a folder states nothing by itself.
 */
export function sourceUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined; // the schema reports malformed URLs
  }
  const parts = url.pathname.split('/').filter((p) => p !== '');
  if (parts.length === 0 && url.search === '') {
    return `${raw} is a site's front page; point at the page that states the facts`;
  }
  if (url.hostname === 'github.com' || url.hostname === 'www.github.com') {
    if (parts.length <= 2) return `${raw} is a repository's root (or an account); point at the file that states the facts, e.g. …/blob/<commit>/<path>`;
    if (parts[2] === 'tree') return `${raw} is a folder; point at the file that states the facts, e.g. …/blob/<commit>/<path>`;
  }
  return undefined;
}

/** Errors for sources whose URL cannot be the page that states a fact. */
export function sourceUrlIssues(sources: readonly { url: string }[], where = 'sources'): Issue[] {
  const issues: Issue[] = [];
  sources.forEach((s, i) => {
    const problem = sourceUrlProblem(s.url);
    if (problem) issues.push({ path: `${where}[${i}].url`, message: problem });
  });
  return issues;
}

/**
 * Warnings for facts marked `verified` that rest on a third party's page: "verified" means confirmed against a
 * primary source. A latency figure measured by that third party is the exception — its own report is the primary
 * source for its own measurement.
 */
export function thirdPartyVerifiedWarnings(
  sources: readonly { id: string; publisher: string }[],
  found: Iterable<FactRef>,
): Issue[] {
  const thirdParty = new Set(sources.filter((s) => s.publisher === 'third-party').map((s) => s.id));
  const warnings: Issue[] = [];
  for (const f of found) {
    if (f.status !== 'verified' || !thirdParty.has(f.source)) continue;
    if (f.node.measuredBy === 'third-party') continue;
    warnings.push({
      path: `${f.path}.status`,
      message: `"verified" but its source "${f.source}" is a third party's page: confirm it on the vendor's page (and cite that) or mark it "unverified"`,
    });
  }
  return warnings;
}
