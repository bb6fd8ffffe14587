import type { z } from 'zod';
import { InputError } from '../errors.js';
import { zodIssues } from './validate.js';

/**
 * Parse and check one of the data files that is not the catalog (emulator profiles, failover behaviour): a clear
 * InputError (which file, which field, what is wrong, where to read more) when it is not JSON or not valid.
 */
export function parseDataFile<S extends z.ZodType>(text: string, file: string, schema: S, what: string, hint: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`The ${what} file ${file} is not valid JSON: ${(e as Error).message}.`, file, [], hint);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InputError(`The ${what} file ${file} is invalid.`, file, zodIssues(parsed.error), hint);
  return parsed.data;
}
