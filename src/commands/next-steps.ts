import type { RecommendationDocument } from '../advisor/document-schema.js';
import type { NextStep } from '../report/recommendation-parts.js';
import { pickId } from '../report/pick.js';

/** A path as a shell reads it: quoted only when it must be. */
const shellWord = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * What to run after `choose`, using the answers file when there is one (given, or just saved), so that
 * none of it asks the questions again.
 */
export function nextSteps(doc: RecommendationDocument, file: string | undefined, details: boolean): NextStep[] {
  const answers = file === undefined ? '--answers FILE' : `--answers ${shellWord(file)}`;
  const pick = pickId(doc);
  return [
    ...(file === undefined ? [{ command: 'choose … --save-answers FILE', why: 'keep these answers in a file for the commands below' }] : []),
    { command: `gateway-scout cost ${answers}`, why: 'every cost line and the break-even volumes' },
    ...(details ? [] : [{ command: `gateway-scout choose ${answers} --details`, why: 'every reason with its note, every watch-out' }]),
    ...(pick === undefined ? [] : [{ command: `gateway-scout choose ${answers} --json --expect ${pick}`, why: 'fail a CI job if the pick ever changes' }]),
    { command: 'gateway-scout compare', why: 'the catalog side by side, with sources' },
  ];
}
