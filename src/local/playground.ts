/**
 * The local playground: http://localhost:8080 (PORT overrides). The demo workbook in memory, previewed
 * as HTML; the Sheets menu mirrored; the very sidebar HTML that ships to Sheets, whose server calls go
 * to the same use cases over HTTP; cells editable; "Download .xlsx" exports the workbook.
 *
 * It answers only its own page. It listens on 127.0.0.1 and refuses a request addressed to any other
 * host name (a DNS-rebinding page would otherwise read the workbook), a change sent from another
 * site's page, and a change without the token this start made and handed to its own page and
 * sidebars. What one request may ask is bounded (PLAYGROUND_LIMITS), so none can stall the server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, runEditTriggers, runMenuAction } from '../app/api';
import { isSidebarPage, sidebarBoot, sidebarFile, SidebarPage } from '../app/boot';
import { MENU, menuCommand } from '../app/menu';
import { openSession } from '../app/session';
import { AppError, ErrorLocation, formatError, isAppError, Problem } from '../core/errors';
import { SHEETS_LIMITS } from '../core/tab/limits';
import { columnLetter, gridWidth, isFormulaCell, TabSpec } from '../core/tab/spec';
import { createDemoContext } from './demo';
import { LocalContext } from './context';
import { FormulaTooDeepError, parseFormula } from '../core/formula/parse';
import { writeXlsx } from './xlsx';
import { previewCss } from './html-preview';
import { PreviewEngine } from './preview-engine';
import { cellFormatAt, typedCellInput } from './typed-input';
import pageTemplate from './playground-page.html';

export interface Playground {
  url: string;
  ctx: LocalContext;
  /** What the page and its sidebars send with every POST; made anew each time the server starts. */
  token: string;
  close(): Promise<void>;
}

/**
 * What one request may ask of the playground (README.md, "Security", lists them). Columns and
 * characters per cell are Sheets' own (SHEETS_LIMITS); the playground recomputes and redraws a whole
 * tab after every change, so a person may grow a tab only to far fewer cells than Sheets would hold —
 * a generated tab that is already bigger stays editable inside.
 * Formulas nest at most MAX_FORMULA_DEPTH levels (core/formula/parse.ts).
 */
export const PLAYGROUND_LIMITS = {
  /** Row numbers 1–100,000. */
  rows: 100_000,
  /** Columns A–ZZZ, as in Sheets. */
  columns: SHEETS_LIMITS.columns,
  /** Rows × columns a tab may grow to by typing, inserting or adding a note (the preview's blank rows below it included): redrawn in about a second. */
  tabCells: 200_000,
  /** Characters in a cell or a note, as in Sheets. */
  text: SHEETS_LIMITS.cellCharacters,
  /** One request body: a sidebar paste of some 100,000 rows; bigger inputs are for the CLI, which reads files. */
  bodyBytes: 10 * 1024 * 1024,
} as const;

/** The header carrying the token; the page and src/ui/rpc.ts send it. */
const TOKEN_HEADER = 'x-sop-token';

/** A request the playground will not serve, with the status it answers and what the person is told. */
class Refused extends AppError {
  constructor(
    readonly status: 400 | 403 | 413,
    problem: Problem,
  ) {
    super(problem);
  }
}

/** The page is served to no other site's frame, and no response is read as anything but its type. */
const SAFETY_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'SAMEORIGIN' };

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SAFETY_HEADERS, 'Content-Type': type, ...headers });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown, headers?: Record<string, string>) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);

