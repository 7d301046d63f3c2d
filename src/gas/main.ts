/**
 * The Apps Script entry: the only module whose exports become global functions (the build appends
 * a top-level forwarder for each). It lists; it decides nothing. onOpen runs in AuthMode.NONE: it
 * only builds the menu — no properties, no spreadsheet reads.
 */
import { MENU } from '../app/menu';
import { langFromLocale, t, Lang } from '../core/i18n';

export * from './entries/team';
export * from './entries/sop';
export * from './entries/gantt';
export * from './entries/calendar';
export * from './entries/metrics';

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
