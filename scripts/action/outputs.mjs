// Step outputs and the step summary, written the way the runner reads them (action.yml).
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/**
 * `name<<DELIMITER`, the value, `DELIMITER`: the runner's multi-line form, safe for any value; the delimiter is
 * random so a value cannot end it early. Outside a runner (no GITHUB_OUTPUT) the values go to stderr instead.
 */
export function setOutputs(values, env = process.env) {
  const file = env.GITHUB_OUTPUT;
  for (const [name, raw] of Object.entries(values)) {
    const value = String(raw ?? '');
    if (!file) {
      process.stderr.write(`${name}=${value}\n`);
      continue;
    }
    let delimiter;
    do delimiter = `ghadelimiter_${randomUUID()}`;
    while (value.includes(delimiter));
    appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
  }
}

/** Append markdown to this step's summary, when the runner gave one. */
export function appendSummary(markdown, env = process.env) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown.endsWith('\n') ? markdown : markdown + '\n');
}
