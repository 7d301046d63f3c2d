/**
 * The story in a real browser: open the SOP sidebar from the add-on menu, generate
 * big-class-28d, set three statuses in the preview through the cell dropdown, move the anchor two
 * days in the sidebar, regenerate; the three statuses are still on the same row IDs and every date
 * moved by two days. The preview computes the 星期 formulas (no #NAME?), and the downloaded .xlsx
 * has the dropdowns.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { addDays, fromIso, toIso, type DaySerial } from '../../src/core/dates';
import { readTemplateTab } from '../../src/core/sop/template-tab';
import { builtInTemplate } from '../../src/core/sop/templates';
import type { Playground } from '../../src/local/playground';
import { PAGE_WAIT_MS } from '../support/browser';
import { parseIcs } from '../support/ical';
import { openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const TAB = 'SOP·Java引流5群·第12期';
const ID_COL = 0;
const DATE_COL = 1;
const WEEKDAY_COL = 2;
const STATUS_COL = 11;

describeWith(chromiumPath(), 'playground: SOP schedule (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const dialogs: string[] = [];

  /** Opens the SOP sidebar from the add-on menu (a new page load, as reopening it in Sheets is). */
  async function openSidebar(): Promise<void> {
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showSopSidebar"]');
    sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('#sop-template option[value="big-class-28d"]').waitFor({ state: 'attached' });
  }

  /** Waits until the template picker shows this template (the sidebar picks it once its state has loaded). */
  async function waitForTemplate(ref: string): Promise<void> {
    const until = Date.now() + PAGE_WAIT_MS;
    let value = '';
    while (Date.now() < until) {
      value = await sidebar.locator('#sop-template').inputValue();
      if (value === ref) return;
      await page.waitForTimeout(100);
    }
    throw new Error(`the template picker shows ${value}, not ${ref}`);
  }

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground({}, { acceptDownloads: true, viewport: { width: 1400, height: 900 } }, dialogs));
    await openSidebar();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  /** The text of a cell in the preview of the active tab. */
  const cell = (r: number, c: number) => page.locator(`#preview td[data-r="${r}"][data-c="${c}"]`);

  /** Row IDs with their displayed dates and statuses, read from the preview. */
  async function tableRows(): Promise<Array<{ r: number; id: string; date: string; status: string }>> {
    return page.$$eval(
      `#preview tr[data-r]`,
      (trs, cols) =>
        trs.flatMap((tr) => {
          const r = Number(tr.getAttribute('data-r'));
          const text = (c: number) => tr.querySelector(`td[data-c="${c}"]`)?.textContent ?? '';
          return r > 0 && /^[A-Z0-9]+-[0-9A-Z]{5}$/.test(text(cols.id)) ? [{ r, id: text(cols.id), date: text(cols.date), status: text(cols.status) }] : [];
        }),
      { id: ID_COL, date: DATE_COL, status: STATUS_COL },
    );
  }

  /**
   * Double-clicks a cell and waits for its dropdown editor. The page closes the previous editor 150 ms after
   * it loses focus; a click landing inside that window sees its new editor closed, so it clicks again.
   */
  async function openEditor(r: number, c: number) {
    const editor = page.locator('#editor select');
    // Each click gets a short wait (a closed editor never opens again); the whole retry gets PAGE_WAIT_MS.
    const until = Date.now() + PAGE_WAIT_MS;
    while (Date.now() < until) {
      await cell(r, c).dblclick();
      const opened = await editor.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      );
      await page.waitForTimeout(200);
      if (opened && (await editor.isVisible())) return editor;
    }
    throw new Error(`no dropdown editor for cell ${r},${c}`);
  }

  test('on opening, no field shows a mistake, the preview line says what it will show, and placeholders read as examples', async () => {
    await sidebar.locator('#sop-preview', { hasText: '填好群名等内容后' }).waitFor();
    const errorTexts = await sidebar.locator('.error').allTextContents();
    expect(errorTexts.filter((text) => text.trim() !== '')).toEqual([]);
    expect(await sidebar.locator('#sop-groups').getAttribute('placeholder')).toBe('例如：Java引流5群');
    expect(await sidebar.locator('#sop-cohort').getAttribute('placeholder')).toBe('例如：第12期（可不填）');
    // Leaving the empty group field is when its mistake shows.
    await sidebar.locator('#sop-groups').focus();
    await sidebar.locator('#sop-cohort').focus();
    await sidebar.locator('#sop-groups-error', { hasText: '请至少填写一个群名' }).waitFor();
    expect(await sidebar.locator('#sop-cohort-error').textContent()).toBe('');
  });

  test('the template line says its span in words', async () => {
    await sidebar.locator('#sop-template').selectOption('big-class-28d');
    await sidebar.locator('#sop-template-info', { hasText: '60 个动作 · 开营前7天 → 开营后第20天' }).waitFor();
    await sidebar.locator('#sop-template').selectOption('conversion-7d');
    await sidebar.locator('#sop-template-info', { hasText: '建群当天 → 建群后第6天' }).waitFor();
  });

  test('generate, set three statuses in the preview, move the anchor two days, regenerate: statuses stay, dates move', async () => {
    await sidebar.locator('#sop-template').selectOption('big-class-28d');
    await sidebar.locator('#sop-anchor').fill('2026-12-14');
    await sidebar.locator('#sop-groups').fill('Java引流5群');
    await sidebar.locator('#sop-cohort').fill('第12期');
    expect(await sidebar.locator('label.field span', { hasText: '开营日' }).count()).toBe(1);
    await sidebar.locator('#sop-preview', { hasText: '60 行 · 2026-12-07 → 2027-01-03 · 4 位执行人' }).waitFor();

    await sidebar.locator('#generate-sop').click();
    await sidebar.locator('#sop-result', { hasText: `「${TAB}」已生成 60 行` }).waitFor();
    await page.locator('footer button.tab.active', { hasText: TAB }).waitFor();
    await cell(1, ID_COL).waitFor();

    const before = await tableRows();
    expect(before).toHaveLength(60);
    // The weekday column is computed by the formula engine, for every row.
    expect(await page.locator('#preview').textContent()).not.toContain('#NAME?');
    expect(await cell(before[0].r, WEEKDAY_COL).textContent()).toBe('周一');

    const picked = [before[2], before[10], before[25]];
    for (const row of picked) {
      const editor = await openEditor(row.r, STATUS_COL);
      expect(await editor.locator('option').allTextContents()).toEqual(['', '未开始', '进行中', '已完成', '延期', '取消', '已移除']);
      await editor.selectOption('已完成');
      await cell(row.r, STATUS_COL).filter({ hasText: '已完成' }).waitFor();
    }

    await sidebar.locator('#sop-anchor').fill('2026-12-16');
    await sidebar.locator('#sop-preview', { hasText: '2026-12-09 → 2027-01-05' }).waitFor();
    await sidebar.locator('#sop-updates', { hasText: TAB }).waitFor();
    await sidebar.locator('#generate-sop').click();
    await sidebar.locator('#sop-result', { hasText: '+0 行 · 60 行改期 · 0 项丢失' }).waitFor();
    // The first row (day −7) moves from 2026-12-07 to 2026-12-09 once the preview has refreshed.
    expect(before[0].date).toBe('2026-12-07');
    await cell(before[0].r, DATE_COL).filter({ hasText: '2026-12-09' }).waitFor();

    const after = await tableRows();
    expect(after).toHaveLength(60);
    const plusTwo = (iso: string) => toIso(addDays(fromIso(iso) as DaySerial, 2));
    for (const row of picked) {
      const now = after.find((r) => r.id === row.id)!;
      expect(now.status).toBe('已完成');
      expect(now.date).toBe(plusTwo(row.date));
    }
    for (const row of before) expect(after.find((r) => r.id === row.id)!.date).toBe(plusTwo(row.date));
    expect(
      after
        .filter((r) => r.status === '已完成')
        .map((r) => r.id)
        .sort(),
    ).toEqual(picked.map((r) => r.id).sort());
    expect(await page.locator('#preview').textContent()).not.toContain('#NAME?');
    expect(dialogs).toEqual([]);
  });

  test('the downloaded .xlsx has the dropdowns on 执行人 and 状态, and the typed statuses', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const file = join(mkdtempSync(join(tmpdir(), 'sop-e2e-')), 'sop.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet(TAB)!;
    expect(sheet.getCell('A1').value).toBe('ID');
    expect(sheet.getCell('K1').value).toBe('执行人');
    expect(sheet.getCell('L1').value).toBe('状态');
    expect(sheet.getCell('K2').dataValidation).toMatchObject({ type: 'list' });
    expect(String(sheet.getCell('K2').dataValidation.formulae?.[0])).toContain('团队');
    expect(sheet.getCell('L2').dataValidation).toMatchObject({ type: 'list', formulae: ['"未开始,进行中,已完成,延期,取消,已移除"'] });
    const statuses: unknown[] = [];
    sheet.getColumn(12).eachCell((c) => statuses.push(c.value));
    expect(statuses.filter((s) => s === '已完成')).toHaveLength(3);
  });

  test('Export to calendar downloads the tab as an .ics file: the three done rows say so and remind nobody', async () => {
    const exportLink = sidebar.locator(`button.sop-tab-ics[data-tab="${TAB}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toBe(`${TAB}.ics`);
    const events = parseIcs(readFileSync(await download.path(), 'utf8')).events;
    const rows = await tableRows();
    expect(events).toHaveLength(rows.length);
    const done = events.filter((e) => e.description.startsWith('状态：已完成'));
    expect(done).toHaveLength(3);
    expect(done.every((e) => e.alarms.length === 0)).toBe(true);
    await sidebar.locator('#sop-result', { hasText: `已导出 ${rows.length} 个日程到 ${TAB}.ics` }).waitFor();
    expect(dialogs).toEqual([]);
  });

  test('a mistake shows next to its field, and generating then writes nothing', async () => {
    const tabsBefore = playground.ctx.workbook.listTabs().length;
    await sidebar.locator('#sop-groups').fill('');
    await sidebar.locator('#sop-groups-error', { hasText: '请至少填写一个群名' }).waitFor();
    await sidebar.locator('#generate-sop').click();
    await sidebar.locator('#sop-groups-error', { hasText: '请至少填写一个群名' }).waitFor();
    expect(playground.ctx.workbook.listTabs()).toHaveLength(tabsBefore);
    expect(await sidebar.locator('#sop-preview').textContent()).toBe('');
  });

  test('reopened on the SOP tab it generated, the sidebar shows that tab’s template', async () => {
    await page.locator('footer button.tab', { hasText: TAB }).click();
    await page.locator('footer button.tab.active', { hasText: TAB }).waitFor();
    await openSidebar();
    await waitForTemplate('big-class-28d');
    expect(await sidebar.locator('#sop-groups').inputValue()).toBe('Java引流5群');
  });

  test('Save as template saves the template chosen, and the reopened sidebar keeps it', async () => {
    await sidebar.locator('#sop-template').selectOption('live-class');
    await sidebar.locator('#save-sop-template').click();
    await sidebar.locator('#sop-result', { hasText: '已保存模板「SOP模板·直播公开课」' }).waitFor();
    await waitForTemplate('tab:SOP模板·直播公开课');
    const saved = readTemplateTab(playground.ctx.workbook.readTab('SOP模板·直播公开课'), 'SOP模板·直播公开课');
    const chosen = builtInTemplate('live-class', 'zh-CN');
    expect(saved.rows.map((row) => [row.dayOffset, row.item])).toEqual(chosen.rows.map((row) => [row.dayOffset, row.item]));
    await page.locator('footer button.tab.active', { hasText: 'SOP模板·直播公开课' }).waitFor();

    await openSidebar();
    await waitForTemplate('tab:SOP模板·直播公开课');
    await sidebar.locator('#sop-template-info', { hasText: '直播前3天 → 直播后第1天' }).waitFor();
    expect(dialogs).toEqual([]);
  });
});
