import { escapeRegExp } from '../regexp.js';

/**
 * A gateway's model name read back to a model-table id through the catalog's naming pattern, so that
 * `tensorzero::model_name::openai::gpt-4o-mini` is priced as `openai/gpt-4o-mini`. Patterns name the maker
 * `{author}`, `{provider}` or `{creator}` and the model `{slug}`, `{model}` or `{model_name}`; optional parts in
 * brackets and words after the pattern (its explanation) are left out. Pure.
 */
const MAKER = new Set(['author', 'provider', 'creator']);
const MODEL = new Set(['slug', 'model', 'model_name']);

export function modelIdFromName(pattern: string, name: string): string | undefined {
  let core = (pattern.split(' ')[0] ?? '').replace(/[,;]+$/, '');
  // Optional parts, innermost first: "{model}[/{provider}[/{deployment_id}]]" → "{model}".
  while (/\[[^[\]]*\]/.test(core)) core = core.replace(/\[[^[\]]*\]/g, '');
  const parts = core.split(/(\{[a-z_]+\})/);
  let re = '';
  for (const p of parts) {
    const field = /^\{([a-z_]+)\}$/.exec(p)?.[1];
    if (field === undefined) re += escapeRegExp(p);
    else if (MAKER.has(field)) re += '(?<maker>[^/:]+)';
    else if (MODEL.has(field)) re += '(?<model>.+)';
    else re += '[^/:]+';
  }
  const m = new RegExp(`^${re}$`).exec(name);
  const model = m?.groups?.model;
  if (model === undefined) return undefined;
  return m!.groups!.maker === undefined ? model : `${m!.groups!.maker}/${model}`;
}
