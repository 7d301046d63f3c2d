/** Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this sandbox needs (playwright gives each launch a fresh profile). */
import type { Browser } from 'playwright-core';
import { chromiumPath } from './env';

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (apt-get install -y chromium)');
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
}
