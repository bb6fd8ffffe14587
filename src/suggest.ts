/** Levenshtein distance, case-insensitive: how many single-character edits turn `a` into `b`. Pure. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (x[i - 1] === y[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[y.length] ?? 0;
}

/**
 * The known words nearest to `word`, best first: those within a few edits, or that contain it or are contained
 * in it ("sonnet" → "anthropic/claude-sonnet-4-5"), at most `limit`. Ties keep the order of `known`.
 */
export function nearest(word: string, known: readonly string[], limit = 3): string[] {
  const w = word.toLowerCase();
  const close = Math.max(1, Math.floor(word.length / 3));
  return known
    .map((k, i) => {
      const d = editDistance(word, k);
      const contains = w.length >= 3 && (k.toLowerCase().includes(w) || w.includes(k.toLowerCase()));
      return { k, i, d, ok: d <= close || contains };
    })
    .filter((c) => c.ok)
    .sort((p, q) => p.d - q.d || p.i - q.i)
    .slice(0, limit)
    .map((c) => c.k);
}
