/**
 * The monthly calendar in a real browser: open the sidebar from the add-on menu, generate December
 * 2026 from the demo's pasted 活动列表, edit the list in the preview and watch the calendar follow
 * (its slots are formulas the playground recomputes), Draft month (agreeing to copy the pasted list;
 * the drafts show in their grey italic draft style, one warned about in the sidebar), add an activity in an empty row of the new list by typing, then Refresh calendars from the menu.
 */
import { readFileSync } from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { serialFromYmd } from '../../src/core/dates';
import { isFormulaCell } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';
import type { Playground } from '../../src/local/playground';
import { parseIcs } from '../support/ical';
import { openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const CALENDAR = '2026-12 活动日历';

describeWith(chromiumPath(), 'playground: monthly calendar (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground(
      { ctx: createDemoContext({ today: serialFromYmd(2026, 11, 23) }) },
      { acceptDownloads: true, viewport: { width: 1500, height: 900 } },
      dialogs,
    ));
    sidebar = page.frameLocator('#sidebar-frame');
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  async function showTab(name: string): Promise<void> {
    await page.locator('footer button.tab', { hasText: name }).first().click();
    await page.locator('footer button.tab.active', { hasText: name }).waitFor();
  }

  /**
   * A cell of the shown tab with exactly this text. The preview refreshes every 0.7 s; every edit
   * recalculates the whole workbook first, which takes seconds in a busy test run, hence the long waits.
   */
  function cellWithText(text: string) {
    return page.locator('#preview td', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  }

  /** Types into a cell of the shown tab through the playground's editor (a text box; Enter commits). */
  async function typeInto(row: number, col: number, text: string): Promise<void> {
    await page.locator(`#preview td[data-r="${row}"][data-c="${col}"]`).dblclick();
    const input = page.locator('#editor input');
    await input.waitFor();
    await input.fill(text);
    await input.press('Enter');
    await page.locator('#editor input').waitFor({ state: 'detached' });
  }

  test('generate December 2026 from the pasted 活动列表 in the sidebar', async () => {
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showCalendarSidebar"]');
    await sidebar.locator('#calendar-list option', { hasText: '活动列表' }).waitFor({ state: 'attached' });
    expect(await sidebar.locator('#calendar-month').inputValue()).toBe('2026-12');
    expect(await sidebar.locator('#calendar-list').inputValue()).toBe('活动列表');
    expect(await sidebar.locator('#calendar-week-start').inputValue()).toBe('mon');

    await sidebar.locator('#calendar-generate').click();
    await sidebar.locator('#calendar-result', { hasText: '已生成 2026-12 活动日历 · 8 项活动 · 0 条提醒' }).waitFor();
    await page.locator('#toasts .toast', { hasText: '已生成 2026-12 活动日历' }).first().waitFor();
    await page.locator('footer button.tab.active', { hasText: CALENDAR }).waitFor();
    await cellWithText('【营销课】高薪就业直播公开课 · 赵老师').waitFor();
    // The slot shows the 营销课 colour of the legend.
    const slot = cellWithText('【营销课】高薪就业直播公开课 · 赵老师');
    const legend = cellWithText('营销课');
    const background = (locator: typeof slot) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(slot)).toBe(await background(legend));
    expect(dialogs).toEqual([]);
  });

  test('renaming an activity in 活动列表 renames it in the calendar, without generating again', async () => {
    await showTab('活动列表');
    // Row 5 of the sheet (data-r 4): 学习需求调研表单, Dec 14–16.
    await typeInto(4, 0, '学员需求调研问卷');
    await showTab(CALENDAR);
    await cellWithText('【调研表单】学员需求调研问卷 · 周舟').waitFor();
    expect(await page.locator('#preview td', { hasText: '学习需求调研表单' }).count()).toBe(0);
  });

  test('Export to calendar downloads the month as an .ics file, from the list as it is now', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), sidebar.locator('#calendar-export-ics').click()]);
    expect(download.suggestedFilename()).toBe('活动日历 2026-12.ics');
    const events = parseIcs(readFileSync(await download.path(), 'utf8')).events;
    expect(events).toHaveLength(8);
    expect(events.map((e) => e.summary)).toContain('【调研表单】学员需求调研问卷');
    expect(events.find((e) => e.summary === '【营销课】高薪就业直播公开课')).toMatchObject({ start: '2026-12-05', end: '2026-12-06' });
    await sidebar.locator('#calendar-result', { hasText: '已导出 8 个日程到 活动日历 2026-12.ics' }).waitFor();
    expect(dialogs).toEqual([]);
  });

  test('Draft month asks before copying the pasted list, then appends drafts the calendar shows in the draft style', async () => {
    await sidebar.locator('#calendar-draft-toggle').click();
    await sidebar.locator('#rhythm-campEveryWeeks').fill('0');
    await sidebar.locator('#rhythm-dailyMoments').uncheck();
    await sidebar.locator('#calendar-draft-run').click();
    // One sentence says what is copied where; one primary button does it, the other leaves it.
    const confirm = sidebar.locator('#calendar-convert');
    await confirm.locator('p', { hasText: '将把「活动列表」的 8 行复制到新标签页「活动清单」，草稿加在那里，「活动列表」本身不变。' }).waitFor();
    expect(await confirm.locator('button').allTextContents()).toEqual(['复制并追加草稿', '取消']);
    expect(await sidebar.locator('#calendar-convert-yes').getAttribute('class')).toBe('action');
    expect(playground.ctx.workbook.listTabs().some((tab) => tab.marker?.kind === 'activities')).toBe(false);

    await sidebar.locator('#calendar-convert-yes').click();
    await sidebar.locator('#calendar-result', { hasText: '已把「活动列表」的 8 行复制到「活动清单」' }).waitFor();
    await page.locator('footer button.tab.active', { hasText: CALENDAR }).waitFor();
    expect(await confirm.isHidden()).toBe(true);

    // The sidebar previews the drafts; the 双12 special is warned about: the list's 双12限时拼团 is on that day.
    const preview = sidebar.locator('#calendar-draft-preview');
    await preview.locator('.draft-line', { hasText: '12-12 草稿·【营销课】双12直播专场 · 赵老师' }).waitFor();
    expect(await preview.locator('.draft-warning').allTextContents()).toEqual([
      '⚠ 草稿「双12直播专场」（2026-12-12）当天已有促销「双12限时拼团」：两场会抢同一批人的注意力，换一天或并入促销。',
    ]);
    await preview.locator('.draft-line', { hasText: '大雪领券用户·顾问1V1跟进 · 陈默' }).waitFor();

    // In the calendar: named for their slot, owned by role, grey italics on light grey — not a type colour.
    const draft = cellWithText('草稿·【促销活动】大雪限时抵扣券 · 林晓');
    await draft.waitFor();
    await cellWithText('草稿·【营销课】双12直播专场 · 赵老师').waitFor();
    const look = (locator: typeof draft) =>
      locator.evaluate((el) => {
        const style = getComputedStyle(el);
        return { fontStyle: style.fontStyle, color: style.color, background: style.backgroundColor };
      });
    expect(await look(draft)).toEqual({ fontStyle: 'italic', color: 'rgb(128, 134, 139)', background: 'rgb(245, 245, 245)' });
    const confirmed = await look(cellWithText('【促销活动】双12限时拼团 · 陈默'));
    expect(confirmed.fontStyle).toBe('normal');
    expect(confirmed.background).not.toBe('rgb(245, 245, 245)');
    // The calendar's warnings block says it too.
    await page.locator('#preview td', { hasText: '• 草稿「双12直播专场」（2026-12-12）当天已有促销「双12限时拼团」' }).first().waitFor();
    expect(await sidebar.locator('#calendar-list').inputValue()).toBe('活动清单');

    // In the list: the same draft style, and the warning as a note on the draft's name.
    await showTab('活动清单');
    const row = playground.ctx.workbook.readTab('活动清单').findIndex((cells) => cells[0] === '双12直播专场');
    const nameCell = page.locator(`#preview td[data-r="${row}"][data-c="0"]`);
    expect(await look(nameCell)).toEqual({ fontStyle: 'italic', color: 'rgb(128, 134, 139)', background: 'rgb(245, 245, 245)' });
    expect(await nameCell.getAttribute('title')).toBe(
      '【SOP助手】草稿「双12直播专场」（2026-12-12）当天已有促销「双12限时拼团」：两场会抢同一批人的注意力，换一天或并入促销。',
    );
    await showTab(CALENDAR);
  });

  test('an activity typed into an empty row of 活动清单 appears in the calendar', async () => {
    await showTab('活动清单');
    const firstEmpty = playground.ctx.workbook.readTab('活动清单').length;
    await typeInto(firstEmpty, 0, '圣诞快闪群');
    // The type column has the type dropdown.
    await page.locator(`#preview td[data-r="${firstEmpty}"][data-c="1"]`).dblclick();
    const select = page.locator('#editor select');
    await select.waitFor();
    await select.selectOption('促销活动');
    await typeInto(firstEmpty, 2, '2026-12-24');
    await showTab(CALENDAR);
    await cellWithText('【促销活动】圣诞快闪群').waitFor();

    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="refreshCalendars"]');
    await page.locator('#toasts .toast', { hasText: '已刷新 1 个活动日历：2026-12 活动日历' }).first().waitFor();
    await cellWithText('【促销活动】圣诞快闪群').waitFor();
    expect(dialogs).toEqual([]);
  });

  test('a date the list cannot read is shown under the list picker with its row and column; the calendar stays', async () => {
    await showTab('活动清单');
    const row = playground.ctx.workbook.readTab('活动清单').findIndex((cells) => cells[0] === '圣诞快闪群');
    await typeInto(row, 2, '下周二');
    // What generation wrote (formulas and plain cells), not the values the playground recomputes.
    const written = () =>
      JSON.stringify(playground.ctx.workbook.tab(CALENDAR).spec.rows.map((cells) => cells.map((cell) => (isFormulaCell(cell) ? cell.formula : cell))));
    const before = written();
    await sidebar.locator('#calendar-generate').click();
    await sidebar.locator('#calendar-list-errors', { hasText: `第 ${row + 1} 行 C 列（开始日期）` }).waitFor();
    expect(await sidebar.locator('#calendar-list-errors').textContent()).toContain('无法识别的日期“下周二”');
    expect(written()).toBe(before);
    expect(dialogs).toEqual([]);
  });
});
