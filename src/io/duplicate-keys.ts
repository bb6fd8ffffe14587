/**
 * JSON.parse keeps the last of two equal keys without a word; YAML rejects them. Both are mistakes in a
 * hand-edited file, so a JSON file is scanned for them too. Pure; expects text that JSON.parse accepted.
 */

interface Frame {
  /** Keys seen so far, for an object; null for an array. */
  keys: Set<string> | null;
  path: string;
  /** The key whose value is being read (objects) or the index of the current element (arrays). */
  key: string;
  index: number;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function childPath(parent: Frame | undefined): string {
  if (!parent) return '';
  if (parent.keys === null) return `${parent.path}[${parent.index}]`;
  const k = IDENT.test(parent.key) ? parent.key : JSON.stringify(parent.key);
  return parent.path === '' ? k : `${parent.path}.${k}`;
}

/** The first key that appears twice in one object, with the JSON path of the second one. */
export function findDuplicateKey(text: string): { key: string; path: string; line: number } | undefined {
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line += 1;
    else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const value = JSON.parse(text.slice(i, j + 1)) as string;
      i = j;
      let k = j + 1;
      while (k < text.length && ' \t\r\n'.includes(text[k]!)) k += 1;
      const top = stack[stack.length - 1];
      if (top?.keys && text[k] === ':') {
        if (top.keys.has(value)) return { key: value, path: childPath({ ...top, key: value }), line };
        top.keys.add(value);
        top.key = value;
      }
    } else if (ch === '{' || ch === '[') {
      stack.push({ keys: ch === '{' ? new Set() : null, path: childPath(stack[stack.length - 1]), key: '', index: 0 });
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top && top.keys === null) top.index += 1;
    }
  }
  return undefined;
}
