/**
 * The add-on menu, shared by Apps Script (Extensions ▸ SOP Planner) and the playground's menu bar.
 * Only features that work are listed; `fn` names the global function the item calls in Sheets, and
 * `page` the sidebar it opens (the playground opens the same sidebar).
 */
import type { MessageKey } from '../core/i18n';
import type { SidebarPage } from './boot';

export type MenuItem = { label: MessageKey; fn: string; page?: SidebarPage } | 'separator';

export const MENU: MenuItem[] = [
  { label: 'menu.team', fn: 'showTeamSidebar', page: 'team' },
  'separator',
  { label: 'menu.help', fn: 'showHelp' },
];
