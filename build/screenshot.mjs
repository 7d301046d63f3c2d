// Regenerates docs/playground.png (the README's picture): starts the built playground, opens the
// Team & settings sidebar in Debian's Chromium and takes a screenshot. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT || '8099';
const server = spawn(process.execPath, [join(root, 'build/local/playground.js')], { env: { ...process.env, PORT: port }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://localhost:${port}/`);
  await page.click('#menu-extensions > button');
  await page.click('button[data-fn="showTeamSidebar"]');
  await page.frameLocator('#sidebar-frame').locator('input.name').first().waitFor();
  await page.screenshot({ path: join(root, 'docs/playground.png') });
} finally {
  await browser.close();
  server.kill();
}