/** The host names the playground answers to, with its port (bare too on port 80, as browsers send it). */
function ownHosts(port: number): { hosts: Set<string>; origins: Set<string> } {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  const hosts = names.map((name) => `${name}:${port}`).concat(port === 80 ? names : []);
  return { hosts: new Set(hosts), origins: new Set(hosts.map((host) => `http://${host}`)) };
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses a request from anyone but the playground's own page: its Host always, its Origin and token on a change. */
function refuseStrangers(req: IncomingMessage, own: { hosts: Set<string>; origins: Set<string> }, token: string): void {
  const host = req.headers.host?.toLowerCase();
  if (!host) throw new Refused(400, { code: 'playground.refused.badRequest' });
  if (!own.hosts.has(host)) throw new Refused(403, { code: 'playground.refused.host' });
  if (req.method === 'GET' || req.method === 'HEAD') return;
  // Browsers send Origin with every POST; a client without one (curl) still needs the token.
  const origin = req.headers.origin;
  if (origin !== undefined && !own.origins.has(origin.toLowerCase())) throw new Refused(403, { code: 'playground.refused.origin' });
  if (!sameToken(req.headers[TOKEN_HEADER], token)) throw new Refused(403, { code: 'playground.refused.token' });
}

const tooLarge = () => new Refused(413, { code: 'playground.refused.tooLarge', params: { limit: PLAYGROUND_LIMITS.bodyBytes / 1024 / 1024 } });

/** The request's JSON body, refused past PLAYGROUND_LIMITS.bodyBytes without holding more than that. */
function readBody(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers['content-length']) > PLAYGROUND_LIMITS.bodyBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= PLAYGROUND_LIMITS.bodyBytes) {
        chunks.push(chunk);
        return;
      }
      refused = true;
      chunks.length = 0;
      reject(tooLarge());
    });
    req.on('end', () => {
      if (refused) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        reject(new Refused(400, { code: 'playground.refused.badRequest' }));
      }
    });
    req.on('error', reject);
  });
}

/** The request's address; one that cannot be read is refused, never thrown past the handler. */
function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    throw new Refused(400, { code: 'playground.refused.badRequest' });
  }
}

/** The rest of a path after its prefix, decoded ("/api/saveTeam" → "saveTeam"). */
function decodedAfter(pathname: string, prefix: string): string {
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    throw new Refused(400, { code: 'playground.refused.badRequest' });
  }
}

/** A body that must be a JSON object (the page's requests); anything else is refused. */
async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refused(400, { code: 'playground.refused.badRequest' });
  return body as Record<string, unknown>;
}

/** The cell a request names: whole numbers within PLAYGROUND_LIMITS (so NaN, 1e999, -1 and 2.5 are refused). */
function cellOf(body: Record<string, unknown>, tab: string): { row: number; col: number } {
  const { row, col } = body;
  const within = (n: unknown, limit: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < limit;
  if (!within(row, PLAYGROUND_LIMITS.rows) || !within(col, PLAYGROUND_LIMITS.columns)) {
    const params = { rows: PLAYGROUND_LIMITS.rows.toLocaleString('en-US'), lastColumn: columnLetter(PLAYGROUND_LIMITS.columns - 1) };
    throw new Refused(400, { code: 'playground.refused.cell', params, location: { tab } });
  }
  return { row, col };
}

function refuseLongText(text: string, location: ErrorLocation): void {
  if (text.length <= PLAYGROUND_LIMITS.text) return;
  const params = { length: text.length.toLocaleString('en-US'), limit: PLAYGROUND_LIMITS.text.toLocaleString('en-US') };
  throw new Refused(400, { code: 'playground.refused.textTooLong', params, location });
}

/** Blank rows the preview draws below every tab (preview-engine.ts): drawn, and so counted, like the rest. */
const PREVIEW_BLANK_ROWS = 20;

/** Refuses a change at (row, col), perhaps inserting a row or a column, that would grow a tab past PLAYGROUND_LIMITS.tabCells. */
function refuseGrowth(spec: TabSpec, change: { row: number; col: number; inserts?: 'row' | 'column' }, location: ErrorLocation): void {
  const height = spec.rows.length;
  const width = gridWidth(spec);
  const rows = Math.max(height, change.row + 1) + (change.inserts === 'row' ? 1 : 0);
  const cols = Math.max(width, change.col + 1) + (change.inserts === 'column' ? 1 : 0);
  if ((rows <= height && cols <= width) || (rows + PREVIEW_BLANK_ROWS) * cols <= PLAYGROUND_LIMITS.tabCells) return;
  throw new Refused(400, { code: 'playground.refused.tabTooLarge', params: { limit: PLAYGROUND_LIMITS.tabCells.toLocaleString('en-US') }, location });
}

/** A formula too deep to compute is refused before it is stored; other unreadable formulas show #ERROR!, as in Sheets. */
function refuseTooDeep(formula: string, location: ErrorLocation): void {
  try {
    parseFormula(formula);
  } catch (error) {
    if (!(error instanceof FormulaTooDeepError)) return;
    throw new Refused(400, { code: 'playground.refused.formulaTooDeep', params: { position: error.position + 1, limit: error.limit }, location });
  }
}

/** The sidebar as Sheets serves it, with its boot data and this start's token appended. */
export function sidebarHtml(ctx: LocalContext, page: SidebarPage, built: string, token: string): string {
  const boot = sidebarBoot(ctx, page);
  const script = `window.__SOP_BOOT__=${JSON.stringify(boot).replace(/</g, '\\u003c')};window.__SOP_PLAYGROUND_TOKEN__=${JSON.stringify(token)};`;
  return built.replace('</body>', `<script>${script}</script></body>`);
}

function pageHtml(ctx: LocalContext, token: string): string {
  const { lang, tr } = openSession(ctx);
  const boot = {
    token,
    appName: tr('app.name'),
    extensionsLabel: tr('playground.extensions'),
    generatedLabel: tr('playground.generated'),
    hiddenLabel: tr('playground.hidden'),
    cellMenu: (['insertRowAbove', 'insertColumnLeft', 'deleteRow', 'hideRow', 'showRows', 'note'] as const).map((action) => ({
      action,
      label: tr(`playground.cell.${action}`),
    })),
    notePrompt: tr('playground.cell.notePrompt'),
    menu: MENU.map((item) => (item === 'separator' ? item : { label: tr(item.label), fn: item.fn, page: 'page' in item ? item.page : null })),
  };
  const values: Record<string, string> = {
    LANG: lang,
    TITLE: tr('playground.title'),
    HINT: tr('playground.hint'),
    DOWNLOAD: tr('playground.download'),
    PREVIEW_CSS: previewCss,
    BOOT: JSON.stringify(boot).replace(/</g, '\\u003c'),
  };
  return pageTemplate.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in values ? values[name] : whole));
}

