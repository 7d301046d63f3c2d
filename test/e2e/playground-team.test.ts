/**
 * The user's story in a real browser: open the playground, open Team & settings from the add-on menu,
 * add a person whose name is an HTML injection attempt, save; the preview shows the text literally and
 * no dialog fires; the downloaded .xlsx holds the person on the Team tab.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { Playground } from '../../src/local/playground';
import { openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const EVIL = '<img src=x onerror=alert(1)>';

describeWith(chromiumPath(), 'playground: Team & settings (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground({}, { acceptDownloads: true }, dialogs));
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  test('add a person through the sidebar, see them in the preview and in the downloaded xlsx', async () => {
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showTeamSidebar"]');
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('input.name').first().waitFor();
    const before = await sidebar.locator('input.name').count();
    expect(before).toBe(6);

    await sidebar.locator('#add-person').click();
    await sidebar.locator('input.name').nth(before).fill(EVIL);
    await sidebar.locator('input.email').nth(before).fill('evil@example.com');
    await sidebar.locator('#save-team').click();
    await sidebar.locator('#team-result', { hasText: '已保存 7 位成员' }).waitFor();

    // The preview refreshes on its own and shows the Team tab with the name as text.
    const cell = page.locator('#preview td', { hasText: EVIL });
    await cell.first().waitFor();
    expect(await cell.first().textContent()).toBe(EVIL);
    expect(await page.locator('#preview img').count()).toBe(0);
    expect(await page.locator('footer button.tab.active').textContent()).toContain('团队');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const file = join(mkdtempSync(join(tmpdir(), 'sop-e2e-')), 'demo.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const team = workbook.getWorksheet('团队')!;
    const names: unknown[] = [];
    team.eachRow((row) => names.push(row.getCell(1).value));
    expect(names).toContain(EVIL);
    expect(names).toContain('林晓');
    expect(dialogs).toEqual([]);
  });

  test('a duplicate name is refused next to the row, and nothing is written', async () => {
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('#add-person').click();
    const count = await sidebar.locator('input.name').count();
    await sidebar
      .locator('input.name')
      .nth(count - 1)
      .fill('林晓');
    await sidebar.locator('#save-team').click();
    await sidebar.locator('.person .error', { hasText: '林晓' }).waitFor();
    expect(
      playground.ctx.workbook
        .readTab('团队')
        .map((row) => row[0])
        .filter((n) => n === '林晓'),
    ).toHaveLength(1);
    expect(dialogs).toEqual([]);
  });
});
