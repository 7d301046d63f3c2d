/**
 * The Apps Script entry. Apps Script only sees top-level function declarations, so the build writes
 * one real top-level forwarder for every name in GLOBALS (custom functions keep their JSDoc and
 * parameter names). GLOBALS itself is derived from the registry: a menu item's function opens its
 * sidebar or runs its action, an API function serves a sidebar call, a custom function computes a
 * cell, a trigger handler runs when its installable trigger fires. It lists; it decides nothing. onOpen runs in AuthMode.NONE: it only builds the menu — no
 * properties, no spreadsheet reads.
 */
import type { CustomResult } from '../core/metrics/custom-functions';
import { langFromLocale, t, Lang } from '../core/i18n';
import type { ApiName, ApiResponse } from '../app/api';
import type { CustomFunctionTable, TriggerTable } from '../app/feature';
import { MENU, type MenuFunctionName } from '../app/menu';
import { FEATURES, type CustomFunctionName, type TriggerName } from '../app/registry';
import { sheetsCustomFunction } from './custom-functions';
import { runMenu, runTrigger, serve } from './dispatch';

function menuLang(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    // Not every authorization mode may read the locale; the menu then speaks Chinese, our users' default.
    return 'zh-CN';
  }
}

function onOpen(_e?: unknown): void {
  const lang = menuLang();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(t(lang, item.label), item.fn);
  }
  menu.addToUi();
}

function onInstall(e?: unknown): void {
  onOpen(e);
}

export type Globals = { onOpen: typeof onOpen; onInstall: typeof onInstall } & Record<MenuFunctionName, () => unknown> &
  Record<ApiName, (...args: unknown[]) => ApiResponse<unknown>> &
  Record<CustomFunctionName, (...cells: unknown[]) => CustomResult> &
  Record<TriggerName, (event?: unknown) => unknown>;

function registeredGlobals(): Globals {
  const globals: Record<string, (...args: never[]) => unknown> = { onOpen, onInstall };
  const define = (name: string, fn: (...args: never[]) => unknown): void => {
    // Two features claiming one global would silently replace each other's in Sheets.
    if (Object.prototype.hasOwnProperty.call(globals, name)) throw new Error(`Two entries define the global ${name}`);
    globals[name] = fn;
  };
  for (const item of MENU) if (item !== 'separator') define(item.fn, () => runMenu(item.fn));
  for (const feature of FEATURES) {
    for (const name of Object.keys(feature.api)) define(name, (...args: unknown[]) => serve(name as ApiName, args));
    const customFunctions: CustomFunctionTable = feature.customFunctions ?? {};
    for (const [name, compute] of Object.entries(customFunctions)) define(name, sheetsCustomFunction(compute));
    const triggers: TriggerTable = feature.triggers ?? {};
    for (const [name, handler] of Object.entries(triggers)) define(name, (event?: unknown) => runTrigger(handler, event));
  }
  return globals as unknown as Globals;
}

/** Every global function of the add-on, by name: what Sheets, google.script.run and cells call. */
export const GLOBALS: Globals = registeredGlobals();

/** The globals that are custom functions: the build gives their forwarders the feature's JSDoc. */
export const CUSTOM_FUNCTION_NAMES: string[] = FEATURES.flatMap((feature) => Object.keys(feature.customFunctions ?? {}));
