/** What a sidebar is handed when it opens: its page, the session's language, a title, and only its page's messages. */
import { sidebarBoot, SidebarPage } from '../../src/app/boot';
import { PAGE_MESSAGES, pageMessages } from '../../src/app/registry';
import { saveSettings } from '../../src/app/team';
import { createLocalContext } from '../../src/local/context';

const PAGES = Object.keys(PAGE_MESSAGES) as SidebarPage[];

describe('the boot data of a sidebar', () => {
  test('follows the language setting, and carries the page messages of that language only', () => {
    const ctx = createLocalContext();
    for (const [setting, lang, title] of [
      ['zh-CN', 'zh-CN', '社群SOP排期'],
      ['en', 'en', 'SOP schedule'],
    ] as const) {
      saveSettings(ctx, { language: setting });
      const boot = sidebarBoot(ctx, 'sop');
      expect(boot).toEqual({ page: 'sop', lang, title, messages: pageMessages(lang, 'sop') });
      expect(JSON.parse(JSON.stringify(boot))).toEqual(boot);
    }
    expect(sidebarBoot(ctx, 'sop').messages['sop.sidebar.generate']).toBe('Generate');
  });

  test('each page gets its own messages, not another page’s', () => {
    const ctx = createLocalContext();
    const boot = Object.fromEntries(PAGES.map((page) => [page, sidebarBoot(ctx, page)]));
    expect(Object.fromEntries(PAGES.map((page) => [page, boot[page].title]))).toEqual({
      team: '团队与设置',
      sop: '社群SOP排期',
      gantt: '推进表甘特图',
      calendar: '月度活动日历',
      metrics: '转化指标',
      remind: '每日提醒',
      review: '复盘',
      help: '帮助',
    });
    // Its own, the print links every feature's result offers, and the help link every page ends with.
    expect(Object.keys(boot.sop.messages).every((key) => key.startsWith('sop.sidebar.') || key.startsWith('print.') || key === 'help.link')).toBe(true);
    expect('sop.sidebar.generate' in boot.gantt.messages).toBe(false);
  });

  test('saving a new language hands Team & settings its messages in that language', () => {
    const ctx = createLocalContext();
    const saved = saveSettings(ctx, { language: 'en' });
    expect(saved.lang).toBe('en');
    expect(saved.messages).toEqual(pageMessages('en', 'team'));
    expect(saved.messages['team.sidebar.title']).toBe('Team & settings');
  });
});
