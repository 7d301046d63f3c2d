/**
 * The 复盘 / Review sidebar in a real browser, in the playground: seven past cohorts of one group from
 * one template, their results pasted with a 期次 column (第12期 written 「12期」, and a 第5期 without an
 * SOP tab). The sidebar opens from the menu with the template's last six cohorts ticked and says where
 * the results come from; the matching proposes 「第12期」= 「12期」 and lists the unmatched rows; ticking
 * the pair brings the sixth result in; generating writes the 复盘 tab, whose rows show the numbers, and
 * the confirmation is kept for the next time. A workbook without SOP tabs gets a plain empty state.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { computeMetricsTab } from '../../src/app/metrics';
import { getReviewState } from '../../src/app/review';
import { generateSopTabs } from '../../src/app/sop';
import { toIso } from '../../src/core/dates';
import { createLocalContext } from '../../src/local/context';
import { createDemoContext, pastedTab } from '../../src/local/demo';
import { startPlayground, type Playground } from '../../src/local/playground';
import { BUILT_SIDEBARS, openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const GROUP = 'Python训练营1群';
const TEMPLATE = 'conversion-7d';
const COHORTS = [6, 7, 8, 9, 10, 11, 12].map((n) => `第${n}期`);
const RESULTS_TAB = '分期数据';

describeWith(chromiumPath(), 'playground: review sidebar (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const dialogs: string[] = [];

  beforeAll(async () => {
    const ctx = createDemoContext();
    const today = ctx.clock.today();
    // Seven finished cohorts, ten days apart, each with its own share of steps done.
    COHORTS.forEach((cohort, i) => {
      const result = generateSopTabs(ctx, { template: TEMPLATE, anchor: toIso(today - 10 * (COHORTS.length - i) - 10), groups: GROUP, cohort });
      for (const tab of result.tabs) {
        const grid = ctx.workbook.readTab(tab.tab);
        const status = grid[0].indexOf('状态');
        for (let r = 1; r < grid.length; r++) if ((r + i) % (2 + (i % 3)) !== 0) ctx.workbook.setCell(tab.tab, r, status, '已完成');
      }
    });
    // The results as a team pastes them: 第12期 spelt 「12期」, and a 第5期 that has no SOP tab.
    const rows = ['群名称\t期次\t群人数\t到课人数\t完课人数\t成单人数\t客单价\t投放成本'];
    [5, 6, 7, 8, 9, 10, 11, 12].forEach((n, i) =>
      rows.push(`${GROUP}\t${n === 12 ? '12期' : `第${n}期`}\t${200 + i * 5}\t${60 + i}\t${40 + i}\t${3 + (i % 4)}\t9800\t5000`),
    );
    const { values, formats } = pastedTab(rows.join('\n'));
    ctx.workbook.addPlainTab(RESULTS_TAB, values, formats);
    // Computing its metrics makes the paste a metrics source: the review reads it before any other tab.
    computeMetricsTab(ctx, { kind: 'tab', tab: RESULTS_TAB });
    ctx.ui.messages.length = 0;

    ({ playground, browser, page } = await openPlayground({ ctx }, { viewport: { width: 1400, height: 900 } }, dialogs));
    sidebar = page.frameLocator('#sidebar-frame');
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showReviewSidebar"]');
    await sidebar.locator(`#review-template option[value="${TEMPLATE}"]`).waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  const counts = () => sidebar.locator('#review-counts');
  const pair = () => sidebar.locator('input.review-pair[data-sop="第12期"][data-metrics="12期"]');

  test('the menu opens the sidebar with the template’s cohorts, its last six ticked, and where the results come from', async () => {
    expect(await page.textContent('#sidebar-title')).toBe('复盘');
    expect(await sidebar.locator(`#review-template option[value="${TEMPLATE}"]`).textContent()).toBe('引流群7天转化（7 张 SOP 表）');
    if ((await sidebar.locator('#review-template').inputValue()) !== TEMPLATE) await sidebar.locator('#review-template').selectOption(TEMPLATE);
    const boxes = sidebar.locator('#review-cohorts input');
    await boxes.nth(COHORTS.length - 1).waitFor({ state: 'attached' });
    expect(await boxes.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).value))).toEqual(COHORTS);
    expect(await boxes.evaluateAll((all) => all.filter((box) => (box as HTMLInputElement).checked).map((box) => (box as HTMLInputElement).value))).toEqual(
      COHORTS.slice(-6),
    );
    expect(await sidebar.locator('#review-source').textContent()).toBe(`转化数据取自「${RESULTS_TAB}」。`);
    // Nothing was said before the person did anything.
    await counts().waitFor();
    expect(await sidebar.locator('#review-errors').textContent()).toBe('');
    expect(dialogs).toEqual([]);
  });

  test('the matching proposes 「第12期」= 「12期」 unticked, lists the unmatched rows, and ticking it brings the sixth result in', async () => {
    await sidebar.locator('#review-counts', { hasText: '6 个群 · 期次，其中 5 个有转化数据。' }).waitFor();
    expect(await counts().textContent()).toContain('步骤对比需要至少 6 期有结果（现在 5 期）');
    expect(await pair().isChecked()).toBe(false);
    expect(await sidebar.locator('#review-pairs label').textContent()).toBe('「第12期」= 转化数据里的「12期」');
    // 第6期 is not ticked; 「12期」 waits for its confirmation.
    expect(await sidebar.locator('#review-unmatched-metrics').textContent()).toBe(`转化数据有、SOP 没有：${GROUP} · 第5期、${GROUP} · 第6期、${GROUP} · 12期`);

    const asked = page.waitForRequest((request) => request.url().endsWith('/api/previewReview'));
    await pair().check();
    const sent = (await asked).postDataJSON() as Array<{ template: string; cohorts: string[]; confirmedCohorts: unknown[] }>;
    expect(sent).toEqual([{ template: TEMPLATE, cohorts: COHORTS.slice(-6), confirmedCohorts: [{ sop: '第12期', metrics: '12期' }] }]);
    await sidebar.locator('#review-counts', { hasText: '其中 6 个有转化数据。6 个有转化率，可以对比步骤。' }).waitFor();
    expect(await pair().isChecked()).toBe(true);
    expect(await sidebar.locator('#review-unmatched-metrics').textContent()).toBe(`转化数据有、SOP 没有：${GROUP} · 第5期、${GROUP} · 第6期`);
  });

  test('generating writes the 复盘 tab with each cohort’s on-time and conversion rates; the confirmation is kept', async () => {
    await sidebar.locator('#review-generate:not([disabled])').waitFor();
    await sidebar.locator('#review-generate').click();
    await sidebar.locator('#review-result', { hasText: '复盘：6 个群 · 期次，6 个有转化数据' }).waitFor();
    expect(await sidebar.locator('#review-errors').textContent()).toBe('');

    await page.locator('footer button.tab.active', { hasText: '复盘' }).waitFor();
    const label = page.locator('#preview td', { hasText: `${GROUP} · 第12期` }).first();
    await label.waitFor();
    const row = await label.getAttribute('data-r');
    const header = page.locator('#preview td', { hasText: /^按时率$/ }).first();
    const conversion = page.locator('#preview td', { hasText: /^转化率$/ }).first();
    const cell = async (head: typeof header) => page.locator(`#preview td[data-r="${row}"][data-c="${await head.getAttribute('data-c')}"]`).textContent();
    expect(await cell(header)).toMatch(/^\d+(\.\d+)?%$/);
    expect(await cell(conversion)).toMatch(/^\d+(\.\d+)?%$/);

    expect(getReviewState(playground.ctx).confirmedCohorts).toEqual([{ sop: '第12期', metrics: '12期' }]);
    expect(dialogs).toEqual([]);
  });

  test('opened again, the sidebar shows the pair as confirmed', async () => {
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showReviewSidebar"]');
    await sidebar.locator('#review-counts', { hasText: '其中 6 个有转化数据' }).waitFor();
    expect(await pair().isChecked()).toBe(true);
  });

  test('a workbook without SOP tabs gets a plain empty state, not an error', async () => {
    const empty = await startPlayground({ ctx: createLocalContext(), port: 0, sidebarDir: BUILT_SIDEBARS });
    try {
      await page.goto(empty.url);
      await page.click('#menu-extensions > button');
      await page.click('button[data-fn="showReviewSidebar"]');
      await sidebar.locator('#review-empty:not([hidden])').waitFor();
      expect(await sidebar.locator('#review-empty').getAttribute('class')).toBe('hint');
      expect(await sidebar.locator('#review-empty').textContent()).toContain('还没有 SOP 表可以复盘');
      expect(await sidebar.locator('#review-main').isHidden()).toBe(true);
      expect(await sidebar.locator('#help-link').getAttribute('data-section')).toBe('review');
    } finally {
      await empty.close();
    }
  });
});
