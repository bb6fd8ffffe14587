#!/usr/bin/env node
// The action's run step (action.yml). Inputs arrive as environment variables (GS_*), never spliced into a
// shell script; the argv is built here, the CLI of this checkout runs in the user's working directory (so
// relative paths are theirs), its JSON document is kept under RUNNER_TEMP, the outputs go to GITHUB_OUTPUT, and
// this exits with the CLI's own code (1 a gate failed, 2 bad input, 3 the run failed).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendSummary, setOutputs } from './outputs.mjs';
import { shellWords, WordsError } from './words.mjs';

const BIN = fileURLToPath(new URL('../../bin/gateway-scout.js', import.meta.url));
const FLAGS = { answers: '--answers', expect: '--expect', 'min-score': '--min-score', config: '--config', 'fail-on': '--fail-on' };
/** Which inputs each command takes; anything else goes in `args`. */
const TAKES = { choose: ['answers', 'expect', 'min-score'], cost: ['answers'], bench: ['config', 'fail-on'], drill: ['config', 'fail-on'], report: ['fail-on'] };
const USAGE = 2;

const env = process.env;
const input = (name) => (env[`GS_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();

function fail(message) {
  process.stderr.write(`::error title=gateway-scout action::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  setOutputs({ recommendation: '', score: '', json: '', 'exit-code': USAGE });
  process.exit(USAGE);
}

/** The command line, from the inputs: the command, `args` as bash would split them, the named inputs, --json. */
function argv(command, cwd) {
  if (!(command in TAKES)) fail(`command must be one of ${Object.keys(TAKES).join(', ')}; got "${command}".`);
  let words;
  try {
    words = shellWords(input('args'), cwd);
  } catch (e) {
    if (e instanceof WordsError) fail(e.message);
    throw e;
  }
  const named = [];
  for (const [name, flag] of Object.entries(FLAGS)) {
    const value = input(name);
    if (value === '') continue;
    if (!TAKES[command].includes(name)) fail(`the ${name} input is for ${Object.keys(TAKES).filter((c) => TAKES[c].includes(name)).join(' and ')}, not ${command}; pass it in args if ${command} takes it.`);
    named.push(flag, value);
  }
  return [command, ...words, ...named, ...(words.includes('--json') ? [] : ['--json'])];
}

function workingDirectory() {
  const dir = resolve(env.GITHUB_WORKSPACE || process.cwd(), input('working-directory') || '.');
  try {
    if (statSync(dir).isDirectory()) return dir;
  } catch {}
  return fail(`working-directory ${dir} is not a directory.`);
}

/** The CLI with stdout into `file`; stderr (progress, masks, annotations) straight to the log. Its exit code. */
function runCli(args, cwd, file) {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('GS_')));
  return new Promise((done) => {
    const out = createWriteStream(file);
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(out);
    child.on('error', (e) => {
      process.stderr.write(`gateway-scout could not start: ${e.message}\n`);
      done(3);
    });
    child.on('close', (code, signal) => out.end(() => done(code ?? (signal === 'SIGINT' ? 130 : 3))));
  });
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

/** choose's top pick as --expect takes it: the stack's id for a combination (as src/report/pick-summary.ts). */
function pick(doc) {
  const top = doc?.recommendation;
  if (!top || typeof top.score !== 'number') return { recommendation: '', score: '' };
  const stack = top.stack?.length > 1 ? doc.stacks?.find((s) => s.members.join() === top.stack.join())?.gateway : undefined;
  return { recommendation: stack ?? top.gateway ?? '', score: top.gateway === null ? '' : top.score };
}

/** recommendation and score: choose's pick; cost's cheapest option; for report, the pick of the choose file it read. */
function extract(command, doc, cwd) {
  if (command === 'choose') return pick(doc);
  if (command === 'cost') return { recommendation: doc?.cheapest?.gateway ?? '', score: '' };
  if (command === 'report' && typeof doc?.inputs?.choose === 'string') return pick(readJson(resolve(cwd, doc.inputs.choose)));
  return { recommendation: '', score: '' };
}

/** When the CLI refused or failed with its error document, the step summary says so too (the log already has it). */
function summariseError(command, doc, code) {
  if (!doc?.error) return;
  const body = [doc.error.message, doc.error.hint].filter(Boolean).join('\n').replace(/```/g, "'''");
  appendSummary(`### gateway-scout ${command}\n\n**❌ exit ${code}**\n\n\`\`\`text\n${body}\n\`\`\`\n\n`);
}

const command = input('command') || 'choose';
const cwd = workingDirectory();
const args = argv(command, cwd);
const file = join(mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'gateway-scout-')), `${command}.json`);
const code = await runCli(args, cwd, file);
const doc = readJson(file);
const { recommendation, score } = extract(command, doc, cwd);
summariseError(command, doc, code);
setOutputs({ recommendation, score, json: file, 'exit-code': code });
process.stderr.write(`gateway-scout ${command} exited ${code}; JSON document: ${file}${recommendation ? `; recommendation: ${recommendation}${score === '' ? '' : ` (score ${score})`}` : ''}\n`);
process.exit(code);
