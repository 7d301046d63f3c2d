/**
 * The daily reminders sidebar in a real browser, in the playground: the channel decides the fields,
 * saving turns the (in-memory) daily trigger on and the page shows the webhook masked, the preview
 * shows today's message from the workbook's SOP tab, and the playground says it never sends.
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { generateSopTabs } from '../../src/app/sop';
import { toIso } from '../../src/core/dates';
import { createDemoContext } from '../../src/local/demo';
import type { Playground } from '../../src/local/playground';
import { openPlayground } from '../support/playground-browser';
import { chromiumPath, describeWith } from '../support/env';

const KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';

describeWith(chromiumPath(), 'playground: daily reminders (Chromium)', () => {
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  let sidebar: FrameLocator;
  const dialogs: string[] = [];

  beforeAll(async () => {
    const ctx = createDemoContext();
    // An SOP tab that started yesterday: today has items, and some are overdue.
    generateSopTabs(ctx, { template: 'big-class-28d', anchor: toIso(ctx.clock.today() - 1), groups: 'Java引流5群', cohort: '第12期' });
    ({ playground, browser, page } = await openPlayground({ ctx }, { viewport: { width: 1400, height: 900 } }, dialogs));
    sidebar = page.frameLocator('#sidebar-frame');
    await page.click('#menu-extensions > button');
    await page.click('button[data-fn="showReminderSidebar"]');
    await sidebar.locator('#remind-time-hint', { hasText: 'Asia/Shanghai' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  test('the fields follow the channel: no secret for WeCom, a test address for email; the playground only previews', async () => {
    expect(await sidebar.locator('#remind-channel').inputValue()).toBe('wecom');
    expect(await sidebar.locator('#remind-secret-field').isHidden()).toBe(true);
    await sidebar.locator('#remind-channel').selectOption('feishu');
    expect(await sidebar.locator('#remind-secret-field').isVisible()).toBe(true);
    await sidebar.locator('#remind-channel').selectOption('email');
    expect(await sidebar.locator('#remind-chat-fields').isHidden()).toBe(true);
    expect(await sidebar.locator('#remind-email-fields').isVisible()).toBe(true);
    await sidebar.locator('#remind-channel').selectOption('wecom');
    expect(await sidebar.locator('#remind-test').isHidden()).toBe(true);
    expect(await sidebar.locator('#remind-cannot-send').isVisible()).toBe(true);
    // Nothing was said before the person did anything.
    expect(await sidebar.locator('#remind-errors').textContent()).toBe('');
  });

  test('a wrong webhook is refused next to the button, naming the field; nothing is saved', async () => {
    await sidebar.locator('#remind-enabled').check();
    await sidebar.locator('#remind-webhook').fill('https://example.com/hook');
    await sidebar.locator('#remind-save').click();
    await sidebar.locator('#remind-errors', { hasText: '「Webhook 地址」不是企业微信群机器人的 Webhook 地址' }).waitFor();
    expect(playground.ctx.reminders.store.load()).toBeNull();
  });

  test('saving turns the daily trigger on; the webhook comes back masked and the field stays empty', async () => {
    await sidebar.locator('#remind-webhook').fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    await sidebar.locator('#remind-time').fill('09:15');
    await sidebar.locator('#remind-save').click();
    await sidebar.locator('#remind-result', { hasText: '提醒已开启：每天 09:15' }).waitFor();
    await sidebar.locator('#remind-status', { hasText: '每日触发器：每天 09:15' }).waitFor();
    expect(await sidebar.locator('#remind-webhook').inputValue()).toBe('');
    const stored = await sidebar.locator('#remind-webhook-stored').textContent();
    expect(stored).toContain('••••5aaa');
    expect(stored).not.toContain(KEY);
    expect(playground.ctx.reminders.trigger.current()).toEqual({ hour: 9, minute: 15 });
  });

  test('the preview shows today’s message from the SOP tab, as text', async () => {
    await sidebar.locator('#remind-preview').click();
    await sidebar.locator('#remind-preview-summary', { hasText: '条消息' }).waitFor();
    const message = await sidebar.locator('pre.remind-message').first().textContent();
    expect(message).toContain('Java引流5群 · 第12期');
    expect(message).toMatch(/今日 \d+ 项/);
    expect(dialogs).toEqual([]);
  });
});
