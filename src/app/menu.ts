/**
 * The add-on menu, shared by Apps Script (Extensions ▸ SOP Planner) and the playground's menu bar.
 * Only features that work are listed. Each item either opens a sidebar page (`page`) or runs an
 * action (`action`) in the current workbook; `fn` is the global function the item calls in Sheets
 * (defined in src/gas/entries/<feature>.ts; the bundle test checks it exists).
 */
import type { MessageKey } from '../core/i18n';
import type { AppContext } from '../ports';
import { calendarMenu } from './features/calendar';
import { ganttMenu } from './features/gantt';
import { metricsMenu } from './features/metrics';
import { sopMenu } from './features/sop';
import { showHelp } from './help';

export type SidebarPage = 'team' | 'sop' | 'gantt' | 'calendar' | 'metrics';

export type MenuCommand =
  | { label: MessageKey; fn: string; page: SidebarPage }
  | { label: MessageKey; fn: string; action: (ctx: AppContext) => void };

export type MenuItem = MenuCommand | 'separator';

export const MENU: MenuItem[] = [
  ...sopMenu,
  ...ganttMenu,
  ...calendarMenu,
  ...metricsMenu,
  'separator',
  { label: 'menu.team', fn: 'showTeamSidebar', page: 'team' },
  { label: 'menu.help', fn: 'showHelp', action: showHelp },
];

export function menuCommand(fn: string): MenuCommand | undefined {
  return MENU.find((item): item is MenuCommand => item !== 'separator' && item.fn === fn);
}

/** The sidebar title: the menu label without its ellipsis. */
export function pageLabel(page: SidebarPage): MessageKey {
  const item = MENU.find((i): i is MenuCommand => i !== 'separator' && 'page' in i && i.page === page);
  return item ? item.label : 'app.name';
}
