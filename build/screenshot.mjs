// Regenerates the README's pictures in docs/: starts the built playground, drives it as a user would
// (the add-on menu, the sidebars' server functions) in Debian's Chromium, and takes screenshots.
// Run `npm run build` first. CHROMIUM_PATH overrides /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT || '8099';
const base = `http://localhost:${port}/`;
const server = spawn(process.execPath, [join(root, 'build/local/playground.js')], { env: { ...process.env, PORT: port }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1000));
const api = (name, ...args) =>
  fetch(`${base}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) }).then((r) => r.json());
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 760 } });
  await page.goto(base);
  const openSidebar = async (fn) => {
    await page.click('#menu-extensions > button');
    await page.click(`button[data-fn="${fn}"]`);
    await page.waitForTimeout(1200);
  };
  const shot = async (file) => {
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(root, 'docs', file) });
  };

  await openSidebar('showTeamSidebar');
  await shot('playground.png');

  await api('generateSop', { template: 'big-class-28d', anchor: '2026-12-07', groups: 'Java引流5群', cohort: '第12期', markCalendar: true });
  await openSidebar('showSopSidebar');
  await shot('sop.png');

  await api('generateGantt', { planTab: '推进表' });
  await openSidebar('showGanttSidebar');
  await page.waitForTimeout(800);
  // The bars are right of the task columns: scroll there, as a user would.
  await page.evaluate(() => {
    document.getElementById('preview').scrollLeft = 420;
  });
  await shot('gantt.png');

  await api('generateCalendar', { month: '2026-12', list: '活动列表' });
  await openSidebar('showCalendarSidebar');
  await shot('calendar.png');

  await api('computeMetrics', { kind: 'tab', tab: '群数据' });
  await openSidebar('showMetricsSidebar');
  await shot('metrics.png');
} finally {
  await browser.close();
  server.kill();
}
