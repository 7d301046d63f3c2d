/** The local hosts' reminders: memory ports, and posting with Node's fetch to a webhook on 127.0.0.1. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NOT_SENT_AFTER_FAILURE } from '../../src/core/remind/sending';
import { createLocalContext } from '../../src/local/context';
import { FetchReminderSender, MAIL_NOT_SENT_LOCALLY, MemoryReminderScopes, MemoryReminderTrigger } from '../../src/local/reminders';
import type { OutgoingRequest } from '../../src/ports';

interface Received {
  path: string;
  method: string;
  contentType: string | undefined;
  body: unknown;
  at: number;
}

/** A robot on 127.0.0.1: each path answers its replies in turn (WeCom's path shape, so the channel reads from the address). */
let server: Server;
let base: string;
const received: Received[] = [];
const replies = new Map<string, Array<{ status: number; body: string }>>();

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    void read(request).then((text) => {
      const path = request.url ?? '';
      received.push({ path, method: request.method ?? '', contentType: request.headers['content-type'], body: JSON.parse(text), at: Date.now() });
      const reply = replies.get(path)?.shift() ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      response.writeHead(reply.status, { 'Content-Type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  replies.clear();
});

const wecom = (key: string): string => `${base}/cgi-bin/webhook/send?key=${key}`;
const post = (url: string, content: string): OutgoingRequest => ({
  url,
  payload: JSON.stringify({ msgtype: 'text', text: { content } }),
  contentType: 'application/json',
});

describe('the local context', () => {
  test('keeps the reminder setup, the trigger time and the granted scopes in memory', () => {
    const ctx = createLocalContext();
    const { store, trigger, scopes } = ctx.reminders;
    expect(store.load()).toBeNull();
    store.save('{"channel":"wecom"}');
    expect(store.load()).toBe('{"channel":"wecom"}');
    expect(trigger.current()).toBeNull();
    trigger.install(8, 30);
    trigger.install(9, 15);
    expect(trigger.current()).toEqual({ hour: 9, minute: 15 });
    trigger.remove();
    expect(trigger.current()).toBeNull();
    expect(scopes.missing()).toEqual([]);
  });

  test('a trigger time that is no time is refused', () => {
    expect(() => new MemoryReminderTrigger().install(24, 0)).toThrow(RangeError);
  });

  test('missing scopes are granted when the person accepts the prompt, and stop the call when they decline', () => {
    const scope = 'https://www.googleapis.com/auth/script.send_mail';
    const accepting = new MemoryReminderScopes({ missing: [scope] });
    expect(accepting.missing()).toEqual([scope]);
    accepting.require();
    expect([accepting.missing(), accepting.prompts]).toEqual([[], 1]);
    const declining = new MemoryReminderScopes({ missing: [scope], decline: true });
    expect(() => declining.require()).toThrow('Authorization is required to perform that action.');
    expect(declining.missing()).toEqual([scope]);
  });
});

describe('posting with fetch', () => {
  test('each post is a JSON POST; the platform’s reply is read, a refusal with its code and message', async () => {
    replies.set('/cgi-bin/webhook/send?key=bad', [{ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url, hint: [1764820800_1a2b3c]"}' }]);
    const sender = new FetchReminderSender({ spacingMs: 0, senderName: 'x', channel: 'wecom' });
    const outcomes = await sender.post([post(wecom('good'), '今日事项'), post(wecom('bad'), '今日事项')]);
    expect(outcomes).toEqual([
      { ok: true, status: 200, detail: 'ok' },
      { ok: false, status: 200, detail: '93000 invalid webhook url' },
    ]);
    expect(received.map((r) => [r.method, r.contentType, r.body])).toEqual([
      ['POST', 'application/json', { msgtype: 'text', text: { content: '今日事项' } }],
      ['POST', 'application/json', { msgtype: 'text', text: { content: '今日事项' } }],
    ]);
  });

  test('posts to one webhook keep their order and are spaced; after a failure the rest of that webhook waits for a retry', async () => {
    replies.set('/cgi-bin/webhook/send?key=busy', [{ status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' }]);
    const waits: number[] = [];
    const sender = new FetchReminderSender({ spacingMs: 3000, senderName: 'x', sleep: async (ms) => void waits.push(ms) });
    const outcomes = await sender.post([
      post(wecom('a'), 'a 1/3'),
      post(wecom('a'), 'a 2/3'),
      post(wecom('busy'), 'busy 1/2'),
      post(wecom('busy'), 'busy 2/2'),
      post(wecom('a'), 'a 3/3'),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, false, true]);
    expect(outcomes[3]).toEqual({ ok: false, status: null, detail: NOT_SENT_AFTER_FAILURE });
    const toA = received.filter((r) => r.path.endsWith('key=a')).map((r) => (r.body as { text: { content: string } }).text.content);
    expect(toA).toEqual(['a 1/3', 'a 2/3', 'a 3/3']);
    expect(received).toHaveLength(4);
    expect(waits).toEqual([3000, 3000]);
  });

  test('a webhook nobody answers is a failed post with the network error, not the URL or key', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=693a91f6-7e1d-4bc4-97a0-0ec2f1fa5aaa`;
    const [outcome] = await new FetchReminderSender({ spacingMs: 0, senderName: 'x' }).post([post(url, 'hi')]);
    expect(outcome).toMatchObject({ ok: false, status: null });
    expect(outcome.detail).toMatch(/fetch failed/);
    expect(outcome.detail).not.toContain('693a91f6');
  });

  test('mail is delivered by the host’s mailer, and without one is reported as not sent', async () => {
    const mail = { to: 'lin@example.com', subject: '今日事项', body: '开营通知' };
    expect(await new FetchReminderSender({ spacingMs: 0, senderName: 'x' }).mail([mail])).toEqual([{ ok: false, status: null, detail: MAIL_NOT_SENT_LOCALLY }]);
    const delivered: string[] = [];
    const sender = new FetchReminderSender({
      spacingMs: 0,
      senderName: '社群SOP助手',
      deliverMail: async (m, name) => {
        if (m.to === 'bounce@example.com') throw new Error('mailbox unavailable');
        delivered.push(`${name} → ${m.to}`);
      },
    });
    expect(await sender.mail([mail, { ...mail, to: 'bounce@example.com' }])).toEqual([
      { ok: true, status: null, detail: '' },
      { ok: false, status: null, detail: 'mailbox unavailable' },
    ]);
    expect(delivered).toEqual(['社群SOP助手 → lin@example.com']);
  });
});
