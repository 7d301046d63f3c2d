/**
 * The user's story in a real browser: generate an SOP tab, then — as in Sheets — insert a column of
 * one's own, write in it, add a note with the right-click menu and hide a row; generate again with a
 * moved anchor from the sidebar: the column, the note and the hidden row are still on their rows, and
 * the result line says "0 项丢失".
 */
import type { Browser, Page } from 'playwright-core';
import { callApi } from '../../src/app/api';
import { startPlayground, type Playground } from '../../src/local/playground';
import { launchChromium, newPage } from '../support/browser';
import { chromiumPath, describeWith } from '../support/env';
import { BUILT_SIDEBARS } from '../support/playground-browser';

const TAB = 'SOP·Java引流5群·第12期';

describeWith(chromiumPath(), 'playground: what a person adds to a generated tab stays (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let promptAnswer: string | null = null;

  beforeAll(async () => {
    playground = await startPlayground({ port: 0, sidebarDir: BUILT_SIDEBARS });
    browser = await launchChromium();
    page = await newPage(browser);
    page.on('dialog', (dialog) => void (dialog.type() === 'prompt' && promptAnswer !== null ? dialog.accept(promptAnswer) : dialog.dismiss()));
    await page.goto(playground.url);
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  const cell = (row: number, col: number) => page.locator(`#preview tr[data-r="${row}"] td[data-c="${col}"]`);
  const rightClick = async (row: number, col: number, action: string) => {
    await cell(row, col).click({ button: 'right' });
    await page.click(`#cell-menu.open button[data-action="${action}"]`);
  };
  const typeInto = async (row: number, col: number, text: string) => {
    await cell(row, col).dblclick();
    await page.locator('#editor input').fill(text);
    await page.locator('#editor input').press('Enter');
  };

  test('a column, a note and a hidden row made in the preview survive generating again', async () => {
    const request = { template: 'conversion-7d', anchor: '2026-12-14', groups: 'Java引流5群', cohort: '第12期' };
    expect(callApi(playground.ctx, 'generateSop', [request]).ok).toBe(true);
    await page.locator('#preview td', { hasText: '发布群公告' }).first().waitFor();
    const id = String(playground.ctx.workbook.readTab(TAB)[3][0]);

    // Column N (备注) is 13; a column of one's own to its left, headed 复盘.
    await rightClick(1, 13, 'insertColumnLeft');
    await page.waitForFunction(() => document.querySelector('#preview tr[data-r="0"] td[data-c="13"]')?.textContent === '');
    await typeInto(0, 13, '复盘');
    await typeInto(3, 13, '到课率偏低');
    promptAnswer = '讲师已确认';
    await rightClick(3, 6, 'note');
    await page.locator('#preview tr[data-r="3"] td[data-c="6"].sp-note').waitFor();
    await rightClick(5, 2, 'hideRow');
    await page.waitForFunction(() => !document.querySelector('#preview tr[data-r="5"]'));

    const moved = { ...request, anchor: '2026-12-16' };
    const result = callApi(playground.ctx, 'generateSop', [moved]) as { ok: true; value: { tabs: Array<{ line: string }> } };
    expect(result.value.tabs[0].line).toMatch(/ · 0 项丢失$/);
    await page.waitForFunction(() => document.querySelectorAll('#preview .sp-note').length > 0);

    const grid = playground.ctx.workbook.readTab(TAB);
    const row = grid.findIndex((line) => line[0] === id);
    expect(grid[0][13]).toBe('复盘');
    expect(grid[row][13]).toBe('到课率偏低');
    expect(await page.locator(`#preview tr[data-r="${row}"] td[data-c="13"]`).textContent()).toBe('到课率偏低');
    expect(await page.locator(`#preview tr[data-r="${row}"] td[data-c="6"]`).getAttribute('title')).toBe('讲师已确认');
    expect(playground.ctx.workbook.tab(TAB).spec.hiddenRows).toHaveLength(1);
    expect(await page.locator('#preview tr[data-r="5"]').count()).toBe(0);
  });
});
