/**
 * The help page: every feature has its section, in both languages, with a three-step quick start,
 * its settings, where its data lives and its guide; the registry lists the page; every other sidebar
 * page ends with a link to its own section; the link's server call shows the help sidebar where the
 * host has sidebars and says it did not elsewhere (the playground).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi } from '../../src/app/api';
import { sidebarBoot } from '../../src/app/boot';
import { MENU, menuCommand, pageLabel } from '../../src/app/menu';
import { FEATURES, PAGE_MESSAGES, pageMessages } from '../../src/app/registry';
import { HELP_PARTS, HELP_SECTIONS, isHelpSection } from '../../src/core/help/sections';
import { parseHelpRequest } from '../../src/core/help/request';
import { catalogues, LANGS, type MessageKey } from '../../src/core/i18n';
import { createLocalContext } from '../../src/local/context';
import { SECTIONS } from '../../src/ui/pages/help';

const root = join(__dirname, '../..');

describe('the help page’s catalogue', () => {
  test('every feature has a section, and the page shows them in the core’s order', () => {
    expect([...HELP_SECTIONS]).toEqual(['sop', 'gantt', 'calendar', 'metrics', 'today', 'review', 'remind', 'team', 'ics', 'print']);
    expect([...SECTIONS]).toEqual([...HELP_SECTIONS]);
  });

  test('every section says every part in both languages: a title, three steps, settings, where the data lives, the guide', () => {
    for (const lang of LANGS) {
      for (const section of HELP_SECTIONS) {
        for (const part of HELP_PARTS) {
          const text = catalogues[lang][`help.${section}.${part}` as MessageKey];
          expect([lang, section, part, typeof text]).toEqual([lang, section, part, 'string']);
          expect(text.trim().length).toBeGreaterThan(0);
          // A list shows one point per line: no empty point.
          if (part === 'settings' || part === 'data') expect(text.split('\n').every((line) => line.trim() !== '')).toBe(true);
        }
      }
      for (const key of [
        'help.link',
        'help.intro',
        'help.heading.quickStart',
        'help.heading.settings',
        'help.heading.data',
        'help.heading.guide',
        'help.guideWhere',
      ] as const) {
        expect(catalogues[lang][key].trim()).not.toBe('');
      }
    }
  });

  test('each language speaks its own: the English texts are not left in Chinese, and the other way round', () => {
    for (const section of HELP_SECTIONS) {
      // English may quote a Chinese tab name (团队, 转化指标); a step is never mostly Chinese.
      const step = catalogues.en[`help.${section}.step2` as MessageKey];
      expect((step.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeLessThan(step.length / 4);
      expect(catalogues['zh-CN'][`help.${section}.step2` as MessageKey]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('where the data lives: regenerating keeps typed work, and reminder secrets stay in the person’s own properties', () => {
    expect(catalogues['zh-CN']['help.sop.data']).toContain('0 项丢失');
    expect(catalogues.en['help.sop.data']).toContain('0 lost');
    expect(catalogues['zh-CN']['help.remind.data']).toContain('用户属性');
    expect(catalogues.en['help.remind.data']).toContain('user properties');
    expect(catalogues.en['help.team.data']).toContain('document properties');
  });

  test('the guides named are the repository’s', () => {
    for (const lang of LANGS) {
      for (const section of HELP_SECTIONS) {
        for (const doc of catalogues[lang][`help.${section}.guide` as MessageKey].match(/docs\/[\w-]+\.md/g) ?? []) {
          expect(() => readFileSync(join(root, doc))).not.toThrow();
        }
      }
    }
  });
});

describe('the help page in the registry', () => {
  test('the menu item opens the help page, whose title is the item’s label', () => {
    expect(menuCommand('showHelp')).toEqual({ label: 'menu.help', fn: 'showHelp', page: 'help' });
    expect(pageLabel('help')).toBe('menu.help');
    expect(FEATURES.some((feature) => feature.page === 'help')).toBe(true);
    expect(MENU).toContainEqual(expect.objectContaining({ page: 'help' }));
  });

  test('the help page receives every section’s messages in its language; every page receives the link’s label', () => {
    for (const lang of LANGS) {
      const messages = pageMessages(lang, 'help');
      for (const section of HELP_SECTIONS)
        for (const part of HELP_PARTS) expect(messages[`help.${section}.${part}`]).toBe(catalogues[lang][`help.${section}.${part}` as MessageKey]);
      for (const page of Object.keys(PAGE_MESSAGES) as Array<keyof typeof PAGE_MESSAGES>)
        expect(pageMessages(lang, page)['help.link']).toBe(catalogues[lang]['help.link']);
    }
    expect(sidebarBoot(createLocalContext(), 'help', 'gantt')).toMatchObject({ page: 'help', title: '帮助', section: 'gantt' });
    expect(sidebarBoot(createLocalContext(), 'help')).not.toHaveProperty('section');
  });

  test('every other sidebar page ends with the link to its own section', () => {
    for (const page of Object.keys(PAGE_MESSAGES).filter((p) => p !== 'help')) {
      expect(isHelpSection(page)).toBe(true);
      const source = readFileSync(join(root, 'src/ui/pages', `${page}.ts`), 'utf8');
      expect([page, source.includes(`root.append(helpLink(tr('help.link'), '${page}'));`)]).toEqual([page, true]);
    }
  });
});

describe('the help link’s server call', () => {
  test('a request names a known section, or none', () => {
    expect(parseHelpRequest({ section: 'metrics' })).toEqual({ section: 'metrics' });
    expect(parseHelpRequest(undefined)).toEqual({});
    expect(parseHelpRequest({})).toEqual({});
    expect(() => parseHelpRequest({ section: 'nothing' })).toThrow();
    expect(() => parseHelpRequest({ section: 'sop', extra: 1 })).toThrow();
    expect(() => parseHelpRequest('sop')).toThrow();
  });

  test('the host shows the help sidebar on the section where it has sidebars; the playground’s does not, and says so', () => {
    const local = createLocalContext();
    expect(callApi(local, 'showHelpSidebar', [{ section: 'sop' }])).toEqual({ ok: true, value: { shown: false } });
    const shown: Array<[string, string | undefined]> = [];
    const withSidebars = {
      ...local,
      ui: { ...local.ui, toast: () => undefined, alert: () => undefined, showSidebar: (page: string, section?: string) => shown.push([page, section]) },
    };
    expect(callApi(withSidebars, 'showHelpSidebar', [{ section: 'remind' }])).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([['help', 'remind']]);
    const refused = callApi(withSidebars, 'showHelpSidebar', [{ section: '<script>' }]);
    expect(refused).toMatchObject({ ok: false, error: { problems: [{ text: expect.stringContaining('section') }] } });
    expect(shown).toHaveLength(1);
  });
});
