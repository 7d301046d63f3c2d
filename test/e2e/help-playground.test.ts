/**
 * The help page in a real browser: opened from the add-on menu with every section folded (300 px
 * stays readable), a section opened by its title; then opened from the SOP sidebar's 帮助 link, which
 * asks the server (the playground shows no sidebar of its own) and opens the help page on the SOP
 * section, in the sidebar's frame. Every other sidebar ends with the same link to its own section.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { Playground } from '../../src/local/playground';
import { openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

describeWith(chromiumPath(), 'playground: help (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ playground, browser, page } = await openPlayground({}, { viewport: { width: 1400, height: 900 } }, dialogs));
    sidebar = page.frameLocator('#sidebar-frame');
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  async function openFromMenu(fn: string): Promise<void> {
    await page.click('#menu-extensions > button');
    await page.click(`button[data-fn="${fn}"]`);
  }

  /** The sections of the help page shown in the frame, with whether each is open. */
  async function sections(): Promise<Array<{ section: string; open: boolean }>> {
    await sidebar.locator('details.help-section').first().waitFor();
    const frame = page.frame({ url: /sidebar\?page=help/ })!;
    return frame.$$eval('details.help-section', (all) =>
      all.map((d) => ({ section: (d as HTMLElement).dataset.section!, open: (d as HTMLDetailsElement).open })),
    );
  }

  test('the menu opens the help page with every feature’s section folded; a title opens its section', async () => {
    await openFromMenu('showHelp');
    expect(await page.textContent('#sidebar-title')).toBe('帮助');
    const shown = await sections();
    expect(shown.map((s) => s.section)).toEqual(['sop', 'gantt', 'calendar', 'metrics', 'today', 'review', 'remind', 'team', 'ics', 'print']);
    expect(shown.every((s) => !s.open)).toBe(true);
    await sidebar.locator('#help-metrics summary').click();
    const metrics = sidebar.locator('#help-metrics');
    await metrics.locator('ol.help-steps li').nth(2).waitFor();
    expect(await metrics.locator('ol.help-steps li').count()).toBe(3);
    expect(await metrics.locator('h3').allTextContents()).toEqual(['三步上手', '设置', '数据在哪里', '详细指南']);
    expect(await metrics.locator('.help-guide').textContent()).toBe('docs/metrics.md');
    // Folded, the page fits the sidebar's width: nothing wider than the frame.
    const frame = page.frame({ url: /sidebar\?page=help/ })!;
    expect(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(dialogs).toEqual([]);
  });

  test('the SOP sidebar’s help link opens the help page on the SOP section', async () => {
    await openFromMenu('showSopSidebar');
    const link = sidebar.locator('#help-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('帮助');
    expect(await link.getAttribute('data-section')).toBe('sop');
    const asked = page.waitForRequest((request) => request.url().endsWith('/api/showHelpSidebar'));
    await link.click();
    expect((await asked).postDataJSON()).toEqual([{ section: 'sop' }]);
    await sidebar.locator('#help-sop[open]').waitFor();
    const shown = await sections();
    expect(shown.filter((s) => s.open).map((s) => s.section)).toEqual(['sop']);
    expect(await sidebar.locator('#help-sop summary').textContent()).toBe('社群SOP排期');
    expect(await sidebar.locator('#help-sop ol.help-steps li').count()).toBe(3);
    expect(dialogs).toEqual([]);
  });

  test.each([
    ['showGanttSidebar', 'gantt'],
    ['showCalendarSidebar', 'calendar'],
    ['showMetricsSidebar', 'metrics'],
    ['showReminderSidebar', 'remind'],
    ['showReviewSidebar', 'review'],
    ['showTeamSidebar', 'team'],
  ])('%s ends with the help link to its section', async (fn, section) => {
    await openFromMenu(fn);
    const link = sidebar.locator('#help-link');
    await link.waitFor();
    expect(await link.getAttribute('data-section')).toBe(section);
    await link.click();
    await sidebar.locator(`#help-${section}[open]`).waitFor();
  });
});
