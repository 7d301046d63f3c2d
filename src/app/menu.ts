/**
 * The add-on menu, shared by Apps Script (Extensions ▸ SOP Planner) and the playground's menu bar,
 * derived from the registry. Each item either opens a sidebar page (`page`) or runs an action
 * (`action`) in the current workbook; `fn` is the global function the item calls in Sheets (the
 * build generates it; the bundle test checks it exists).
 */
import type { MessageKey } from '../core/i18n';
import type { MenuCommand as FeatureMenuCommand } from './feature';
import { FEATURES, type MenuFunctionName, type SidebarPage } from './registry';

export type { SidebarPage, MenuFunctionName };

export type MenuCommand = FeatureMenuCommand<SidebarPage, MenuFunctionName>;

export type MenuItem = MenuCommand | 'separator';

export const MENU: readonly MenuItem[] = FEATURES.flatMap((feature): MenuItem[] => [
  ...(feature.separatorBefore ? ['separator' as const] : []),
  ...(feature.menu as readonly MenuCommand[]),
]);

export function menuCommand(fn: string): MenuCommand | undefined {
  return MENU.find((item): item is MenuCommand => item !== 'separator' && item.fn === fn);
}

/** The sidebar title: the label of the menu item that opens the page (the caller drops its ellipsis). */
export function pageLabel(page: SidebarPage): MessageKey {
  const item = MENU.find((i): i is MenuCommand => i !== 'separator' && 'page' in i && i.page === page);
  return item ? item.label : 'app.name';
}
