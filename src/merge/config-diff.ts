export interface ConfigDifference {
  path: string;
  a: string;
  b: string;
}

const show = (v: unknown): string => (v === undefined ? '(not set)' : JSON.stringify(v));

/** Every leaf where two configs differ, as a JSON path (`targets[1].model`). Key order does not matter. */
export function configDifferences(a: unknown, b: unknown, path = ''): ConfigDifference[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: ConfigDifference[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...configDifferences(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => configDifferences(a[k], b[k], path === '' ? k : `${path}.${k}`));
  }
  return Object.is(a, b) ? [] : [{ path: path === '' ? '(root)' : path, a: show(a), b: show(b) }];
}
