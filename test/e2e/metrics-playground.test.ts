/**
 * The story in a real browser: open the playground, open Conversion metrics from the add-on
 * menu, paste the group funnel sample into the box, compute; the metrics tab in the preview (its
 * formulas recalculated by the playground) shows 23.2% in the total row. A bad paste is refused with
 * every cell listed in the sidebar, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Playground } from '../../src/local/playground';
import { openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const funnel = readFileSync(join(__dirname, '../../demo/group-funnel.tsv'), 'utf8');

describeWith(chromiumPath(), 'playground: conversion metrics (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground({}, {}, dialogs));
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  test('paste the group funnel into the sidebar, compute, see 23.2% in the total row', async () => {
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showMetricsSidebar"]');
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('#metrics-source option[value="tab:群数据"]').waitFor({ state: 'attached' });

    await sidebar.locator('#metrics-paste').fill(funnel);
    expect(await sidebar.locator('#metrics-source').inputValue()).toBe('paste');
    await sidebar.locator('#metrics-compute').click();
    await sidebar.locator('#metrics-result', { hasText: '已计算 4 个群 · 活动参与率 23.2% · 写入「转化指标」' }).waitFor();

    await page.locator('footer button.tab.active', { hasText: '转化指标' }).waitFor();
    const header = page.locator('#preview tr[data-r="0"] td');
    await header.first().waitFor();
    const labels = await header.allTextContents();
    const column = labels.indexOf('活动参与率');
    expect(column).toBeGreaterThan(0);
    const totalRow = page.locator('#preview tr', { has: page.locator('td[data-c="0"]', { hasText: /^合计$/ }) });
    expect(await totalRow.locator(`td[data-c="${column}"]`).textContent()).toBe('23.2%');
    await page.locator('#toasts .toast', { hasText: '活动参与率 23.2%' }).first().waitFor();
    expect(dialogs).toEqual([]);
  });

  test('a paste with unreadable cells lists every cell in the sidebar and writes nothing', async () => {
    const sidebar = page.frameLocator('#sidebar-frame');
    const tabsBefore = playground.ctx.workbook.listTabs().map((t) => t.name);
    await sidebar.locator('#metrics-paste').fill('群名称\t群人数\t到课人数\nA群\t二百\t50\nB群\t300\t很多\n');
    await sidebar.locator('#metrics-compute').click();
    await sidebar.locator('#metrics-result.error', { hasText: '有 2 个单元格无法读取' }).waitFor();
    const problems = await sidebar.locator('#metrics-notes .problem').allTextContents();
    expect(problems).toEqual([
      '第 2 行 B 列（群人数）：无法识别的数字“二百”：应为数字，如 1,200、1.2万、¥5,800；不知道时留空或填“-”。',
      '第 3 行 C 列（到课人数）：无法识别的数字“很多”：应为数字，如 1,200、1.2万、¥5,800；不知道时留空或填“-”。',
    ]);
    expect(playground.ctx.workbook.listTabs().map((t) => t.name)).toEqual(tabsBefore);
    expect(dialogs).toEqual([]);
  });
});
