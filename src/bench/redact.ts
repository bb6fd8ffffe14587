/**
 * Keys must never reach output, files or errors. Everything a server sends back (error bodies can echo a key)
 * passes through here before it is kept; the command also scrubs what it prints and writes.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first: when one secret contains another, replacing the shorter first would leave the rest of the
  // longer one in the text.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    // Short values could match ordinary words; real keys and tokens are long.
    if (s.length >= 6) out = out.split(s).join('[redacted]');
  }
  return out;
}
