/**
 * Printing a generated tab from Sheets, where Apps Script cannot set print settings: the tab's PDF
 * export link, asking for the print setup its kind declares (core/tab/print.ts). Made when someone
 * asks for it, so that generating a tab costs no call more; null where the workbook is no Google
 * spreadsheet (the playground, the CLI), whose .xlsx carries the print setup itself.
 */
import { AppError } from '../core/errors';
import { pdfExportUrl, printSetupFor, type PrintRequest } from '../core/tab/print';
import type { AppContext } from '../ports';

export interface PrintLink {
  tab: string;
  url: string;
}

export function printLink(ctx: AppContext, request: PrintRequest): PrintLink | null {
  if (!ctx.workbook.printTarget) return null;
  const tab = ctx.workbook.findTab(request.tab);
  if (!tab) throw new AppError({ code: 'error.tabNotFound', params: { tab: request.tab } });
  const { spreadsheetId, sheetId } = ctx.workbook.printTarget(tab.name);
  // Every generated tab freezes the rows it repeats; Sheets' export repeats the frozen rows.
  const print = printSetupFor(tab.marker?.kind ?? 'plain', 1);
  return { tab: tab.name, url: pdfExportUrl(spreadsheetId, sheetId, print) };
}
