/**
 * The playground answers only its own page. Another site's page can neither change the workbook
 * (Origin, token) nor read it through DNS rebinding (Host); no single request can stall the server
 * (bounded cells, texts, bodies and formula depth); and what goes wrong never shows the server's
 * insides. Requests go through http.request so any Host and Origin header can be sent.
 */
import { request as httpRequest } from 'node:http';
import { createConnection, type Socket } from 'node:net';
import { createDemoContext } from '../../src/local/demo';
import { PLAYGROUND_LIMITS, startPlayground, type Playground } from '../../src/local/playground';
import { MAX_FORMULA_DEPTH } from '../../src/core/formula/parse';
import type { CellValue } from '../../src/core/tab/spec';

interface Answer {
  status: number;
  body: string;
  /** The body as JSON, or null when it is not JSON. */
  json: { error?: string; ok?: boolean } | null;
}

interface Ask {
  method?: 'GET' | 'POST';
  path: string;
  /** The Host header; undefined sends the playground's own ("localhost:<port>"), null sends none. */
  host?: string | null;
  origin?: string;
  /** The token header; undefined sends the right one, null sends none. */
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body), e.g. numbers JSON.stringify cannot write. */
  raw?: string | Buffer;
  /** Sends the body in chunks without Content-Length. */
  chunked?: boolean;
}

function ask(playground: Playground, what: Ask): Promise<Answer> {
  const port = Number(new URL(playground.url).port);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (what.host !== null) headers.Host = what.host ?? `localhost:${port}`;
  if (what.origin !== undefined) headers.Origin = what.origin;
  if (what.token !== null) headers['X-SOP-Token'] = what.token ?? playground.token;
  const payload = what.raw ?? (what.body === undefined ? undefined : JSON.stringify(what.body));
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      { host: '127.0.0.1', port, path: what.path, method: what.method ?? (payload === undefined ? 'GET' : 'POST'), headers, setHost: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: Answer['json'];
          try {
            json = JSON.parse(body);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, body, json });
        });
      },
    );
    // A server that refuses a big body closes the connection while it is still being sent; the answer came first.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    if (payload !== undefined && what.chunked) {
      const data = Buffer.from(payload);
      const step = 1024 * 1024;
      const writeFrom = (at: number): void => {
        if (at >= data.length || answered) {
          req.end();
          return;
        }
        if (req.write(data.subarray(at, at + step))) writeFrom(at + step);
        else req.once('drain', () => writeFrom(at + step));
      };
      writeFrom(0);
    } else {
      req.end(payload);
    }
  });
}

const TEAM_TAB = '团队';
const FUNNEL_TAB = '群数据';

