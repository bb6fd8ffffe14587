/**
 * Fisher's exact test, two-sided (pure): are failures k1 of n1 and k2 of n2 more different than chance would make
 * them? With the margins fixed, the failures in the first group follow a hypergeometric law; the p-value is the
 * probability of every table no more likely than the one observed. Exact at any count, where a normal
 * approximation would mislead with the few failures a benchmark sees.
 */
export function fisherExact(k1: number, n1: number, k2: number, n2: number): number {
  const n = n1 + n2;
  const k = k1 + k2;
  // No failures at all (or only failures), or nothing: one table is possible, and p = 1 falls out of the sum.
  const lf = logFactorials(n);
  const logP = (x: number) => lf[k]! - lf[x]! - lf[k - x]! + lf[n - k]! - lf[n1 - x]! - lf[n - k - n1 + x]! - (lf[n]! - lf[n1]! - lf[n2]!);
  const observed = logP(k1);
  let p = 0;
  for (let x = Math.max(0, n1 + k - n); x <= Math.min(k, n1); x++) {
    const l = logP(x);
    // A relative tolerance, so that tables as likely as the observed one are not lost to rounding.
    if (l <= observed + 1e-7) p += Math.exp(l);
  }
  return Math.min(1, p);
}

function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) lf[i] = lf[i - 1]! + Math.log(i);
  return lf;
}
