/** Files in and out for CLI commands: grids from .tsv/.csv/.xlsx, workbooks to .xlsx, JSON to stdout. */
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fromIso } from '../../core/dates';
import { AppError, formatProblem, type Problem } from '../../core/errors';
import type { Lang, Translate } from '../../core/i18n';
import type { Settings } from '../../core/settings';
import { createLocalContext, type LocalContext } from '../context';
import { MemoryWorkbook } from '../memory-workbook';
import { readGridFile, readWorkbookInputFile } from '../read-file';
import type { CliIo, CliOption } from './types';
import type { ParsedArgs } from './args';

/**
 * Writes a local workbook to an .xlsx file (with the add-on's markers). Given the file the workbook was
 * loaded from, only the tabs that changed are rewritten and every other part of the file is kept as it
 * was (see updateXlsx).
 */
export async function saveWorkbook(ctx: LocalContext, path: string, loadedFrom?: Buffer): Promise<void> {
  const tabs = ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker, hidden: tab.hidden }));
  const buffer = loadedFrom
    ? await (
        await xlsx()
      ).updateXlsx(
        loadedFrom,
        tabs.filter((tab) => ctx.workbook.changedTabs.has(tab.spec.name)),
      )
    : await (await xlsx()).writeXlsx(tabs);
  writeAtomically(path, buffer);
}

/**
 * The file is written next to its target and renamed over it, so that a crash or a full disk
 * never leaves half a workbook where the person's file was: they find the old file or the new one.
 */
function writeAtomically(path: string, bytes: Buffer): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fd = openSync(temporary, 'wx');
    try {
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
      // On disk before the rename, so the rename never points at bytes still in memory.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The new file keeps the permissions of the one it replaces.
    const mode = existingMode(path);
    if (mode !== null) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never written, or already renamed.
    }
    throw error;
  }
}

function existingMode(path: string): number | null {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return null;
  }
}

/**
 * Opens an .xlsx as a workbook (for --update): every sheet comes back with what it holds (values,
 * formulas, formats, styles, notes, hidden rows…), generated tabs with their markers, so use cases
 * update them in place and what people added to them travels along. Hidden sheets come back hidden:
 * they keep their names taken, so an old version the add-on keeps never lands on one of them.
 */
export async function loadWorkbook(path: string): Promise<{ workbook: MemoryWorkbook; bytes: Buffer }> {
  const bytes = await readWorkbookInputFile(path);
  const workbook = new MemoryWorkbook();
  for (const tab of await (await xlsx()).readWorkbookTabsFile(bytes, path)) workbook.addTabSpec(tab.spec, tab.marker, { hidden: !tab.visible });
  workbook.markSaved();
  return { workbook, bytes };
}

/** --workbook of the commands that read a whole workbook (today, review, remind), opened by openWorkbookContext. */
export const WORKBOOK_OPTION = {
  value: 'FILE.xlsx',
  required: true,
  summary: { 'zh-CN': '要读取的工作簿', en: 'The workbook to read' },
} as const satisfies CliOption;

/** --date of the commands that compute for a day (today, review). */
export const DAY_OPTION = {
  value: 'YYYY-MM-DD',
  summary: { 'zh-CN': '按这一天计算（默认今天，上海时间）', en: 'Compute for this day (default: today, Shanghai time)' },
} as const satisfies CliOption;

/**
 * An .xlsx opened as a local context for a command that reads a whole workbook: in the command line's
 * language, on the day --date names (an ISO date already checked) or today, with any settings given.
 */
export async function openWorkbookContext(
  path: string,
  options: { lang: Lang; date?: string | null; settings?: Partial<Settings> },
): Promise<{ ctx: LocalContext; bytes: Buffer }> {
  const { workbook, bytes } = await loadWorkbook(path);
  const ctx = createLocalContext({
    workbook,
    locale: options.lang === 'en' ? 'en_US' : 'zh_CN',
    today: options.date ? (fromIso(options.date) ?? undefined) : undefined,
    settings: options.settings ?? {},
  });
  return { ctx, bytes };
}

/** Prints what is wrong with the command line, one problem a line; true when anything was (the command exits with 1). */
export function printedProblems(io: CliIo, problems: readonly Problem[], tr: Translate): boolean {
  if (!problems.length) return false;
  io.stderr(problems.map((problem) => formatProblem(problem, tr)).join('\n'));
  return true;
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
export function option<Name extends string>(args: ParsedArgs<Name>, name: Name): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Refuses an --out that cannot become a workbook, before any work is done: a folder (writing "into"
 * it would replace the folder's name), a folder that does not exist, a name that is not .xlsx (the
 * bytes are a workbook whatever the name says, and the file would not open as what it claims).
 */
export function checkOutputFile(path: string): void {
  if (isFolder(path) || /[\\/]$/.test(path)) throw new AppError({ code: 'cli.error.outIsFolder', params: { path } });
  const folder = dirname(path);
  if (!isFolder(folder)) throw new AppError({ code: 'cli.error.outFolderMissing', params: { folder } });
  if (!/\.xlsx$/i.test(path)) throw new AppError({ code: 'cli.error.outNotXlsx', params: { path } });
}

/** Refuses an --ics that cannot become a calendar file, before any work is done (as checkOutputFile does for --out). */
export function checkIcsFile(path: string): void {
  if (isFolder(path) || /[\\/]$/.test(path)) throw new AppError({ code: 'ics.cli.error.isFolder', params: { path } });
  const folder = dirname(path);
  if (!isFolder(folder)) throw new AppError({ code: 'ics.cli.error.folderMissing', params: { folder } });
  if (!/\.ics$/i.test(path)) throw new AppError({ code: 'ics.cli.error.notIcs', params: { path } });
}

/** A text file in UTF-8, written as workbooks are (next to its target, then renamed over it). */
export function writeTextFile(path: string, text: string): void {
  writeAtomically(path, Buffer.from(text, 'utf8'));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The xlsx reader and writer, loaded when a command reads or writes a workbook (ExcelJS takes a third of a second to load). */
function xlsx(): Promise<typeof import('../xlsx')> {
  return import('../xlsx');
}
