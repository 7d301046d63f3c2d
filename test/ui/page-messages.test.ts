/**
 * A sidebar gets only its page's messages (app/page-messages.ts). Every key a page's code names — in a
 * `tr(...)` call, literal or a template such as `calendar.weekday.${n}`, or as a string anywhere else,
 * like the title it reads from saved messages — must be in that page's messages in both languages.
 * The code is what the page's bundle holds: esbuild lists its modules, as the build bundles them.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import * as ts from 'typescript';
import { isSidebarPage, SidebarPage } from '../../src/app/boot';
import { selects } from '../../src/app/page-messages';
import { PAGE_MESSAGES, pageMessages } from '../../src/app/registry';
import { catalogues, LANGS, t } from '../../src/core/i18n';
import { formatMessage, pageTranslator } from '../../src/ui/i18n';

const root = join(__dirname, '../..');
const PAGES = Object.keys(PAGE_MESSAGES) as SidebarPage[];
const ALL_KEYS = Object.keys(catalogues['zh-CN']);

/** The src/ui modules in one page's bundle. */
function pageModules(page: SidebarPage): string[] {
  const mountName = `mount${page[0].toUpperCase()}${page.slice(1)}Page`;
  const result = buildSync({
    stdin: {
      contents: `import { startSidebar } from './main';\nimport { ${mountName} } from './pages/${page}';\nstartSidebar(${mountName});\n`,
      resolveDir: join(root, 'src/ui'),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile!.inputs)
    .filter((input) => input.startsWith('src/ui/'))
    .map((input) => join(root, input));
}

interface KeyUse {
  /** Where, for the failure message: file:line. */
  at: string;
  /** The keys it may name: one for a literal, every catalogue key the template matches for a template. */
  keys: string[];
  /** The text as written, e.g. `calendar.weekday.${n}`. */
  written: string;
}

const KEY_SHAPE = /^[a-z]+(\.[A-Za-z0-9]+)+$/;

function templatePattern(node: ts.TemplateExpression): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(node.head.text)}${node.templateSpans.map((span) => `[^.]+${escape(span.literal.text)}`).join('')}$`);
}

/** Every key the module names: tr's first arguments (which must be literal or template) and key-shaped strings. */
function keyUses(file: string): { uses: KeyUse[]; unreadable: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
  const uses: KeyUse[] = [];
  const unreadable: string[] = [];
  const at = (node: ts.Node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tr') {
      const arg = node.arguments[0];
      if (arg && ts.isTemplateExpression(arg)) {
        const pattern = templatePattern(arg);
        uses.push({ at: at(arg), keys: ALL_KEYS.filter((key) => pattern.test(key)), written: arg.getText() });
      } else if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        unreadable.push(`${at(node)} ${node.getText()}`);
      }
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && KEY_SHAPE.test(node.text) && ALL_KEYS.includes(node.text)) {
      uses.push({ at: at(node), keys: [node.text], written: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { uses, unreadable };
}

describe('each sidebar page receives every message its code names, and only its own', () => {
  const modulesByPage = new Map(PAGES.map((page) => [page, pageModules(page)]));

  test.each(PAGES)('the %s page names its keys in ways that can be checked', (page) => {
    const modules = modulesByPage.get(page)!;
    expect(modules.map((file) => relative(root, file))).toContain(`src/ui/pages/${page}.ts`);
    const found = modules.map(keyUses);
    expect(found.flatMap((f) => f.unreadable)).toEqual([]);
    // A template that matches no key would show its raw text.
    expect(
      found
        .flatMap((f) => f.uses)
        .filter((use) => !use.keys.length)
        .map((use) => `${use.at} ${use.written}`),
    ).toEqual([]);
  });

  test.each(PAGES.flatMap((page) => LANGS.map((lang) => [page, lang] as const)))('the %s page in %s holds every key it names', (page, lang) => {
    const messages = pageMessages(lang, page);
    const missing = modulesByPage
      .get(page)!
      .flatMap((file) => keyUses(file).uses)
      .flatMap((use) => use.keys.filter((key) => !(key in messages)).map((key) => `${use.at} ${key}`));
    expect(missing).toEqual([]);
  });

  test('every selector selects something, and a page gets the same keys in both languages', () => {
    for (const page of PAGES) {
      for (const selector of PAGE_MESSAGES[page]) expect([page, selector, ALL_KEYS.some((key) => selects(selector, key))]).toEqual([page, selector, true]);
      expect(Object.keys(pageMessages('en', page)).sort()).toEqual(Object.keys(pageMessages('zh-CN', page)).sort());
    }
  });

  test('a page gets a small part of the catalogue, not the feature catalogues whole', () => {
    for (const page of PAGES) {
      const keys = Object.keys(pageMessages('zh-CN', page));
      expect(keys.length).toBeGreaterThan(5);
      expect(keys.length).toBeLessThan(ALL_KEYS.length / 5);
      expect(keys.some((key) => key.startsWith('cli.') || key.startsWith('playground.') || key.startsWith('error.'))).toBe(false);
    }
  });

  test('a selector covers a key and the keys under it, not a longer sibling', () => {
    expect(selects('calendar.error.month', 'calendar.error.month')).toBe(true);
    expect(selects('settings.weekStart', 'settings.weekStart.mon')).toBe(true);
    expect(selects('calendar.error.month', 'calendar.error.monthCount')).toBe(false);
  });

  test('only the known pages are pages (the playground reads a file named after one)', () => {
    expect(PAGES.every(isSidebarPage)).toBe(true);
    for (const name of ['', '../gas/Code', 'toString', '__proto__', 'Team']) expect(isSidebarPage(name)).toBe(false);
  });
});

describe("the sidebar's translator", () => {
  test.each(LANGS)('words every page message in %s as the server does, {params} filled', (lang) => {
    const params = { count: 3, name: '林晓', tab: 'SOP', month: '2026-12', list: 'A', n: 2, limit: 10, rows: 4, warnings: 1 };
    for (const page of PAGES) {
      const tr = pageTranslator<SidebarPage>(pageMessages(lang, page)) as (key: string, p?: Record<string, string | number>) => string;
      for (const key of Object.keys(pageMessages(lang, page))) {
        expect(tr(key, params)).toBe(t(lang, key as Parameters<typeof t>[1], params));
        expect(tr(key)).toBe(t(lang, key as Parameters<typeof t>[1]));
      }
    }
  });

  test('a placeholder without a value stays; a missing key shows as itself', () => {
    expect(formatMessage('已生成 {rows} 行 · {tab}', { rows: 28 })).toBe('已生成 28 行 · {tab}');
    const tr = pageTranslator<SidebarPage>({}) as (key: string) => string;
    expect(tr('sop.sidebar.generate')).toBe('sop.sidebar.generate');
    expect(tr('toString')).toBe('toString');
  });
});
