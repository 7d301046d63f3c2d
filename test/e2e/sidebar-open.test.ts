/**
 * Every sidebar opens in two calls (issue "Fast in real Sheets": at most 10 reads to open one): the
 * quick state, shown at once, then the whole state with every tab in the pickers. In a real browser:
 * the two calls go out in that order, the pickers end up listing what the whole state lists, and what
 * the quick state chose (the active tab's plan, list, source; the SOP form filled from the active SOP
 * tab) is still chosen after the second call.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { getCalendarState } from '../../src/app/calendar';
import { getMetricsState } from '../../src/app/metrics';
import { getReviewState } from '../../src/app/review';
import { generateSopTabs, getSopState, saveSopTemplate } from '../../src/app/sop';
import type { Playground } from '../../src/local/playground';
import { openPlayground, eventually as waitUntil } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

describeWith(chromiumPath(), 'playground: a sidebar opens in two calls (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const calls: string[] = [];

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground({}, { viewport: { width: 1400, height: 900 } }));
    sidebar = page.frameLocator('#sidebar-frame');
    page.on('request', (request) => {
      const match = /\/api\/(get\w+State)$/.exec(request.url());
      if (match) calls.push(`${match[1]} ${request.postData() ?? ''}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  const eventually = <T>(read: () => T | Promise<T>, expected: T): Promise<void> => waitUntil(page, read, expected);

  /** Shows `tab`, opens the sidebar of `fn` from the menu, and waits for both state calls of `getter`. */
  async function open(tab: string, fn: string, getter: string): Promise<void> {
    await page.locator('footer button.tab', { hasText: tab }).first().click();
    await page.locator('footer button.tab.active', { hasText: tab }).first().waitFor();
    calls.length = 0;
    await page.click('#menu-extensions > button');
    await page.click(`button[data-fn="${fn}"]`);
    await eventually(() => calls.slice(), [`${getter} [{"quick":true}]`, `${getter} [{}]`]);
  }

  test('SOP: the form is filled from the active SOP tab (made from the team’s own template), and every SOP tab is listed', async () => {
    const saved = saveSopTemplate(playground.ctx, { template: 'conversion-7d' });
    // The team's own template: its id edited after saving, so the tab's marker no longer names it.
    playground.ctx.workbook.setCell(saved.tab, 0, 1, 'java-camp');
    generateSopTabs(playground.ctx, { template: saved.ref, anchor: '2026-12-14', groups: 'B群', cohort: '第2期' });
    await eventually(() => page.locator('footer button.tab', { hasText: 'SOP·B群·第2期' }).count(), 1);
    await open('SOP·B群·第2期', 'showSopSidebar', 'getSopState');
    const whole = getSopState(playground.ctx);
    await eventually(
      () => sidebar.locator('button.sop-tab').allTextContents(),
      whole.sopTabs.map((tab) => tab.tab),
    );
    expect(whole.startTemplate).toBe(saved.ref);
    expect(await sidebar.locator('#sop-template').inputValue()).toBe(saved.ref);
    expect(await sidebar.locator('#sop-groups').inputValue()).toBe('B群');
    expect(await sidebar.locator('#sop-cohort').inputValue()).toBe('第2期');
    expect(await sidebar.locator('#sop-anchor').inputValue()).toBe('2026-12-14');
    expect(await sidebar.locator('#sop-template option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(
      whole.templates.map((t) => t.ref),
    );
  });

  test('calendar: the active pasted list stays chosen, and every list is offered', async () => {
    await open('活动列表', 'showCalendarSidebar', 'getCalendarState');
    const whole = getCalendarState(playground.ctx);
    await eventually(
      () => sidebar.locator('#calendar-list option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
      whole.lists.map((list) => list.name),
    );
    expect(await sidebar.locator('#calendar-list').inputValue()).toBe('活动列表');
  });

  test('metrics: the active tab stays the source, and every tab is offered', async () => {
    await open('群数据', 'showMetricsSidebar', 'getMetricsState');
    const whole = getMetricsState(playground.ctx);
    await eventually(
      () =>
        sidebar
          .locator('#metrics-source option')
          .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v.startsWith('tab:'))),
      whole.tabs.map((tab) => `tab:${tab}`),
    );
    expect(await sidebar.locator('#metrics-source').inputValue()).toBe('tab:群数据');
  });

  test('review: the templates come at once, the metrics tab with the second call', async () => {
    await open('团队', 'showReviewSidebar', 'getReviewState');
    const whole = getReviewState(playground.ctx);
    expect(whole.metricsTab).not.toBeNull();
    await sidebar.locator('#review-source', { hasText: whole.metricsTab! }).waitFor();
    expect(await sidebar.locator('#review-template option').count()).toBe(whole.templates.length);
  });
});
