import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's chromium; `.ci/run` installs it when missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = (): boolean => existsSync(CHROMIUM);

/** A headless Chromium that talks to nothing: no sandbox (we run as root), no background traffic. */
export async function launchChromium(colorScheme: 'light' | 'dark' = 'light', viewport = { width: 1280, height: 900 }) {
  const { chromium } = await import('playwright-core');
  // A fresh profile each time (playwright passes it as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), 'gs-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    colorScheme,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
