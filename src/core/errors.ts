/**
 * An error is a value with a code, a location and i18n parameters, turned into the user's
 * language at the edge (sidebar, alert, CLI stderr).
 */
import { MessageKey, MessageParams, Translate } from './i18n';
import { columnLetter } from './tab/spec';

export interface ErrorLocation {
  /** A file given on the command line. */
  file?: string;
  tab?: string;
  row?: number; // 1-based row as the user sees it in the sheet or file
  column?: number; // 0-based column index (shown as a letter) …
  columnName?: string; // … or its header text
}

export interface Problem {
  code: MessageKey;
  params?: MessageParams;
  location?: ErrorLocation;
}

export class AppError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.code).join(', '));
    this.name = 'AppError';
    this.problems = list;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (typeof error === 'object' && error !== null && Array.isArray((error as AppError).problems));
}

/** "「群数据」第 3 行 C 列（到课人数）：…" / "Tab "Data", row 3, column C (attendees): …". */
export function formatProblem(problem: Problem, tr: Translate): string {
  const message = tr(problem.code, problem.params);
  const loc = problem.location;
  if (!loc) return message;
  const parts: string[] = [];
  if (loc.file) parts.push(tr('error.where.file', { file: loc.file }));
  if (loc.tab) parts.push(tr('error.where.tab', { tab: loc.tab }));
  if (loc.row !== undefined) parts.push(tr('error.where.row', { row: loc.row }));
  if (loc.column !== undefined) parts.push(tr('error.where.column', { column: columnLetter(loc.column) }));
  let where = parts.join(tr('error.where.join'));
  if (loc.columnName) where += tr('error.where.columnName', { name: loc.columnName });
  return where ? `${where}${tr('error.separator')}${message}` : message;
}

export function formatError(error: unknown, tr: Translate): string {
  if (isAppError(error)) return error.problems.map((p) => formatProblem(p, tr)).join('\n');
  const message = error instanceof Error ? error.message : String(error);
  return tr('error.unexpected', { message });
}
