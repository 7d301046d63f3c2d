/** The playground in a real browser page, as every playground e2e suite starts: dialogs are recorded and dismissed. */
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startPlayground, Playground } from '../../src/local/playground';
import { launchChromium, newPage, PAGE_WAIT_MS } from './browser';

/** The built sidebars, one file per page, as the playground serves them. */
export const BUILT_SIDEBARS = join(__dirname, '../../build/gas');

export async function openPlayground(
  options: Omit<Parameters<typeof startPlayground>[0], 'port' | 'sidebarDir'> = {},
  pageOptions: BrowserContextOptions = {},
  dialogs: string[] = [],
): Promise<{ playground: Playground; browser: Browser; page: Page }> {
  const playground = await startPlayground({ ...options, port: 0, sidebarDir: BUILT_SIDEBARS });
  const browser = await launchChromium();
  const page = await newPage(browser, pageOptions);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(playground.url);
  return { playground, browser, page };
}

/**
 * Waits until `read` gives `expected` (the page writes through the server, then redraws; a preview
 * refreshes on its own), then checks it: the expectation's message shows the last value read.
 */
export async function eventually<T>(page: Page, read: () => T | Promise<T>, expected: T, timeoutMs = PAGE_WAIT_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  let actual = await read();
  while (JSON.stringify(actual) !== JSON.stringify(expected) && Date.now() < until) {
    await page.waitForTimeout(100);
    actual = await read();
  }
  expect(actual).toEqual(expected);
}
