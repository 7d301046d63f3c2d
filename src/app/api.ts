/**
 * The functions a sidebar may call, in one list. Apps Script exposes each as a global function
 * (src/gas/entries/*), the playground serves each at POST /api/<name>, and the sidebar's typed
 * client is derived from this list. Arguments and results are JSON-safe (no Date, no class instances).
 */
import { formatProblem, isAppError, formatError } from '../core/errors';
import type { AppContext } from '../ports';
import { calendarApi } from './features/calendar';
import { ganttApi } from './features/gantt';
import { metricsApi } from './features/metrics';
import { sopApi } from './features/sop';
import { openSession } from './session';
import { getTeamState, saveSettings, saveTeam } from './team';

const teamApi = {
  getTeamState: (ctx: AppContext) => getTeamState(ctx),
  saveTeam: (ctx: AppContext, people: Parameters<typeof saveTeam>[1]) => saveTeam(ctx, people),
  saveSettings: (ctx: AppContext, settings: Parameters<typeof saveSettings>[1]) => saveSettings(ctx, settings),
};

export const api = { ...teamApi, ...sopApi, ...ganttApi, ...calendarApi, ...metricsApi };

export type Api = typeof api;
export type ApiName = keyof Api;

/** The client's view of an API function: the context is supplied by the server. */
export type ClientApi = {
  [K in ApiName]: (...args: Api[K] extends (ctx: AppContext, ...rest: infer A) => unknown ? A : never) => Promise<
    ReturnType<Api[K]>
  >;
};

export interface ApiProblem {
  text: string;
  row?: number;
  column?: number;
}

/** Every call returns an envelope, so a structured error crosses google.script.run and HTTP alike. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: { message: string; problems: ApiProblem[] } };

/**
 * How a host words an error that is not a refusal (a bug, a failed service). Sheets shows its
 * message; the playground logs it to its terminal and shows a plain sentence, so a page never sees
 * a stack trace or a path on the server.
 */
export type UnexpectedErrorText = (error: unknown) => string;

export function callApi(ctx: AppContext, name: string, args: unknown[], unexpected?: UnexpectedErrorText): ApiResponse<unknown> {
  const fn = (api as Record<string, (ctx: AppContext, ...a: unknown[]) => unknown>)[name];
  try {
    if (typeof fn !== 'function' || !Object.prototype.hasOwnProperty.call(api, name)) throw new Error(`Unknown function ${name}`);
    return { ok: true, value: fn(ctx, ...args) };
  } catch (error) {
    return { ok: false, error: describeError(ctx, error, unexpected) };
  }
}

/** An error in the user's language, with the row of each problem for inline display. */
export function describeError(ctx: AppContext, error: unknown, unexpected?: UnexpectedErrorText): { message: string; problems: ApiProblem[] } {
  const { tr } = safeSession(ctx);
  if (unexpected && !isAppError(error)) return { message: unexpected(error), problems: [] };
  const problems: ApiProblem[] = isAppError(error)
    ? error.problems.map((p) => ({ text: formatProblem(p, tr), row: p.location?.row, column: p.location?.column }))
    : [];
  return { message: formatError(error, tr), problems };
}

/** Runs a menu action; a failure is shown to the user as an alert in their language. */
export function runMenuAction(ctx: AppContext, action: (ctx: AppContext) => void, unexpected?: UnexpectedErrorText): void {
  try {
    action(ctx);
  } catch (error) {
    const { tr } = safeSession(ctx);
    ctx.ui.alert(describeError(ctx, error, unexpected).message, tr('app.name'));
  }
}

function safeSession(ctx: AppContext) {
  try {
    return openSession(ctx);
  } catch {
    return openSession({ ...ctx, settings: { load: () => ({}), save: () => undefined } });
  }
}
