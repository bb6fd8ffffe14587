import type { RecommendationDocument } from '../advisor/document-schema.js';
import type { NextStep } from '../report/recommendation-parts.js';
import { pickId } from '../report/pick.js';

/** A path as a shell reads it: quoted only when it must be. */
const shellWord = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * What to run after `choose`, using the answers file when there is one (given, or just saved), so that
 * none of it asks the questions again.
 */
/** The pick beside the runner-up (nine gateways side by side are a lot to read), or the whole catalog. */
function compareStep(doc: RecommendationDocument): NextStep {
  const ids = [...doc.ranking, ...doc.stacks]
    .filter((x) => x.eligible)
    .sort((x, y) => y.score - x.score)
    .flatMap((x) => x.members)
    .filter((id, i, all) => all.indexOf(id) === i)
    .slice(0, 2);
  if (ids.length < 2) return { command: 'gateway-scout compare', why: 'the catalog side by side, with sources' };
  return { command: `gateway-scout compare --gateways ${ids.join(',')}`, why: 'the two best fits side by side, with sources (--gateways to choose others)' };
}

/** The way to see more is not among them: the report's footer and its "… more" lines say --details already. */
export function nextSteps(doc: RecommendationDocument, file: string | undefined): NextStep[] {
  const answers = file === undefined ? '--answers FILE' : `--answers ${shellWord(file)}`;
  const pick = pickId(doc);
  return [
    ...(file === undefined ? [{ command: 'choose … --save-answers FILE', why: 'keep these answers in a file for the commands below' }] : []),
    { command: `gateway-scout cost ${answers}`, why: 'every cost line and the break-even volumes' },
    ...(pick === undefined ? [] : [{ command: `gateway-scout choose ${answers} --json --expect ${pick}`, why: 'fail a CI job if the pick ever changes' }]),
    compareStep(doc),
  ];
}
