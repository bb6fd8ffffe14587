import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { InputError, RunError } from '../errors.js';

/** Read a user-supplied file, turning "not found" and friends into a clear InputError. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    throw new InputError(`Cannot read the ${what} ${file}: ${why}.`, file, [], `Check the path (relative paths are resolved from ${process.cwd()}).`);
  }
}

/** Parse JSON, or YAML when the file name says so. YAML is loaded only when needed, to keep start-up fast. */
export async function readStructured(file: string, what: string): Promise<unknown> {
  return parseStructured(await readText(file, what), file, what);
}

export async function parseStructured(text: string, file: string, what: string): Promise<unknown> {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    // js-yaml rather than yaml: it loads in about half the time, and start-up time is a target.
    const { load, YAMLException } = (await import('js-yaml')).default;
    try {
      return load(text) as unknown;
    } catch (e) {
      const mark = e instanceof YAMLException ? e.mark : undefined;
      const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
      throw new InputError(`The ${what} ${file} is not valid YAML${where}.`, file, [], e instanceof YAMLException ? e.reason : (e as Error).message.split('\n')[0]);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`The ${what} ${file} is not valid JSON: ${(e as Error).message}.`, file, [], 'Fix the syntax, or use a .yaml file if you prefer YAML.');
  }
}

export async function writeText(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFile(file, text);
  } catch (e) {
    throw new RunError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}
