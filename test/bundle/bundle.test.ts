/**
 * The built Apps Script file, loaded as Apps Script loads it: one script in an empty global context.
 * Services that need authorization throw, as they do in AuthMode.NONE, so onOpen must not touch them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import * as acorn from 'acorn';
import { api } from '../../src/app/api';
import { MENU } from '../../src/app/menu';
import { FEATURES } from '../../src/app/registry';

const code = readFileSync(join(__dirname, '../../build/gas/Code.js'), 'utf8');

interface MenuRecord {
  items: Array<[string, string]>;
  separators: number;
  added: boolean;
}

/** The label the menu shows for the item that calls `fn` (features add items above Team & settings). */
function labelOf(menu: MenuRecord, fn: string): string | undefined {
  return menu.items.find(([, itemFn]) => itemFn === fn)?.[0];
}

function noneModeContext(locale: string | null) {
  const menu: MenuRecord = { items: [], separators: 0, added: false };
  const forbidden = (service: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => () => {
          throw new Error(`${service}.${String(prop)} needs authorization`);
        },
      },
    );
  const menuBuilder = {
    addItem(label: string, fn: string) {
      menu.items.push([label, fn]);
      return menuBuilder;
    },
    addSeparator() {
      menu.separators++;
      return menuBuilder;
    },
    addSubMenu() {
      return menuBuilder;
    },
    addToUi() {
      menu.added = true;
    },
  };
  const context = vm.createContext({
    SpreadsheetApp: {
      getUi: () => ({ createAddonMenu: () => menuBuilder, createMenu: () => menuBuilder }),
      getActiveSpreadsheet: () => {
        throw new Error('SpreadsheetApp.getActiveSpreadsheet needs authorization');
      },
      getActive: () => {
        throw new Error('SpreadsheetApp.getActive needs authorization');
      },
    },
    Session: locale === null ? forbidden('Session') : { getActiveUserLocale: () => locale },
    PropertiesService: forbidden('PropertiesService'),
    LockService: forbidden('LockService'),
    HtmlService: forbidden('HtmlService'),
    Utilities: forbidden('Utilities'),
    ScriptApp: forbidden('ScriptApp'),
    UrlFetchApp: forbidden('UrlFetchApp'),
    MailApp: forbidden('MailApp'),
  });
  return { context, menu };
}

describe('build/gas/Code.js', () => {
  test('parses as an ES2019 script (what the V8 runtime is given), with no import/export left', () => {
    expect(() => acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  test('onOpen in AuthMode.NONE builds the whole menu without touching authorized services', () => {
    const { context, menu } = noneModeContext('zh_CN');
    vm.runInContext(code, context, { filename: 'Code.js' });
    vm.runInContext('onOpen({ authMode: "NONE" })', context);
    expect(menu.added).toBe(true);
    const expected = MENU.filter((item) => item !== 'separator');
    expect(menu.items.map(([, fn]) => fn)).toEqual(expected.map((item) => (item as { fn: string }).fn));
    expect(labelOf(menu, 'showTeamSidebar')).toBe('团队与设置…');
    expect(menu.separators).toBe(MENU.length - expected.length);
  });

  test('the menu speaks English to an English locale, and Chinese when the locale cannot be read', () => {
    const en = noneModeContext('en_US');
    vm.runInContext(code, en.context);
    vm.runInContext('onInstall({ authMode: "NONE" })', en.context);
    expect(labelOf(en.menu, 'showTeamSidebar')).toBe('Team & settings…');
    const blind = noneModeContext(null);
    vm.runInContext(code, blind.context);
    vm.runInContext('onOpen({ authMode: "NONE" })', blind.context);
    expect(labelOf(blind.menu, 'showTeamSidebar')).toBe('团队与设置…');
  });

  /** The globals the registry asks for: the platform's two, then every feature's menu, API and custom functions and trigger handlers. */
  const registered = [
    'onOpen',
    'onInstall',
    ...MENU.flatMap((item) => (item === 'separator' ? [] : [item.fn])),
    ...Object.keys(api),
    ...FEATURES.flatMap((feature) => Object.keys(feature.customFunctions ?? {})),
    ...FEATURES.flatMap((feature) => Object.keys(feature.triggers ?? {})),
  ];

  test('every menu callback, sidebar server function, custom function and trigger handler of the registry is a real top-level function', () => {
    const { context } = noneModeContext('zh_CN');
    vm.runInContext(code, context);
    expect(registered).toEqual(expect.arrayContaining(['showTeamSidebar', 'showHelp', 'saveTeam', 'generateSop', 'SOP_RATE']));
    for (const name of registered) {
      expect({ name, type: vm.runInContext(`typeof ${name}`, context) }).toEqual({ name, type: 'function' });
      // A function declaration, not a property someone assigned: Apps Script lists only declarations.
      expect({ name, declared: new RegExp(`^function ${name}\\(`, 'm').test(code) }).toEqual({ name, declared: true });
    }
  });

  test('the file declares no other top-level function: nothing outside the registry is callable from google.script.run', () => {
    const program = acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script' }) as unknown as { body: Array<{ type: string; id?: { name: string } }> };
    const declared = program.body.filter((node) => node.type === 'FunctionDeclaration').map((node) => node.id!.name);
    expect([...declared].sort()).toEqual([...registered].sort());
    expect(new Set(registered).size).toBe(registered.length);
  });

  test('loading the file does no work beyond defining things (no service is called at load)', () => {
    const { context } = noneModeContext(null);
    expect(() => vm.runInContext(code, context)).not.toThrow();
  });
});
