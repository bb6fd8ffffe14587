/**
 * Attribution without trusting the gateway (pure): every drill request carries a nonce in its prompt; the
 * upstreams find it in the request they receive and log the attempt under it, and write a known answer that ends
 * with the nonce, so the client can tell a whole answer from a cut one.
 */

const NONCE = /\bgsd-(\d{1,6})-([0-9a-f]{12})\b/;

/** A nonce for request `request` (its index within a scenario and mode) from 12 random hex digits. */
export function makeNonce(request: number, hex12: string): string {
  if (!/^[0-9a-f]{12}$/.test(hex12)) throw new Error(`nonce needs 12 hex digits, got "${hex12}"`);
  return `gsd-${request}-${hex12}`;
}

/** The nonce in a prompt and the request index it carries, or undefined. */
export function findNonce(text: string): { nonce: string; request: number } | undefined {
  const m = NONCE.exec(text);
  return m ? { nonce: m[0], request: Number(m[1]) } : undefined;
}

export function drillPrompt(nonce: string): string {
  return `Failover drill request ${nonce}. Answer with a short sentence.`;
}

/** The whole answer's tokens: `answerTokens` of them, the last one `end-<nonce>`; each goes out as one chunk. */
export function answerTokens(nonce: string, count: number): string[] {
  const n = Math.max(1, Math.floor(count));
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? `end-${nonce}` : `t${i + 1} `));
}

/** Whether the text a client assembled is the whole answer for this nonce. */
export function isWholeAnswer(text: string, nonce: string, count: number): boolean {
  return text === answerTokens(nonce, count).join('');
}
