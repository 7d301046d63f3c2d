/** Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this sandbox needs (playwright gives each launch a fresh profile). */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { chromiumPath } from './env';

/** `extraArgs` come after the sandbox's flags (e.g. a host-resolver rule for a test of its own). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (apt-get install -y chromium)');
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * How long a page action or wait may take: generous, because a test waits for what the page shows
 * rather than for a time, and a machine with both cores busy is several times slower than a quiet one.
 */
export const PAGE_WAIT_MS = 60_000;

/** A new page whose actions and waits default to PAGE_WAIT_MS (Playwright's own default is 30 s). */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(PAGE_WAIT_MS);
  return page;
}
