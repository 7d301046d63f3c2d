// Regenerates the README's pictures in docs/: starts the built playground, drives it as a user would
// (the add-on menu, the sidebars' server functions) in Debian's Chromium, and takes screenshots.
// Run `npm run build` first. CHROMIUM_PATH overrides /usr/bin/chromium.
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The built playground in this process: its start gives the token every POST must carry.
const { startPlayground } = createRequire(import.meta.url)(join(root, 'build/local/playground.js'));
const playground = await startPlayground({ port: Number(process.env.PORT || 0), sidebarDir: join(root, 'build/gas') });
const base = playground.url;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 760 } });
  await page.goto(base);
  // A server function called as the page calls it: from the page, with the token this start gave it. A
  // refusal stops the script (a picture of a tab that was never generated would be worse than none).
  const api = async (name, ...args) => {
    const answer = await page.evaluate(
      ([fn, body, token]) =>
        fetch(`/api/${fn}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-SOP-Token': token },
          body: JSON.stringify(body),
        }).then(async (response) => ({ status: response.status, text: await response.text() })),
      [name, args, playground.token],
    );
    if (answer.status !== 200) throw new Error(`${name}: ${answer.status} ${answer.text}`);
    return JSON.parse(answer.text);
  };
  const openSidebar = async (fn) => {
    await page.click('#menu-extensions > button');
    await page.click(`button[data-fn="${fn}"]`);
    await page.waitForTimeout(1200);
  };
  const shot = async (file) => {
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(root, 'docs', file) });
  };

  // The camp opens in a week, as the sidebar proposes: today's rows are marked, none is overdue yet.
  const IN_A_WEEK = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await openSidebar('showTeamSidebar');
  await shot('playground.png');

  await api('generateSop', { template: 'big-class-28d', anchor: IN_A_WEEK, groups: 'Java引流5群', cohort: '第12期', markCalendar: true });
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
  await playground.close();
}
