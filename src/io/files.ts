import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { InputError, RunError, UsageError } from '../errors.js';
import { findDuplicateKey } from './duplicate-keys.js';

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
      if (mark && e instanceof YAMLException && /duplicated mapping key/.test(e.reason)) {
        const key = /^\s*["']?([^"':]+)/.exec(text.split('\n')[mark.line]?.slice(mark.column) ?? '')?.[1]?.trim() ?? '?';
        throw duplicate(what, file, key, `line ${mark.line + 1}`);
      }
      throw new InputError(`The ${what} ${file} is not valid YAML${where}.`, file, [], e instanceof YAMLException ? e.reason : (e as Error).message.split('\n')[0]);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`The ${what} ${file} is not valid JSON: ${(e as Error).message}.`, file, [], 'Fix the syntax, or use a .yaml file if you prefer YAML.');
  }
  const dup = findDuplicateKey(text);
  if (dup) throw duplicate(what, file, dup.key, `line ${dup.line}`, dup.path);
  return value;
}

/** The same error for JSON and YAML: which key, where, and why it matters. */
function duplicate(what: string, file: string, key: string, where: string, path?: string): InputError {
  return new InputError(
    `The ${what} ${file} has the key "${key}" twice (${where}).`,
    file,
    path === undefined ? [] : [{ path, message: `duplicate key "${key}"` }],
    'Keep one of them: which one wins would otherwise depend on the parser.',
  );
}

/**
 * What is wrong with writing to `file`, said for people ("it is a directory"), or undefined when nothing
 * visible is. Checked before work that would be lost, such as answering every question.
 */
export async function unwritable(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).isDirectory()) return `${file} is a directory; give a file name, e.g. ${join(file, 'answers.yaml')}`;
  } catch {
    // Does not exist yet: fine, writeText creates it (and its folders).
  }
  return undefined;
}

/** Whether something is at this path already (a file you would overwrite). */
export async function fileExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Write a file the user named. A path that cannot be a file is bad input (2); a failing disk is a failed run (3). */
export async function writeText(file: string, text: string, flag = 'the file'): Promise<void> {
  const problem = await unwritable(file);
  if (problem) throw new UsageError(`Cannot write ${flag}: ${problem}.`);
  try {
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFile(file, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EISDIR') throw new UsageError(`Cannot write ${flag} ${file}: a part of the path is a file, not a directory.`);
    throw new RunError(`Cannot write ${file}: ${(e as Error).message}`);
  }
}
