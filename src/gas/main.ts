/**
 * The Apps Script entry: the only file whose exports become global functions (the build appends a
 * top-level forwarder for each). It lists; it decides nothing. onOpen runs in AuthMode.NONE: it only
 * builds the menu — no properties, no spreadsheet reads.
 */
import { callApi, ApiName, ApiResponse } from '../app/api';
import { langFromLocale, t, Lang } from '../core/i18n';
import { MENU } from '../app/menu';
import { createGasContext } from './services';
import { sidebarBoot, SidebarPage } from '../app/boot';

function menuLang(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    // Not every authorization mode may read the locale; the menu then speaks Chinese, our users' default.
    return 'zh-CN';
  }
}

export function onOpen(_e?: unknown): void {
  const lang = menuLang();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(t(lang, item.label), item.fn);
  }
  menu.addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}

function showSidebar(page: SidebarPage): void {
  const ctx = createGasContext();
  const boot = sidebarBoot(ctx, page);
  const html = HtmlService.createHtmlOutputFromFile('sidebar')
    .append(`<script>window.__SOP_BOOT__=${JSON.stringify(boot).replace(/</g, '\\u003c')};</script>`)
    .setTitle(boot.title);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function showTeamSidebar(): void {
  showSidebar('team');
}

export function showHelp(): void {
  const ctx = createGasContext();
  const lang = sidebarBoot(ctx, 'team').lang;
  SpreadsheetApp.getUi().alert(t(lang, 'help.title'), t(lang, 'help.body'), SpreadsheetApp.getUi().ButtonSet.OK);
}

function serve(name: ApiName, args: unknown[]): ApiResponse<unknown> {
  return callApi(createGasContext(), name, args);
}

// The sidebar's server functions (google.script.run.<name>), one per entry of src/app/api.ts; the bundle
// test checks that every API name has one.
export function getTeamState(...args: unknown[]) {
  return serve('getTeamState', args);
}
export function saveTeam(...args: unknown[]) {
  return serve('saveTeam', args);
}
export function saveSettings(...args: unknown[]) {
  return serve('saveSettings', args);
}
