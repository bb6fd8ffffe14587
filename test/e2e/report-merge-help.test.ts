import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('report merge --help', () => {
  it('says --out is required, in the usage line and on the option', async () => {
    const r = await runCli(['report', 'merge', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: gateway-scout report merge --out <file> [options] <runs...>');
    expect(r.stdout).toMatch(/--out <file>\s+required: write the merged summary here/);
  });

  it('without --out: exit 2 and the message names it', async () => {
    const r = await runCli(['report', 'merge', 'a.json', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Required option '--out <file>' not specified");
  });
});
