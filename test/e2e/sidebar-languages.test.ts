/**
 * Every sidebar page, in Chinese and in English, as a person opens it: the page carries no catalogue,
 * so each text it shows comes from the messages its boot data brought. None shows a raw message key,
 * and Team & settings follows a language change at once with the messages the server sends back.
 */
import type { Browser, Page } from 'playwright-core';
import { PAGE_MESSAGES, pageMessages } from '../../src/app/registry';
import type { SidebarPage } from '../../src/app/boot';
import { saveSettings } from '../../src/app/team';
import { LANGS, Lang } from '../../src/core/i18n';
import { createDemoContext } from '../../src/local/demo';
import { startPlayground, Playground } from '../../src/local/playground';
import { launchChromium, newPage } from '../support/browser';
import { chromiumPath, describeWith } from '../support/env';
import { BUILT_SIDEBARS } from '../support/playground-browser';

const PAGES = Object.keys(PAGE_MESSAGES) as SidebarPage[];

/** Every text a person can see or hear: text nodes, placeholders, titles and labels, with {params} cut off. */
function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
    for (const el of Array.from(document.querySelectorAll('[placeholder], [title], [aria-label]'))) {
      for (const name of ['placeholder', 'title', 'aria-label']) texts.push(el.getAttribute(name) ?? '');
    }
    return texts.map((text) => text.trim()).filter(Boolean);
  });
}

const looksLikeKey = (text: string) => /^[a-z]+(\.[A-Za-z0-9]+)+$/.test(text);

describeWith(chromiumPath(), 'every sidebar page in both languages (Chromium)', () => {
  const ctx = createDemoContext();
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    playground = await startPlayground({ ctx, port: 0, sidebarDir: BUILT_SIDEBARS });
    browser = await launchChromium();
    page = await newPage(browser);
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
  });

  async function open(sidebar: SidebarPage, lang: Lang): Promise<string[]> {
    saveSettings(ctx, { language: lang });
    await page.goto(`${playground.url}sidebar?page=${sidebar}`);
    // The page asks the server for its state once; it is drawn when no call is left.
    await page.waitForLoadState('networkidle');
    return shownTexts(page);
  }

  test.each(PAGES.flatMap((sidebar) => LANGS.map((lang) => [sidebar, lang] as const)))(
    'the %s page in %s shows its texts and no key',
    async (sidebar, lang) => {
      const texts = await open(sidebar, lang);
      expect(texts.filter(looksLikeKey)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      // Most of what the page shows is its own messages, in this language.
      const own = new Set(Object.values(pageMessages(lang, sidebar)));
      expect(texts.filter((text) => own.has(text)).length).toBeGreaterThanOrEqual(5);
    },
  );

  test('Team & settings switches to English at once after saving the language', async () => {
    await open('team', 'zh-CN');
    expect(await page.title()).toBe('团队与设置');
    await page.locator('#setting-language').selectOption('en');
    await page.locator('#save-settings').click();
    await page.locator('h2', { hasText: 'Team' }).first().waitFor();
    expect(await page.title()).toBe('Team & settings');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.waitForLoadState('networkidle');
    const texts = await shownTexts(page);
    expect(texts.filter(looksLikeKey)).toEqual([]);
    expect(texts).toContain(pageMessages('en', 'team')['team.sidebar.saveSettings']);
  });
});
