/**
 * The user's story, seen from the other side: while the playground is open, a page on another site,
 * in the same browser, tries to replace the team and to read the workbook. It can do neither — not
 * by posting to the playground, not by DNS rebinding (a name of its own that resolves to 127.0.0.1)
 * — and the playground's own page, in the same browser, keeps working; one left open from an earlier
 * start is told to reload.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startPlayground, type Playground } from '../../src/local/playground';
import { chromiumPath, describeWith } from '../support/env';
import { launchChromium, newPage } from '../support/browser';
import { BUILT_SIDEBARS } from '../support/playground-browser';

const TEAM_TAB = '团队';
const FUNNEL_TAB = '群数据';

/**
 * What a page on another site tries: simple cross-site POSTs (no preflight), a JSON one (preflighted),
 * reading the state, and a form whose text/plain body is valid JSON.
 */
function attackerPage(playgroundUrl: string): string {
  return `<!DOCTYPE html><meta charset="utf-8"><body>
<form id="form" method="POST" action="${playgroundUrl}api/saveTeam" enctype="text/plain"><input name='[[{"name":"攻击者","x":"' value='"}]]'></form>
<script>
  var team = JSON.stringify([[{ name: '攻击者', role: '其他' }]]);
  var edit = JSON.stringify({ tab: '${FUNNEL_TAB}', row: 1, col: 0, value: '攻击者' });
  var swallow = function () {};
  Promise.all([
    fetch('${playgroundUrl}api/saveTeam', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: team }).catch(swallow),
    fetch('${playgroundUrl}edit', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: edit }).catch(swallow),
    fetch('${playgroundUrl}api/saveTeam', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-SOP-Token': 'guess' }, body: team }).catch(swallow),
    fetch('${playgroundUrl}state').then(function (r) { return r.text(); }).then(function (t) { window.stolen = t; }, swallow),
  ]).then(function () { window.fetched = true; });
</script></body>`;
}

describeWith(chromiumPath(), 'playground: another site can neither change nor read it (Chromium)', () => {
  let playground: Playground;
  let attacker: Server;
  let attackerUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    playground = await startPlayground({ port: 0, sidebarDir: BUILT_SIDEBARS });
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(attackerPage(playground.url));
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    // A name of the attacker's own that resolves to the playground.
    browser = await launchChromium(['--host-resolver-rules=MAP attacker.example 127.0.0.1']);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => attacker?.close(done));
    await playground?.close();
  });

  test('a page on another site posts to the playground: the team and the tabs stay as they were, and it reads nothing', async () => {
    const team = playground.ctx.workbook.readTab(TEAM_TAB);
    const funnel = playground.ctx.workbook.readTab(FUNNEL_TAB);
    const page = await newPage(browser);
    await page.goto(attackerUrl);
    await page.waitForFunction(() => (window as unknown as { fetched?: boolean }).fetched === true);
    expect(await page.evaluate(() => (window as unknown as { stolen?: string }).stolen)).toBeUndefined();
    const [answer] = await Promise.all([page.waitForNavigation(), page.evaluate(() => (document.getElementById('form') as HTMLFormElement).submit())]);
    expect(answer?.status()).toBe(403);
    expect(await answer!.text()).toContain('来自其他网站的修改请求已被拒绝');
    expect(playground.ctx.workbook.readTab(TEAM_TAB)).toEqual(team);
    expect(playground.ctx.workbook.readTab(FUNNEL_TAB)).toEqual(funnel);
    await page.close();
  });

  test('a name of another site that resolves to the playground (DNS rebinding) gets a refusal, not the workbook', async () => {
    const port = new URL(playground.url).port;
    const page = await newPage(browser);
    for (const path of ['state', '', `tab?name=${encodeURIComponent(FUNNEL_TAB)}`]) {
      const response = await page.goto(`http://attacker.example:${port}/${path}`);
      expect(response?.status()).toBe(403);
      const text = await response!.text();
      expect(text).not.toContain(FUNNEL_TAB);
      expect(text).not.toContain(playground.token);
    }
    await page.close();
  });

  test('meanwhile the playground’s own page, in the same browser, edits a cell and saves the team from its sidebar', async () => {
    const page = await newPage(browser);
    await page.goto(playground.url);
    await page.click(`footer button.tab[data-tab="${FUNNEL_TAB}"]`);
    await page.locator(`#preview[data-tab="${FUNNEL_TAB}"] tr[data-r="7"] td[data-c="0"]`).dblclick();
    await page.locator('#editor input').fill('自己的页面');
    await page.locator('#editor input').press('Enter');
    await page.locator(`#preview tr[data-r="7"] td[data-c="0"]`, { hasText: '自己的页面' }).waitFor();
    expect(playground.ctx.workbook.readTab(FUNNEL_TAB)[7][0]).toBe('自己的页面');

    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showTeamSidebar"]');
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('input.name').first().waitFor();
    await sidebar.locator('#add-person').click();
    await sidebar.locator('input.name').last().fill('小周');
    await sidebar.locator('#save-team').click();
    await sidebar.locator('#team-result', { hasText: '已保存 7 位成员' }).waitFor();
    expect(playground.ctx.workbook.readTab(TEAM_TAB).map((row) => row[0])).toContain('小周');
    await page.close();
  });

  test('a page left open from an earlier start is told to reload, and changes nothing', async () => {
    const page = await newPage(browser);
    await page.goto(playground.url);
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showTeamSidebar"]');
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('input.name').first().waitFor();
    // What a restart does to an open page: its token is no longer the server's.
    await page.evaluate(() => {
      const frame = document.getElementById('sidebar-frame') as HTMLIFrameElement;
      (frame.contentWindow as unknown as { __SOP_PLAYGROUND_TOKEN__: string }).__SOP_PLAYGROUND_TOKEN__ = 'from-an-earlier-start';
    });
    const team = playground.ctx.workbook.readTab(TEAM_TAB);
    await sidebar.locator('#add-person').click();
    await sidebar.locator('input.name').last().fill('小吴');
    await sidebar.locator('#save-team').click();
    await sidebar.locator('#team-result.error', { hasText: '这个页面已过期（本地试用重新启动过），请刷新页面后再试。' }).waitFor();
    expect(playground.ctx.workbook.readTab(TEAM_TAB)).toEqual(team);
    await page.close();
  });
});