export function startPlayground(options: { port?: number; ctx?: LocalContext; sidebarDir?: string } = {}): Promise<Playground> {
  const ctx = options.ctx ?? createDemoContext();
  const engine = new PreviewEngine(ctx);
  /** Where the built sidebars are, one file per page (app/boot.ts sidebarFile). */
  const sidebarDir = options.sidebarDir ?? join(__dirname, '..', 'gas');
  const token = randomBytes(32).toString('base64url');
  let own = ownHosts(options.port ?? 8080);
  let version = 0;
  // The engine computes the formulas when the workbook is next read (a page asking for a tab, a use
  // case reading one), not after each of the many cells a use case writes.
  ctx.workbook.recalculate = () => engine.recalculate();
  ctx.workbook.onChange = () => {
    version++;
  };
  engine.recalculate();

  const server = createServer((req, res) => {
    const handle = async (): Promise<void> => {
      refuseStrangers(req, own, token);
      const url = requestUrl(req);
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case 'GET /':
          return send(res, 200, 'text/html; charset=utf-8', pageHtml(ctx, token));
        case 'GET /sidebar': {
          const page = url.searchParams.get('page') ?? 'team';
          // The page names a file: only a known page is read.
          if (!isSidebarPage(page)) throw new Refused(400, { code: 'playground.refused.badRequest' });
          return send(res, 200, 'text/html; charset=utf-8', sidebarHtml(ctx, page, readFileSync(join(sidebarDir, `${sidebarFile(page)}.html`), 'utf8'), token));
        }
        case 'GET /state':
          return json(res, 200, {
            version,
            active: ctx.workbook.activeTabName(),
            tabs: ctx.workbook.tabs.map((tab) => ({ name: tab.spec.name, generated: tab.marker !== null, hidden: tab.hidden === true })),
            messages: ctx.ui.messages,
          });
        case 'GET /tab': {
          const name = url.searchParams.get('name') ?? '';
          return send(res, 200, 'text/html; charset=utf-8', engine.tabHtml(name));
        }
        case 'POST /activate': {
          const body = await readObject(req);
          ctx.workbook.activate(String(body.tab ?? ''));
          version++;
          return json(res, 200, { ok: true });
        }
        case 'POST /edit': {
          // Everything is checked before the cell is touched: a refused edit leaves the workbook as it was.
          const body = await readObject(req);
          const tab = String(body.tab ?? '');
          const { row, col } = cellOf(body, tab);
          const location = { tab, row: row + 1, column: col };
          const text = String(body.value ?? '');
          refuseLongText(text, location);
          refuseGrowth(ctx.workbook.tab(tab).spec, { row, col }, location);
          const { spec } = ctx.workbook.tab(tab);
          const typed = typedCellInput(text, cellFormatAt(spec, row, col), ctx.clock.today());
          if (isFormulaCell(typed.cell)) refuseTooDeep(typed.cell.formula, location);
          // A date typed into an automatic cell is shown and saved as a date, as Sheets formats it.
          if (typed.format) spec.formats = [...(spec.formats ?? []), { range: { row, col, rows: 1, cols: 1 }, format: typed.format }];
          ctx.workbook.setCell(tab, row, col, typed.cell);
          // As in Sheets, a person's edit runs the add-on's onEdit (an SOP tab's push counts follow it).
          runEditTriggers(ctx, tab);
          return json(res, 200, { ok: true });
        }
        case 'POST /sheet': {
          // What a person does to a tab besides typing: rows and columns, hiding, notes.
          const body = await readObject(req);
          const tab = String(body.tab ?? '');
          const { row, col } = cellOf(body, tab);
          const location = { tab, row: row + 1, column: col };
          const wb = ctx.workbook;
          const { spec } = wb.tab(tab);
          switch (body.action) {
            case 'insertRowAbove':
              refuseGrowth(spec, { row, col, inserts: 'row' }, location);
              wb.insertRows(tab, row);
              break;
            case 'insertColumnLeft':
              refuseGrowth(spec, { row, col, inserts: 'column' }, location);
              wb.insertColumns(tab, col);
              break;
            case 'deleteRow':
              wb.deleteRows(tab, row);
              break;
            case 'hideRow':
              wb.hideRows(tab, row);
              break;
            case 'showRows':
              wb.showRows(tab);
              break;
            case 'note': {
              const text = String(body.text ?? '');
              refuseLongText(text, location);
              refuseGrowth(spec, { row, col }, location);
              wb.setNote(tab, row, col, text);
              break;
            }
            default:
              throw new Refused(400, { code: 'playground.refused.badRequest' });
          }
          return json(res, 200, { ok: true });
        }
        case 'GET /download.xlsx': {
          const buffer = await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker, hidden: tab.hidden })));
          res.writeHead(200, {
            ...SAFETY_HEADERS,
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': 'attachment; filename="sop-planner-demo.xlsx"',
          });
          res.end(buffer);
          return;
        }
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const name = decodedAfter(url.pathname, '/api/');
        const args = await readBody(req);
        const response = callApi(ctx, name, Array.isArray(args) ? args : [], unexpectedForTerminal);
        return json(res, response.ok ? 200 : 422, response);
      }
      if (req.method === 'POST' && url.pathname.startsWith('/menu/')) {
        // A menu item that runs an action (sidebar items open the sidebar page in the browser).
        const command = menuCommand(decodedAfter(url.pathname, '/menu/'));
        if (!command || !('action' in command)) throw new Refused(400, { code: 'playground.refused.badRequest' });
        runMenuAction(ctx, command.action, unexpectedForTerminal);
        return json(res, 200, { ok: true });
      }
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    };
    // Whatever went wrong that is not a refusal is for the terminal: a stack trace names the server's files.
    const unexpectedForTerminal = (error: unknown): string => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      return openSession(ctx).tr('playground.error.server');
    };
    handle().catch((error: unknown) => {
      const { tr } = openSession(ctx);
      if (error instanceof Refused) {
        // A body refused half-read is not read on: the connection closes after the answer.
        const headers: Record<string, string> = error.status === 413 ? { Connection: 'close' } : {};
        if (!res.headersSent) json(res, error.status, { error: formatError(error, tr) }, headers);
        return;
      }
      if (isAppError(error)) {
        if (!res.headersSent) json(res, 422, { error: formatError(error, tr) });
        return;
      }
      const message = unexpectedForTerminal(error);
      if (!res.headersSent) json(res, 500, { error: message });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
      own = ownHosts(port);
      resolve({
        url: `http://localhost:${port}/`,
        ctx,
        token,
        // A browser keeps connections open (keep-alive, a preconnect, a request the page left in flight);
        // closing must not wait for them, or a test that closes the server before the browser hangs.
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT || 8080);
  startPlayground({ port }).then(
    (playground) => {
      const { tr } = openSession(playground.ctx);
      process.stderr.write(`${tr('playground.listening', { url: playground.url })}\n`);
    },
    (error: NodeJS.ErrnoException) => {
      process.stderr.write(error.code === 'EADDRINUSE' ? `Port ${port} is in use; set PORT=8081 npm start\n` : `${error.stack}\n`);
      process.exitCode = 1;
    },
  );
}
