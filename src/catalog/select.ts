import { UsageError } from '../errors.js';
import type { Catalog } from './schema.js';

/**
 * The catalog narrowed to some gateways (`compare --gateways a,b`), in the order given; combinations stay only
 * when every member is kept. An unknown id is bad usage, with the ids there are. Pure.
 */
export function selectGateways(c: Catalog, list: string | undefined, flag = '--gateways'): Catalog {
  if (list === undefined) return c;
  const ids = [...new Set(list.split(',').map((x) => x.trim()).filter((x) => x !== ''))];
  const known = c.gateways.map((g) => g.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    const what = ids.length === 0 ? 'no gateway named' : `unknown gateway ${unknown.map((u) => `"${u}"`).join(', ')}`;
    throw new UsageError(`${flag}: ${what}.`, `Choose from: ${known.join(', ')} (comma-separated).`);
  }
  const gateways = ids.map((id) => c.gateways.find((g) => g.id === id)!);
  return { ...c, gateways, stacks: c.stacks.filter((s) => s.members.every((m) => ids.includes(m))) };
}
