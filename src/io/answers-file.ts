import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Answers } from '../advisor/answers.js';

/** The answers schema inside the installed package, beside `dist/`. */
export const ANSWERS_SCHEMA = fileURLToPath(new URL('../../schemas/answers.schema.json', import.meta.url));

/**
 * Where the saved file finds its schema, in the installed package: relative to the file when the package is
 * below it (a project's node_modules), else a file URL (a global or npx install).
 */
export function schemaRef(file: string): string {
  const rel = relative(dirname(resolve(file)), ANSWERS_SCHEMA).split(sep).join('/');
  return rel.startsWith('..') ? pathToFileURL(ANSWERS_SCHEMA).href : `./${rel}`;
}

/** The text of an answers file: YAML for .yaml/.yml (with the schema in the YAML language server's comment), else JSON. */
export async function answersFileText(answers: Answers, file: string): Promise<string> {
  if (/\.ya?ml$/i.test(file)) {
    const yaml = (await import('js-yaml')).default.dump(answers, { flowLevel: 1 });
    return `# yaml-language-server: $schema=${schemaRef(file)}\n# gateway-scout answers: gateway-scout choose --answers ${file}\n${yaml}`;
  }
  return JSON.stringify({ $schema: schemaRef(file), ...answers }, null, 2) + '\n';
}
