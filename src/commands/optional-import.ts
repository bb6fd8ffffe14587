import { fileURLToPath } from 'node:url';
import { RunError } from '../errors.js';

/**
 * Import a module that may be missing from this build (a part of the drill written on another branch), by URL
 * (`new URL('../drill/run.js', import.meta.url)`, so the path is the caller's). Only that module missing becomes a
 * clean RunError; anything else it throws (a missing dependency of its own, a bug) goes on as it is.
 */
export async function optionalImport<T>(url: URL, what: string): Promise<T> {
  try {
    return (await import(url.href)) as T;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const file = fileURLToPath(url);
    // Quoted: the module itself ("Cannot find module '<file>' imported from …", by path or by URL), not one it imports.
    const itself = [`'${file}'`, `'${url.href}'`].some((q) => String(err.message).includes(q));
    if (err.code === 'ERR_MODULE_NOT_FOUND' && itself) {
      throw new RunError(`${what} is not part of this build of gateway-scout (${file.split(/[\\/]/).slice(-2).join('/')} is missing).`, 'Install a release that includes it, or build from a checkout that does.');
    }
    throw e;
  }
}
