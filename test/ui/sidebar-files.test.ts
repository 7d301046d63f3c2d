/**
 * The built sidebars (build/gas/sidebar-<page>.html, made by `node build/build.mjs`): one per page,
 * each small, holding no catalogue text and no other page's code. Their messages come with the boot data.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sidebarFile, SidebarPage } from '../../src/app/boot';
import { PAGE_MESSAGES, pageMessages } from '../../src/app/registry';
import { catalogues, LANGS } from '../../src/core/i18n';

const root = join(__dirname, '../..');
const built = join(root, 'build/gas');
const PAGES = Object.keys(PAGE_MESSAGES) as SidebarPage[];
const MAX_BYTES = 25 * 1024;

const html = (page: SidebarPage) => readFileSync(join(built, `${sidebarFile(page)}.html`), 'utf8');
const uiSources = () =>
  ['main.ts', 'dom.ts', 'rpc.ts', 'i18n.ts', 'page.ts', ...PAGES.map((page) => `pages/${page}.ts`)]
    .map((f) => readFileSync(join(root, 'src/ui', f), 'utf8'))
    .join('\n');

describe('the built sidebars', () => {
  test('there is one file per page and no other sidebar file', () => {
    for (const page of PAGES) expect([page, existsSync(join(built, `${sidebarFile(page)}.html`))]).toEqual([page, true]);
    expect(
      readdirSync(built)
        .filter((f) => /^sidebar.*\.html$/.test(f))
        .sort(),
    ).toEqual(PAGES.map((page) => `${sidebarFile(page)}.html`).sort());
  });

  test.each(PAGES)('the %s sidebar is at most 25 KB', (page) => {
    expect(Buffer.byteLength(html(page))).toBeLessThanOrEqual(MAX_BYTES);
  });

  test.each(PAGES)('the %s sidebar holds no message text, in either language', (page) => {
    const file = html(page);
    // Texts short enough to occur by chance, or written in the UI code itself (language names), prove nothing.
    const sources = uiSources();
    const texts = LANGS.flatMap((lang) => Object.values(catalogues[lang])).filter((text) => text.length >= 8 && !sources.includes(text));
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.filter((text) => file.includes(text))).toEqual([]);
  });

  test.each(PAGES)("the %s sidebar holds no other page's code", (page) => {
    const own = pageMessages('zh-CN', page);
    const file = html(page);
    const othersKeys = PAGES.filter((other) => other !== page)
      .flatMap((other) => Object.keys(pageMessages('zh-CN', other)))
      .filter((key) => !(key in own) && uiSources().includes(`'${key}'`));
    expect(othersKeys.length).toBeGreaterThan(20);
    expect(othersKeys.filter((key) => file.includes(`"${key}"`))).toEqual([]);
  });
});
