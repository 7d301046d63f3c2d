/**
 * The sidebar's promise client for the server functions of src/app/api.ts. In Sheets it uses
 * google.script.run; in the playground it posts JSON to /api/<name> with the token the playground
 * appended to this page. Each call makes a new promise (a proxy that cached one promise per property
 * would hand the same result to every call), and at most MAX_IN_FLIGHT calls run at once.
 */
import type { ApiProblem, ApiResponse, ClientApi } from '../app/api';

const MAX_IN_FLIGHT = 10;

export class ApiError extends Error {
  readonly problems: ApiProblem[];
  constructor(message: string, problems: ApiProblem[]) {
    super(message);
    this.name = 'ApiError';
    this.problems = problems;
  }
}

interface GoogleScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): GoogleScriptRun;
  withFailureHandler(fn: (error: Error) => void): GoogleScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: GoogleScriptRun } } | undefined;

declare global {
  interface Window {
    /** The playground's token for this start, appended to the sidebar it serves (src/local/playground.ts); absent in Sheets. */
    __SOP_PLAYGROUND_TOKEN__?: string;
  }
}

/** Whether the sidebar runs in Sheets (google.script.run), not in the local playground. */
export function inSheets(): boolean {
  return typeof google !== 'undefined' && Boolean(google.script && google.script.run);
}

function transport(name: string, args: unknown[]): Promise<ApiResponse<unknown>> {
  if (inSheets()) {
    return new Promise((resolve, reject) => {
      const runner = google!.script.run
        .withSuccessHandler((value) => resolve(value as ApiResponse<unknown>))
        .withFailureHandler((error) => reject(new ApiError(error && error.message ? error.message : String(error), [])));
      (runner[name] as (...a: unknown[]) => void)(...args);
    });
  }
  return fetch(`api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-SOP-Token': window.__SOP_PLAYGROUND_TOKEN__ ?? '' },
    body: JSON.stringify(args),
  }).then(async (response) => {
    const body = (await response.json().catch(() => null)) as (Partial<ApiResponse<unknown>> & { error?: unknown }) | null;
    if (body && typeof body.ok === 'boolean') return body as ApiResponse<unknown>;
    // A call the playground refused or failed answers {error} in the user's language ("reload the page", …).
    throw new ApiError(body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`, []);
  });
}

let inFlight = 0;
const waiting: Array<() => void> = [];

function slot(): Promise<void> {
  if (inFlight < MAX_IN_FLIGHT) {
    inFlight++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(() => resolve()));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

export function call(name: string, args: unknown[]): Promise<unknown> {
  return slot().then(() =>
    transport(name, args).then(
      (response) => {
        release();
        if (response.ok) return response.value;
        throw new ApiError(response.error.message, response.error.problems);
      },
      (error: unknown) => {
        release();
        throw error;
      },
    ),
  );
}

export const server: ClientApi = new Proxy({} as ClientApi, {
  get: (_target, name) => (name === 'then' ? undefined : (...args: unknown[]) => call(String(name), args)),
});
