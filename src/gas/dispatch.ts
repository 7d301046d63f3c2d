/** What every global function does in Sheets: open a sidebar, serve a sidebar call, run a menu action or a trigger handler. */
import { callApi, ApiName, ApiResponse, runMenuAction } from '../app/api';
import type { SidebarPage } from '../app/boot';
import type { TriggerHandler } from '../app/feature';
import { menuCommand } from '../app/menu';
import { SheetsReminderSender, triggerSpreadsheet } from './reminders';
import { createGasContext, showSidebarPage } from './services';

export function showSidebar(page: SidebarPage): void {
  showSidebarPage(createGasContext(), page);
}

export function serve(name: ApiName, args: unknown[]): ApiResponse<unknown> {
  return callApi(createGasContext(), name, args);
}

/** Runs the menu item whose global function is `fn` (open its sidebar, or run its action and return its result). */
export function runMenu(fn: string): unknown {
  const command = menuCommand(fn);
  if (!command) throw new Error(`No menu item calls ${fn}`);
  if ('page' in command) return showSidebar(command.page);
  return runMenuAction(createGasContext({ metered: command.metered === true }), command.action);
}

/**
 * Runs a trigger handler (a time-driven trigger fired). An error is thrown on, so that the run is
 * marked failed in the person's executions (add-ons' triggers send no error mail).
 */
export function runTrigger(handler: TriggerHandler, event?: unknown): unknown {
  // A simple trigger in a document where the add-on was never used runs in AuthMode.NONE, where even
  // the spreadsheet is out of reach: nothing to do (the next generation counts what changed).
  if (String((event as { authMode?: unknown } | undefined)?.authMode) === 'NONE') return null;
  return handler(createGasContext({ spreadsheet: triggerSpreadsheet(event) }), {
    sender: (options) => new SheetsReminderSender(options),
    editedTab: () => editedTabOf(event),
  });
}

/** The tab an edit event's range is on (Sheets' onEdit event: `e.range`), or null for another event. */
function editedTabOf(event: unknown): string | null {
  const range = typeof event === 'object' && event !== null ? (event as { range?: GoogleAppsScript.Spreadsheet.Range }).range : undefined;
  return range ? range.getSheet().getName() : null;
}