describe('the playground answers only its own page', () => {
  let playground: Playground;
  let origin: string;
  const team = (): CellValue[][] => playground.ctx.workbook.readTab(TEAM_TAB);
  const newTeam = [{ name: '攻击者', role: '其他' }];

  beforeAll(async () => {
    playground = await startPlayground({ port: 0 });
    origin = playground.url.replace(/\/$/, '');
  });
  afterAll(() => playground.close());

  test('its own page loads and carries the token this start made; its sidebars carry it too', async () => {
    const page = await ask(playground, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain(playground.token);
    expect(playground.token.length).toBeGreaterThanOrEqual(32);
    const other = await startPlayground({ port: 0 });
    expect(other.token).not.toBe(playground.token);
    await other.close();
  });

  test('a page on another host name (DNS rebinding) cannot read the workbook', async () => {
    for (const host of ['attacker.example', `attacker.example:${new URL(playground.url).port}`, 'localhost:1', '127.0.0.2']) {
      const answer = await ask(playground, { path: '/state', host });
      expect(answer.status).toBe(403);
      expect(answer.json?.error).toContain('localhost');
      expect(answer.body).not.toContain(FUNNEL_TAB);
    }
    expect((await ask(playground, { path: `/tab?name=${encodeURIComponent(FUNNEL_TAB)}`, host: 'attacker.example' })).status).toBe(403);
    expect((await ask(playground, { path: '/download.xlsx', host: 'attacker.example' })).status).toBe(403);
    expect((await ask(playground, { path: '/state', host: null })).status).toBe(400);
  });

  test('127.0.0.1 and [::1] with the playground’s port are its own names too', async () => {
    const port = new URL(playground.url).port;
    expect((await ask(playground, { path: '/state', host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await ask(playground, { path: '/state', host: `[::1]:${port}` })).status).toBe(200);
    expect((await ask(playground, { path: '/state', host: `LOCALHOST:${port}` })).status).toBe(200);
  });

  test('a change addressed to another host name is refused, even with the token', async () => {
    const before = team();
    const answer = await ask(playground, { path: '/api/saveTeam', host: 'attacker.example', body: [newTeam] });
    expect(answer.status).toBe(403);
    expect(team()).toEqual(before);
  });

  test('a change sent from another site’s page is refused on every endpoint, and the team stays as it was', async () => {
    const before = team();
    const funnel = playground.ctx.workbook.readTab(FUNNEL_TAB);
    const changes: Array<[string, unknown]> = [
      ['/api/saveTeam', [newTeam]],
      ['/edit', { tab: TEAM_TAB, row: 1, col: 0, value: '攻击者' }],
      ['/sheet', { action: 'deleteRow', tab: TEAM_TAB, row: 1, col: 0 }],
      ['/activate', { tab: FUNNEL_TAB }],
      ['/menu/showHelp', {}],
    ];
    for (const foreign of ['https://attacker.example', 'http://localhost.attacker.example', 'null', `http://localhost:${Number(new URL(origin).port) + 1}`]) {
      for (const [path, body] of changes) {
        const answer = await ask(playground, { path, origin: foreign, body });
        expect([path, foreign, answer.status]).toEqual([path, foreign, 403]);
        expect(answer.json?.error).toBe('来自其他网站的修改请求已被拒绝。');
      }
    }
    expect(team()).toEqual(before);
    expect(playground.ctx.workbook.readTab(FUNNEL_TAB)).toEqual(funnel);
  });

  test('a change without the token, or with another one, is refused and asks to reload the page', async () => {
    const before = team();
    for (const token of [null, '', 'guess', `${playground.token.slice(0, -1)}x`, `${playground.token}x`]) {
      const answer = await ask(playground, { path: '/api/saveTeam', origin, token, body: [newTeam] });
      expect(answer.status).toBe(403);
      expect(answer.json?.error).toContain('请刷新页面');
    }
    expect(team()).toEqual(before);
  });

  test('the page’s own changes go through, from localhost or 127.0.0.1, and from a client that sends no Origin', async () => {
    const port = new URL(playground.url).port;
    const fromLocalhost = await ask(playground, { path: '/edit', origin, body: { tab: FUNNEL_TAB, row: 30, col: 0, value: 'localhost' } });
    const fromLoopback = await ask(playground, {
      path: '/edit',
      host: `127.0.0.1:${port}`,
      origin: `http://127.0.0.1:${port}`,
      body: { tab: FUNNEL_TAB, row: 30, col: 1, value: '127' },
    });
    const fromCurl = await ask(playground, { path: '/edit', body: { tab: FUNNEL_TAB, row: 30, col: 2, value: 'curl' } });
    expect([fromLocalhost.json, fromLoopback.json, fromCurl.json]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(playground.ctx.workbook.readTab(FUNNEL_TAB)[30].slice(0, 3)).toEqual(['localhost', 127, 'curl']);
  });
});

describe('no single request can stall the playground or break it', () => {
  let playground: Playground;
  let origin: string;
  const edit = (body: Record<string, unknown>) => ask(playground, { path: '/edit', origin, body: { tab: FUNNEL_TAB, ...body } });
  const grid = () => playground.ctx.workbook.readTab(FUNNEL_TAB);

  beforeAll(async () => {
    playground = await startPlayground({ port: 0 });
    origin = playground.url.replace(/\/$/, '');
  });
  afterAll(() => playground.close());

  test('a row or column that is not a whole number within the sheet is refused at once, on /edit and /sheet alike', async () => {
    const before = grid();
    const outside: Array<[string, string]> = [
      ['1e999', '0'],
      ['300000', '0'],
      [String(PLAYGROUND_LIMITS.rows), '0'],
      ['1e15', '0'],
      ['-1', '0'],
      ['2.5', '0'],
      ['"3"', '0'],
      ['null', '0'],
      ['0', String(PLAYGROUND_LIMITS.columns)],
      ['0', '-1e999'],
      ['0', '0.5'],
    ];
    for (const [row, col] of outside) {
      for (const path of ['/edit', '/sheet']) {
        const raw = `{"tab":"${FUNNEL_TAB}","action":"insertRowAbove","row":${row},"col":${col},"value":"x","text":"x"}`;
        const answer = await ask(playground, { path, origin, raw });
        expect([path, row, col, answer.status]).toEqual([path, row, col, 400]);
        expect(answer.json?.error).toBe(`「${FUNNEL_TAB}」：单元格位置无效：行号须是 1 到 100,000 之间的整数，列须在 A 到 ZZZ 之间。未做任何修改。`);
      }
    }
    // NaN cannot be written in JSON at all: such a body is not read.
    expect((await ask(playground, { path: '/edit', origin, raw: `{"tab":"${FUNNEL_TAB}","row":NaN,"col":0,"value":"x"}` })).status).toBe(400);
    expect(grid()).toEqual(before);
  });

  test('typing far below or right of a tab is refused when the tab would grow past the playground’s size; inside it is fine', async () => {
    const before = grid();
    for (const [row, col] of [
      [PLAYGROUND_LIMITS.rows - 1, 0],
      [0, PLAYGROUND_LIMITS.columns - 1],
      [20_000, 20],
    ]) {
      const answer = await edit({ row, col, value: 'far' });
      expect(answer.status).toBe(400);
      expect(answer.json?.error).toMatch(/：标签页会超过本地试用能显示的大小（200,000 个单元格，含下方的空白行），未做任何修改。$/);
    }
    const note = await ask(playground, { path: '/sheet', origin, body: { action: 'note', tab: FUNNEL_TAB, row: 90_000, col: 3, text: '远处的批注' } });
    expect(note.status).toBe(400);
    expect(grid()).toEqual(before);
    expect(playground.ctx.workbook.tab(FUNNEL_TAB).spec.notes ?? []).toEqual([]);

    expect((await edit({ row: 2, col: 3, value: '42' })).json).toEqual({ ok: true });
    expect(grid()[2][3]).toBe(42);
  });

  test('a cell or a note longer than 50,000 characters is refused and not stored; one of exactly 50,000 is kept', async () => {
    const before = grid();
    const long = await edit({ row: 4, col: 1, value: 'x'.repeat(PLAYGROUND_LIMITS.text + 1) });
    expect(long.status).toBe(400);
    expect(long.json?.error).toBe(`「${FUNNEL_TAB}」 第 5 行 B 列：内容有 50,001 个字符，超过上限（50,000 个字符），未做任何修改。`);
    const longNote = await ask(playground, {
      path: '/sheet',
      origin,
      body: { action: 'note', tab: FUNNEL_TAB, row: 4, col: 1, text: 'y'.repeat(PLAYGROUND_LIMITS.text + 1) },
    });
    expect(longNote.status).toBe(400);
    expect(grid()).toEqual(before);
    expect(playground.ctx.workbook.tab(FUNNEL_TAB).spec.notes ?? []).toEqual([]);

    expect((await edit({ row: 4, col: 1, value: 'x'.repeat(PLAYGROUND_LIMITS.text) })).json).toEqual({ ok: true });
    expect(String(grid()[4][1])).toHaveLength(PLAYGROUND_LIMITS.text);
  });

  test('a formula nested 50,000 or 24,999 brackets deep is refused, not stored, and the next edit still computes', async () => {
    const before = grid();
    // 50,000 brackets each way are 100,002 characters with "=1": refused for their length already.
    const deepest = await edit({ row: 6, col: 2, value: `=${'('.repeat(50_000)}1${')'.repeat(50_000)}` });
    expect(deepest.status).toBe(400);
    expect(deepest.json?.error).toMatch(/内容有 100,002 个字符/);
    const deep = await edit({ row: 6, col: 2, value: `=${'('.repeat(24_999)}1${')'.repeat(24_999)}` });
    expect(deep.status).toBe(400);
    expect(deep.json?.error).toBe(`「${FUNNEL_TAB}」 第 7 行 C 列：公式在第 ${MAX_FORMULA_DEPTH + 2} 个字符处嵌套超过 ${MAX_FORMULA_DEPTH} 层，未做任何修改。`);
    expect(grid()).toEqual(before);

    expect((await edit({ row: 6, col: 2, value: '=SUM(1,(2*3))' })).json).toEqual({ ok: true });
    expect(grid()[6][2]).toBe(7);
    // A formula that is merely wrong is stored and shows #ERROR!, as in Sheets.
    expect((await edit({ row: 6, col: 3, value: '=1+' })).json).toEqual({ ok: true });
    expect(grid()[6][3]).toBe('#ERROR!');
  });

  test('a body over 10 MB is refused with 413, whether it says its length or not, and the server keeps answering', async () => {
    const huge = JSON.stringify([{ text: 'z'.repeat(PLAYGROUND_LIMITS.bodyBytes) }]);
    const declared = await ask(playground, { path: '/api/saveTeam', origin, raw: huge });
    expect(declared.status).toBe(413);
    expect(declared.json?.error).toBe('请求太大（上限 10 MB），未做任何修改。');
    const streamed = await ask(playground, { path: '/api/saveTeam', origin, raw: huge, chunked: true });
    expect(streamed.status).toBe(413);
    expect((await ask(playground, { path: '/state' })).status).toBe(200);
  });

  test('a body that is not JSON, or not the shape asked for, is refused with 400', async () => {
    for (const raw of ['{"tab":', 'not json', '[1,2]', '"text"', 'null']) {
      const answer = await ask(playground, { path: '/edit', origin, raw });
      expect([raw, answer.status]).toEqual([raw, 400]);
      expect(answer.json?.error).toBe('无法读取这个请求，未做任何修改。');
    }
    expect((await ask(playground, { path: '/sheet', origin, body: { action: 'formatDisk', tab: FUNNEL_TAB, row: 0, col: 0 } })).status).toBe(400);
  });

  test('an address that cannot be read is refused, and the server keeps answering', async () => {
    for (const path of ['//[', '/api/%E0%A4%A', '/menu/%']) {
      const answer = await ask(playground, { path, origin, body: [] });
      expect([path, answer.status]).toEqual([path, 400]);
    }
    expect((await ask(playground, { path: '/state' })).status).toBe(200);
  });
});

/** What the server writes to its terminal, kept instead of shown; `write.mockRestore()` ends it. */
function captureStderr(): { logged: string[]; write: jest.SpyInstance } {
  const logged: string[] = [];
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
  return { logged, write };
}

describe('what goes wrong never shows the server’s insides', () => {
  const insides = /\n\s+at |\/work\/|\.ts:\d|node:internal|src\/local/;

  test('a failure inside the server answers a short message in the user’s language; the stack goes to the terminal', async () => {
    const ctx = createDemoContext({ locale: 'en_US' });
    ctx.workbook.activate = () => {
      throw new Error('disk gone at /work/main/src/local/memory-workbook.ts:84');
    };
    const playground = await startPlayground({ port: 0, ctx });
    const { logged, write } = captureStderr();
    try {
      const answer = await ask(playground, { path: '/activate', origin: playground.url.replace(/\/$/, ''), body: { tab: 'Team' } });
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ error: 'The playground hit an error and did not do this; the terminal running it has the details.' });
      expect(answer.body).not.toMatch(insides);
      expect(logged.join('')).toContain('disk gone at /work/main/src/local/memory-workbook.ts:84');
      expect(logged.join('')).toMatch(/\n\s+at /);
    } finally {
      write.mockRestore();
      await playground.close();
    }
  });

  test('a sidebar function failing with an unexpected error answers a plain sentence; its message and path go to the terminal', async () => {
    const ctx = createDemoContext();
    ctx.workbook.writeTab = () => {
      throw new Error("ENOENT: no such file or directory, open '/work/main/build/cache/team.json'");
    };
    const playground = await startPlayground({ port: 0, ctx });
    const { logged, write } = captureStderr();
    try {
      const answer = await ask(playground, { path: '/api/saveTeam', origin: playground.url.replace(/\/$/, ''), body: [[{ name: '小王', role: '社群运营' }]] });
      expect(answer.status).toBe(422);
      expect(answer.body).not.toMatch(insides);
      expect(answer.json).toEqual({ ok: false, error: { message: '本地试用出错了，这个操作没有完成；详情在运行本地试用的终端里。', problems: [] } });
      expect(logged.join('')).toContain('/work/main/build/cache/team.json');
      // A refusal is still the person's answer, word for word.
      const refused = await ask(playground, {
        path: '/api/saveTeam',
        origin: playground.url.replace(/\/$/, ''),
        body: [[{ name: '', role: '' }, { name: '小王' }, { name: '小王' }]],
      });
      expect(refused.body).not.toContain('本地试用出错了');
    } finally {
      write.mockRestore();
      await playground.close();
    }
  });

  test('asking for a tab that does not exist answers a message, not a stack trace', async () => {
    const playground = await startPlayground({ port: 0 });
    try {
      const answer = await ask(playground, { path: `/tab?name=${encodeURIComponent('没有这个')}` });
      expect(answer.status).toBe(422);
      expect(answer.json).toEqual({ error: '找不到标签页「没有这个」。' });
      expect(answer.body).not.toMatch(insides);
    } finally {
      await playground.close();
    }
  });
});

describe('stopping the playground', () => {
  test('closes at once although a browser still holds connections: one with a request half sent, one kept alive', async () => {
    const playground = await startPlayground({ port: 0 });
    const port = Number(new URL(playground.url).port);
    const connect = () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(socket));
        socket.on('error', reject);
      });
    // A request whose headers never end (a page left it in flight), and a finished one kept alive.
    const halfSent = await connect();
    halfSent.write('POST /edit HTTP/1.1\r\nHost: localhost:' + port + '\r\n');
    const keptAlive = await connect();
    const answered = new Promise<void>((resolve) => keptAlive.once('data', () => resolve()));
    keptAlive.write(`GET / HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: keep-alive\r\n\r\n`);
    await answered;
    const closedSockets = Promise.all([halfSent, keptAlive].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))));

    // Before, close() waited for these sockets and a test that closed the server before its browser hung.
    await playground.close();
    await closedSockets;
  });
});
