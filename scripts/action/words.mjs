// Shell-like words for the action's `args` input (action.yml): split as bash splits them, with no evaluation.
// Quotes and backslashes work as in bash; unquoted * and ? expand against the working directory like bash
// globs (sorted; a pattern that matches nothing stays as written). Everything that would make bash run or
// substitute something ($, `, ;, |, &, <, >, parentheses) is refused unless quoted: no variable, command or
// redirection ever happens here, so a value from a workflow cannot become a command.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const SPACE = /[ \t\r\n]/;
const REFUSED = /[$`;|&<>()]/;
/** Inside double quotes, bash's backslash escapes only these. */
const DQ_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);

export class WordsError extends Error {}

/** A word as characters, each marked when it is an unquoted glob character (the only ones that expand). */
const char = (ch, glob = false) => ({ ch, glob });
const text = (chars) => chars.map((c) => c.ch).join('');

/** The words of `input`, each as its characters (quotes removed). Throws WordsError on what it will not do. */
export function splitWords(input) {
  const words = [];
  let word = null;
  const push = (c) => (word ??= []).push(c);
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (SPACE.test(ch)) {
      if (word) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      while (i < input.length && input[i] !== '\n') i++;
    } else if (ch === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) throw new WordsError(`args: a single quote at character ${i + 1} is never closed.`);
      word ??= [];
      for (const c of input.slice(i + 1, end)) push(char(c));
      i = end;
    } else if (ch === '"') {
      word ??= [];
      let j = i + 1;
      for (; j < input.length && input[j] !== '"'; j++) {
        if (input[j] === '\\' && DQ_ESCAPES.has(input[j + 1])) j++;
        else if (input[j] === '$' || input[j] === '`') throw refused(input[j], j);
        if (!(input[j - 1] === '\\' && input[j] === '\n')) push(char(input[j]));
      }
      if (j >= input.length) throw new WordsError(`args: a double quote at character ${i + 1} is never closed.`);
      i = j;
    } else if (ch === '\\') {
      // A backslash before a line break joins the lines; before anything else it quotes that character.
      if (input[i + 1] !== '\n' && i + 1 < input.length) push(char(input[i + 1]));
      i++;
    } else if (REFUSED.test(ch)) {
      throw refused(ch, i);
    } else push(char(ch, ch === '*' || ch === '?'));
  }
  if (word) words.push(word);
  return words;
}

function refused(ch, at) {
  return new WordsError(
    `args: "${ch}" at character ${at + 1} would make a shell substitute or run something, which this action never does. ` +
      'Quote it with single quotes to pass it as it is; to pass a value from the workflow, use an expression such as ${{ matrix.shard }}.',
  );
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The paths a word with unquoted * or ? matches under `cwd`, sorted; the word itself when nothing matches. */
function expand(word, cwd) {
  if (!word.some((c) => c.glob)) return [text(word)];
  const parts = [[]];
  for (const c of word) c.ch === '/' && !c.glob ? parts.push([]) : parts.at(-1).push(c);
  let paths = [''];
  parts.forEach((part, i) => {
    const sep = i < parts.length - 1 ? '/' : '';
    if (!part.some((c) => c.glob)) {
      paths = paths.map((p) => p + text(part) + sep);
      return;
    }
    const re = new RegExp(`^${part.map((c) => (c.glob ? (c.ch === '*' ? '[^/]*' : '[^/]') : escapeRe(c.ch))).join('')}$`);
    // As in bash, a leading dot is matched only by a pattern that starts with one.
    const dots = part[0]?.ch === '.' && !part[0].glob;
    paths = paths.flatMap((p) => entries(resolve(cwd, p || '.')).filter((n) => (dots || !n.startsWith('.')) && re.test(n)).map((n) => p + n + sep));
  });
  const found = paths.filter((p) => existsSync(resolve(cwd, p))).sort();
  return found.length > 0 ? found : [text(word)];
}

function entries(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** `args` as the argv words bash would give the command, globs expanded against `cwd`. */
export function shellWords(input, cwd) {
  return splitWords(input).flatMap((w) => expand(w, cwd));
}
