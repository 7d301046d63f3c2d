/**
 * The local playground: http://localhost:8080 (PORT overrides). The demo workbook in memory, previewed
 * as HTML; the Sheets menu mirrored; the very sidebar HTML that ships to Sheets, whose server calls go
 * to the same use cases over HTTP; cells editable; "Download .xlsx" exports the workbook.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, runMenuAction } from '../app/api';
import { sidebarBoot, SidebarPage } from '../app/boot';
import { MENU, menuCommand } from '../app/menu';
import { openSession } from '../app/session';
import { formatError } from '../core/errors';
import { createDemoContext } from './demo';
import { LocalContext } from './context';
import { writeXlsx } from './xlsx';
import { previewCss } from './html-preview';
import { PreviewEngine } from './preview-engine';
import { typedInput } from './typed-input';
import pageTemplate from './playground-page.html';

export interface Playground {
  url: string;
  ctx: LocalContext;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 20 * 1024 * 1024) reject(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

export function sidebarHtml(ctx: LocalContext, page: SidebarPage, built: string): string {
  const boot = sidebarBoot(ctx, page);
  return built.replace('</body>', `<script>window.__SOP_BOOT__=${JSON.stringify(boot).replace(/</g, '\\u003c')};</script></body>`);
}

function pageHtml(ctx: LocalContext): string {
  const { lang, tr } = openSession(ctx);
  const boot = {
    appName: tr('app.name'),
    extensionsLabel: tr('playground.extensions'),
    generatedLabel: tr('playground.generated'),
    hiddenLabel: tr('playground.hidden'),
    cellMenu: (['insertRowAbove', 'insertColumnLeft', 'deleteRow', 'hideRow', 'showRows', 'note'] as const).map((action) => ({ action, label: tr(`playground.cell.${action}`) })),
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

/** The playground's sheets stay within what Sheets allows for one tab's rows and columns. */
const MAX_SHEET_INDEX = 18_277;
/** Sheets keeps notes far shorter than this; a longer one is a paste gone wrong. */
const MAX_NOTE_LENGTH = 10_000;

export function startPlayground(options: { port?: number; ctx?: LocalContext; sidebarPath?: string } = {}): Promise<Playground> {
  const ctx = options.ctx ?? createDemoContext();
  const engine = new PreviewEngine(ctx);
  const sidebarPath = options.sidebarPath ?? join(__dirname, '..', 'gas', 'sidebar.html');
  let version = 0;
  ctx.workbook.onChange = () => {
    engine.recalculate();
    version++;
  };
  engine.recalculate();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      switch (route) {
        case 'GET /':
          return send(res, 200, 'text/html; charset=utf-8', pageHtml(ctx));
        case 'GET /sidebar': {
          const page = (url.searchParams.get('page') ?? 'team') as SidebarPage;
          return send(res, 200, 'text/html; charset=utf-8', sidebarHtml(ctx, page, readFileSync(sidebarPath, 'utf8')));
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
          const body = (await readBody(req)) as { tab: string };
          ctx.workbook.activate(body.tab);
          version++;
          return json(res, 200, { ok: true });
        }
        case 'POST /edit': {
          const body = (await readBody(req)) as { tab: string; row: number; col: number; value: string };
          try {
            ctx.workbook.setCell(body.tab, body.row, body.col, typedInput(String(body.value ?? '')));
            return json(res, 200, { ok: true });
          } catch (error) {
            return json(res, 200, { error: formatError(error, openSession(ctx).tr) });
          }
        }
        case 'POST /sheet': {
          // What a person does to a tab besides typing: rows and columns, hiding, notes.
          const body = (await readBody(req)) as { action?: string; tab?: string; row?: number; col?: number; text?: string };
          const tab = String(body.tab ?? '');
          const row = Number(body.row);
          const col = Number(body.col);
          if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row > MAX_SHEET_INDEX || col > MAX_SHEET_INDEX) {
            return json(res, 400, { error: 'row and column must be whole numbers within the sheet' });
          }
          try {
            const wb = ctx.workbook;
            switch (body.action) {
              case 'insertRowAbove':
                wb.insertRows(tab, row);
                break;
              case 'insertColumnLeft':
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
              case 'note':
                wb.setNote(tab, row, col, String(body.text ?? '').slice(0, MAX_NOTE_LENGTH));
                break;
              default:
                return json(res, 400, { error: 'unknown action' });
            }
            return json(res, 200, { ok: true });
          } catch (error) {
            return json(res, 200, { error: formatError(error, openSession(ctx).tr) });
          }
        }
        case 'GET /download.xlsx': {
          const buffer = await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker, hidden: tab.hidden })));
          res.writeHead(200, {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': 'attachment; filename="sop-planner-demo.xlsx"',
          });
          res.end(buffer);
          return;
        }
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const name = decodeURIComponent(url.pathname.slice('/api/'.length));
        const args = await readBody(req);
        const response = callApi(ctx, name, Array.isArray(args) ? args : []);
        return json(res, response.ok ? 200 : 422, response);
      }
      if (req.method === 'POST' && url.pathname.startsWith('/menu/')) {
        // A menu item that runs an action (sidebar items open the sidebar page in the browser).
        const command = menuCommand(decodeURIComponent(url.pathname.slice('/menu/'.length)));
        if (!command || !('action' in command)) return json(res, 404, { error: 'unknown menu function' });
        runMenuAction(ctx, command.action);
        return json(res, 200, { ok: true });
      }
      send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', String(error instanceof Error ? error.stack : error));
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port ?? 8080;
      resolve({
        url: `http://localhost:${port}/`,
        ctx,
        close: () => new Promise<void>((done) => server.close(() => done())),
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
