import { catalogueParts, catalogues, langFromLocale, resolveLang, t } from '../../src/core/i18n';

describe('both languages', () => {
  test('every feature catalogue has the same keys in zh-CN and en, and no empty message', () => {
    for (const part of catalogueParts) {
      const zh = Object.keys(part['zh-CN']).sort();
      const en = Object.keys(part.en).sort();
      expect(en).toEqual(zh);
      for (const key of zh) {
        if (key.endsWith('.placeholder')) continue;
        expect({ key, zh: (part['zh-CN'] as Record<string, string>)[key].length > 0 }).toEqual({ key, zh: true });
        expect({ key, en: (part.en as Record<string, string>)[key].length > 0 }).toEqual({ key, en: true });
      }
    }
  });

  test('no key is defined by two features', () => {
    const seen = new Map<string, number>();
    catalogueParts.forEach((part, index) => {
      for (const key of Object.keys(part['zh-CN'])) {
        expect({ key, first: seen.get(key) ?? index }).toEqual({ key, first: index });
        seen.set(key, index);
      }
    });
  });

  test('placeholders in a message are the same in both languages', () => {
    const params = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(catalogues['zh-CN']) as Array<keyof (typeof catalogues)['zh-CN']>) {
      expect({ key, params: params(catalogues.en[key]) }).toEqual({ key, params: params(catalogues['zh-CN'][key]) });
    }
  });

  test('parameters are filled; a missing one stays visible', () => {
    expect(t('zh-CN', 'team.saved', { count: 6, tab: '团队' })).toBe('已保存 6 位成员到「团队」');
    expect(t('en', 'team.saved', { count: 6 })).toBe('Saved 6 people to "{tab}"');
  });

  test('the language follows the locale unless set', () => {
    expect(langFromLocale('zh_CN')).toBe('zh-CN');
    expect(langFromLocale('zh-TW')).toBe('zh-CN');
    expect(langFromLocale('en_US')).toBe('en');
    expect(langFromLocale('ja')).toBe('en');
    expect(resolveLang('auto', 'en_GB')).toBe('en');
    expect(resolveLang('zh-CN', 'en_GB')).toBe('zh-CN');
    expect(resolveLang(undefined, 'zh_CN')).toBe('zh-CN');
  });
});
