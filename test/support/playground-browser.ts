/** The playground in a real browser page, as every playground e2e suite starts: dialogs are recorded and dismissed. */
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startPlayground, Playground } from '../../src/local/playground';
import { launchChromium } from './browser';

export const BUILT_SIDEBAR = join(__dirname, '../../build/gas/sidebar.html');

export async function openPlayground(
  options: Omit<Parameters<typeof startPlayground>[0], 'port' | 'sidebarPath'> = {},
  pageOptions: BrowserContextOptions = {},
  dialogs: string[] = [],
): Promise<{ playground: Playground; browser: Browser; page: Page }> {
  const playground = await startPlayground({ ...options, port: 0, sidebarPath: BUILT_SIDEBAR });
  const browser = await launchChromium();
  const page = await browser.newPage(pageOptions);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(playground.url);
  return { playground, browser, page };
}
