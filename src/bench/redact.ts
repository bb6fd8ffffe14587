/**
 * Keys must never reach output, files or errors. Everything a server sends back (error bodies can echo a key)
 * passes through here before it is kept; the command also scrubs what it prints and writes.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    // Short values could match ordinary words; real keys and tokens are long.
    if (s.length >= 6 && out.includes(s)) out = out.split(s).join('[redacted]');
  }
  return out;
}
