/** Files in and out for CLI commands: grids from .tsv/.csv/.xlsx, workbooks to .xlsx, JSON to stdout. */
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../core/errors';
import type { LocalContext } from '../context';
import { MemoryWorkbook } from '../memory-workbook';
import { readGridFile } from '../read-file';
import { readWorkbookFile, updateXlsx, writeXlsx } from '../xlsx';
import type { CliIo } from './types';
import type { ParsedArgs } from './args';

/**
 * Writes a local workbook to an .xlsx file (with the add-on's markers). Given the file the workbook was
 * loaded from, only the tabs that changed are rewritten and every other sheet is kept as it was.
 */
export async function saveWorkbook(ctx: LocalContext, path: string, loadedFrom?: Buffer): Promise<void> {
  const tabs = ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker }));
  const buffer = loadedFrom
    ? await updateXlsx(loadedFrom, tabs.filter((tab) => ctx.workbook.changedTabs.has(tab.spec.name)))
    : await writeXlsx(tabs);
  writeFileSync(path, buffer);
}

/**
 * Opens an .xlsx as a workbook (for --update): generated tabs keep their markers, so use cases update
 * them in place; other tabs come back as plain tabs.
 */
export async function loadWorkbook(path: string): Promise<{ workbook: MemoryWorkbook; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AppError({ code: 'error.fileNotFound', params: { path } });
  }
  const workbook = new MemoryWorkbook();
  for (const sheet of await readWorkbookFile(bytes, path)) {
    if (!sheet.visible) continue;
    workbook.addTab(sheet.name, sheet.values, sheet.marker);
  }
  workbook.markSaved();
  return { workbook, bytes };
}

/** The first tab of a .tsv/.csv/.xlsx file as a grid. */
export async function readFirstGrid(path: string) {
  const [first] = await readGridFile(path);
  if (!first) throw new AppError({ code: 'error.emptyInput', location: { tab: path } });
  return first;
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2));
}

/** The string value of an option, or undefined. */
export function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}
