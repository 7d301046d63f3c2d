/**
 * Editing the playground's cells as in Google Sheets, in a real browser: a click selects (outline,
 * name box, formula bar), typing replaces the content, F2 / Enter / a double-click edit it in place,
 * Enter moves down, Tab right, Escape cancels, the arrows move; a date typed into a date column stays a
 * date on screen and in the .xlsx; long text spills over empty cells to its right; a click on a menu
 * item goes no further than the menu.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { serialFromYmd } from '../../src/core/dates';
import { isFormulaCell } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';
import type { Playground } from '../../src/local/playground';
import { writeXlsx } from '../../src/local/xlsx';
import { openPlayground, eventually as waitUntil } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const PLAN = '推进表';
/** The first empty row of the demo plan (a header and nine tasks), and its date columns. */
const NEW_ROW = 10;
const START_COL = 5;
const END_COL = 6;

describeWith(chromiumPath(), 'playground: editing like Sheets (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    const ctx = createDemoContext({ today: serialFromYmd(2026, 12, 4) });
    ({ playground, browser, page } = await openPlayground({ ctx }, { viewport: { width: 1400, height: 900 } }, dialogs));
    await page.locator('footer button.tab', { hasText: PLAN }).first().click();
    await page.locator('footer button.tab.active', { hasText: PLAN }).waitFor();
    await page.locator(`#preview[data-tab="${PLAN}"] td[data-r="1"]`).first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  const cell = (row: number, col: number) => page.locator(`#preview td[data-r="${row}"][data-c="${col}"]`);
  const stored = (row: number, col: number) => playground.ctx.workbook.tab(PLAN).spec.rows[row]?.[col] ?? null;

  const eventually = <T>(read: () => T | Promise<T>, expected: T): Promise<void> => waitUntil(page, read, expected);

  const selected = () =>
    page.evaluate(() => Array.from(document.querySelectorAll('#preview td.sp-sel')).map((td) => `${td.getAttribute('data-r')},${td.getAttribute('data-c')}`));

  test('a click selects the cell: outlined, named in the name box, its content in the formula bar, and no editor', async () => {
    await cell(1, 1).click();
    expect(await selected()).toEqual(['1,1']);
    expect(await page.locator('#name-box').textContent()).toBe('B2');
    expect(await page.locator('#formula-input').inputValue()).toBe('确定活动主题与目标');
    expect(await page.locator('#editor input').count()).toBe(0);
    expect(await cell(1, 1).evaluate((td) => getComputedStyle(td).boxShadow)).toContain('rgb(26, 115, 232)');
  });

  test('the arrow keys and Tab move the selection', async () => {
    await cell(1, 1).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toEqual(['2,2']);
    await page.keyboard.press('Tab');
    expect(await selected()).toEqual(['2,3']);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toEqual(['1,2']);
    expect(await page.locator('#name-box').textContent()).toBe('C2');
  });

  test('typing replaces the content, Enter writes it and moves down', async () => {
    await cell(1, 2).click();
    await page.keyboard.type('新要求');
    expect(await page.locator('#editor input').inputValue()).toBe('新要求');
    await page.keyboard.press('Enter');
    await eventually(() => stored(1, 2), '新要求');
    expect(await selected()).toEqual(['2,2']);
    await eventually(() => cell(1, 2).textContent(), '新要求');
  });

  test('F2, Enter and a double-click edit in place with the old content; Escape cancels', async () => {
    await cell(2, 1).click();
    await page.keyboard.press('F2');
    expect(await page.locator('#editor input').inputValue()).toBe('用户调研问卷');
    await page.keyboard.type('（线上）');
    await page.keyboard.press('Escape');
    await page.locator('#editor input').waitFor({ state: 'detached' });
    expect(stored(2, 1)).toBe('用户调研问卷');
    expect(await selected()).toEqual(['2,1']);

    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type('（线上）');
    await page.keyboard.press('Tab');
    await eventually(() => stored(2, 1), '用户调研问卷（线上）');
    expect(await selected()).toEqual(['2,2']);

    await cell(3, 2).dblclick();
    const before = String(stored(3, 2));
    expect(await page.locator('#editor input').inputValue()).toBe(before);
    await page.keyboard.press('Escape');
    expect(stored(3, 2)).toBe(before);
  });

  test('the formula bar edits the selected cell; a click on another cell keeps what was typed in place', async () => {
    await cell(5, 2).click();
    await page.locator('#formula-input').fill('从公式栏写入');
    await page.locator('#formula-input').press('Enter');
    await eventually(() => stored(5, 2), '从公式栏写入');
    expect(await selected()).toEqual(['6,2']);

    await page.keyboard.type('点别处也保存');
    await cell(7, 3).click();
    await eventually(() => stored(6, 2), '点别处也保存');
    expect(await selected()).toEqual(['7,3']);
    expect(await page.locator('#editor input').count()).toBe(0);
  });

  test('a redraw while someone types (another change to the workbook) keeps the editor, its focus and its text', async () => {
    await cell(8, 2).click();
    await page.keyboard.type('先写');
    playground.ctx.workbook.setCell(PLAN, 9, 7, '别人改的');
    await eventually(() => cell(9, 7).textContent(), '别人改的');
    await page.keyboard.type('后写');
    await page.keyboard.press('Enter');
    await eventually(() => stored(8, 2), '先写后写');
  });

  test('typing over a formula cell replaces the formula', async () => {
    playground.ctx.workbook.setCell(PLAN, 4, 8, { formula: '=0.5*1', value: null });
    await eventually(() => cell(4, 8).getAttribute('data-raw'), '=0.5*1');
    await cell(4, 8).click();
    expect(await page.locator('#formula-input').inputValue()).toBe('=0.5*1');
    await page.keyboard.type('75%');
    await page.keyboard.press('Enter');
    await eventually(() => stored(4, 8), 0.75);
    expect(isFormulaCell(stored(4, 8))).toBe(false);
    await eventually(() => cell(4, 8).textContent(), '75.0%');
  });

  test('dates typed into the date columns stay dates, in the preview and in the .xlsx', async () => {
    await cell(NEW_ROW, START_COL).click();
    await page.keyboard.type('2026-12-31');
    await page.keyboard.press('Tab');
    await eventually(() => stored(NEW_ROW, START_COL), serialFromYmd(2026, 12, 31));
    await page.keyboard.type('2026/12/30');
    await page.keyboard.press('Enter');
    await eventually(() => stored(NEW_ROW, END_COL), serialFromYmd(2026, 12, 30));
    await cell(NEW_ROW + 1, START_COL).click();
    await page.keyboard.type('12/31');
    await page.keyboard.press('Enter');
    await eventually(() => stored(NEW_ROW + 1, START_COL), serialFromYmd(2026, 12, 31));

    await eventually(() => cell(NEW_ROW, START_COL).textContent(), '2026-12-31');
    await eventually(() => cell(NEW_ROW, END_COL).textContent(), '2026-12-30');
    await eventually(() => cell(NEW_ROW + 1, START_COL).textContent(), '2026-12-31');

    const buffer = await writeXlsx(playground.ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker, hidden: tab.hidden })));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const written = book.getWorksheet(PLAN)!.getCell(NEW_ROW + 1, START_COL + 1);
    expect(written.value).toBeInstanceOf(Date);
    expect((written.value as Date).toISOString().slice(0, 10)).toBe('2026-12-31');
    expect(written.numFmt).toBe('yyyy-mm-dd');
  });

  test('text typed with a leading apostrophe, or into a text column, stays text', async () => {
    await cell(NEW_ROW + 2, START_COL).click();
    await page.keyboard.type("'2026-12-31");
    await page.keyboard.press('Enter');
    await eventually(() => stored(NEW_ROW + 2, START_COL), '2026-12-31');
  });

  test('long text spills over the empty cells to its right, and stops at the first cell with a value', async () => {
    const text = '提醒：这一行很长的说明文字应当像谷歌表格一样延伸到右边的空单元格里完整显示';
    await cell(NEW_ROW + 3, 0).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await eventually(() => stored(NEW_ROW + 3, 0), text);
    const spill = page.locator(`#preview td[data-r="${NEW_ROW + 3}"][data-c="0"] .sp-over`);
    await spill.waitFor();
    const shown = await spill.evaluate((div) => ({
      width: div.getBoundingClientRect().width,
      cell: div.parentElement!.getBoundingClientRect().width,
      cut: div.scrollWidth > div.clientWidth,
    }));
    expect(shown.width).toBeGreaterThan(shown.cell * 2);
    expect(shown.cut).toBe(false);
    // What is drawn there is the spilled text, and a click on it selects the empty cell under it, as in Sheets.
    await cell(NEW_ROW + 3, 2).click();
    expect(await selected()).toEqual([`${NEW_ROW + 3},2`]);

    await page.keyboard.type('x');
    await page.keyboard.press('Enter');
    await eventually(() => stored(NEW_ROW + 3, 2), 'x');
    await eventually(
      () =>
        spill.evaluate(
          (div) =>
            Math.round(div.getBoundingClientRect().right) <= Math.round(div.closest('tr')!.querySelector('td[data-c="2"]')!.getBoundingClientRect().left),
        ),
      true,
    );
  });

  test('a click on a menu item opens it and goes no further: the cell under the menu is not selected', async () => {
    await cell(1, 0).click();
    await page.click('#menu-extensions > button');
    await page.locator('#menu-extensions .items button').first().waitFor();
    // The lowest item that opens a sidebar: it lies over the grid.
    const fn = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll<HTMLElement>('#menu-extensions .items button[data-fn$="Sidebar"]'));
      return items.sort((a, b) => b.getBoundingClientRect().top - a.getBoundingClientRect().top)[0].dataset.fn!;
    });
    const item = page.locator(`#menu-extensions .items button[data-fn="${fn}"]`);
    // The item lies over the grid; clicking it must not reach the cell below.
    const box = (await item.boundingBox())!;
    const under = await page.evaluate(
      ({ x, y }) => {
        const items = document.querySelector<HTMLElement>('#menu-extensions .items')!;
        items.style.visibility = 'hidden';
        const td = document.elementFromPoint(x, y)?.closest('td[data-r]');
        items.style.visibility = '';
        return td ? `${td.getAttribute('data-r')},${td.getAttribute('data-c')}` : null;
      },
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(under).not.toBeNull();
    await item.click();
    await page.locator('#sidebar.open').waitFor();
    expect(await page.locator('#menu-extensions.open').count()).toBe(0);
    expect(await selected()).toEqual(['1,0']);
    expect(await page.locator('#editor input, #editor select').count()).toBe(0);

    // A click on the grid while a menu is open only closes the menu.
    await page.click('#menu-extensions > button');
    await cell(3, 3).click();
    expect(await page.locator('#menu-extensions.open').count()).toBe(0);
    expect(await selected()).toEqual(['1,0']);
    await page.locator('#sidebar-close').click();
  });

  test('each tab keeps where it was scrolled to, as in Sheets; a tab not opened yet starts at A1', async () => {
    const sopTab = playground.ctx.workbook.tabs.find((tab) => tab.marker?.kind === 'sop')!.spec.name;
    const scrolled = () =>
      page.evaluate(() => {
        const preview = document.getElementById('preview')!;
        return { left: preview.scrollLeft, top: preview.scrollTop };
      });
    const open = async (name: string) => {
      await page.click(`footer button.tab[data-tab="${name}"]`);
      await page.locator(`#preview[data-tab="${name}"] td[data-r="1"]`).first().waitFor();
    };
    await open(sopTab);
    // The SOP tab is wider and taller than the window: scrolled right and down, as someone reading its scripts would.
    await page.evaluate(() => {
      const preview = document.getElementById('preview')!;
      preview.scrollLeft = 600;
      preview.scrollTop = 300;
    });
    const there = await scrolled();
    expect(there.left).toBeGreaterThan(0);
    expect(there.top).toBeGreaterThan(0);
    await open(PLAN);
    await eventually(scrolled, { left: 0, top: 0 });
    await open(sopTab);
    await eventually(scrolled, there);
    await open(PLAN);
  });
});
