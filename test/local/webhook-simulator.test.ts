/**
 * The local stand-in for the three robot platforms (test/support/webhook-server.ts): first that it
 * checks and answers as the platforms document, with signatures computed here by node:crypto; then the
 * core's own requests, posted to it with Node's fetch.
 */
import { createHmac } from 'node:crypto';
import { signedRequest, type ChatPlan } from '../../src/core/remind/chat';
import { composeReminders } from '../../src/core/remind/compose';
import { readPlatformReply } from '../../src/core/remind/reply';
import { parseReminderSettings, type ChatChannel } from '../../src/core/remind/settings';
import type { OutgoingRequest } from '../../src/ports';
import { startWebhookSimulator, type WebhookSimulator } from '../support/webhook-server';
import { CONTACTS, DAY, due, ITEMS, LINKS } from '../core/remind/fixtures';

let sim: WebhookSimulator;
beforeEach(async () => {
  sim = await startWebhookSimulator();
});
afterEach(() => sim.close());

async function post(
  url: string,
  body: unknown,
  contentType = 'application/json',
): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: Record<string, unknown> | null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { status: response.status, json, text };
}

const send = (request: OutgoingRequest) => post(request.url, request.payload, request.contentType);

const feishuSign = (timestamp: number, secret: string) => createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
const dingtalkSign = (timestamp: number, secret: string) => encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));

describe('the simulator answers as WeCom’s group robot', () => {
  test('a text with @ lists, a markdown; errcode 0 "ok"', async () => {
    const url = sim.robot('wecom');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/webhook\/send\?key=[0-9a-f-]{36}$/);
    expect(
      (await post(url, { msgtype: 'text', text: { content: '广州今日天气', mentioned_list: ['wangqing', '@all'], mentioned_mobile_list: ['13800001111'] } }))
        .json,
    ).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await post(url, { msgtype: 'markdown', markdown: { content: '**加粗**' } })).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(sim.received.map((r) => [r.platform, r.ok, r.problems])).toEqual([
      ['wecom', true, []],
      ['wecom', true, []],
    ]);
  });

  test('refuses an unknown key, a wrong type, content over 2048 / 4096 bytes, and more than 20 a minute', async () => {
    let now = 1_000_000;
    sim.setNow(() => now);
    const url = sim.robot('wecom');
    expect((await post(url.replace(/key=.*/, 'key=nope'), { msgtype: 'text', text: { content: 'x' } })).json?.errcode).toBe(93000);
    expect((await post(url, { msgtype: 'image', image: {} })).json?.errcode).toBe(40008);
    expect((await post(url, { msgtype: 'text', text: { content: '字'.repeat(683) } })).json?.errcode).toBe(40058); // 2049 bytes
    expect((await post(url, { msgtype: 'text', text: { content: '字'.repeat(682) } })).json?.errcode).toBe(0); // 2046 bytes
    expect((await post(url, { msgtype: 'markdown', markdown: { content: 'a'.repeat(4097) } })).json?.errmsg).toMatch(
      /^markdown\.content exceed max length 4096/,
    );
    now += 60_001;
    for (let i = 0; i < 20; i++) expect((await post(url, { msgtype: 'text', text: { content: `${i}` } })).json?.errcode).toBe(0);
    expect((await post(url, { msgtype: 'text', text: { content: '21' } })).json).toEqual({ errcode: 45009, errmsg: 'api freq out of limit' });
    now += 60_001;
    expect((await post(url, { msgtype: 'text', text: { content: 'a minute later' } })).json?.errcode).toBe(0);
  });

  test('notes what WeCom would silently get wrong: @ fields on markdown, a phone that is not one', async () => {
    const url = sim.robot('wecom');
    await post(url, { msgtype: 'markdown', markdown: { content: 'x', mentioned_list: ['a'] } });
    await post(url, { msgtype: 'text', text: { content: 'x', mentioned_mobile_list: ['林晓'] } });
    expect(sim.received.map((r) => r.problems)).toEqual([
      ['markdown has no mentioned_list: WeCom would not @ anyone'],
      ['mentioned_mobile_list holds "林晓", not a phone number'],
    ]);
  });
});

describe('the simulator answers as Feishu’s custom bot', () => {
  const post_ = {
    msg_type: 'post',
    content: {
      post: {
        zh_cn: {
          title: '标题',
          content: [
            [
              { tag: 'text', text: '你好 ' },
              { tag: 'at', user_id: 'ou_1' },
              { tag: 'a', text: '行', href: 'https://example.com' },
            ],
          ],
        },
      },
    },
  };

  test('signed as documented (seconds; key = timestamp\\n secret; empty message) it replies code 0', async () => {
    const url = sim.robot('feishu', { secret: 'nIMtb7r3N9pkXyXdtAbx6e' });
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await post(url, { timestamp: String(timestamp), sign: feishuSign(timestamp, 'nIMtb7r3N9pkXyXdtAbx6e'), ...post_ })).json).toEqual({
      code: 0,
      msg: 'success',
      data: {},
    });
    expect((await post(url, { timestamp: String(timestamp), sign: feishuSign(timestamp, 'wrong'), ...post_ })).json?.code).toBe(19021);
    expect((await post(url, post_)).json?.code).toBe(19021);
    const stale = timestamp - 3601;
    expect((await post(url, { timestamp: String(stale), sign: feishuSign(stale, 'nIMtb7r3N9pkXyXdtAbx6e'), ...post_ })).json).toEqual({
      code: 19021,
      data: {},
      msg: 'sign match fail or timestamp is not within one hour from current time',
    });
  });

  test('a text with <at>, the old reply shape, the 20 KB body, 5 a second, an unknown hook', async () => {
    const url = sim.robot('feishu', { legacy: true });
    expect((await post(url, { msg_type: 'text', content: { text: '<at user_id="ou_1">Tom</at> 新更新提醒' } })).json).toEqual({
      StatusCode: 0,
      StatusMessage: 'success',
    });
    const big = { msg_type: 'text', content: { text: 'x'.repeat(20 * 1024) } };
    expect((await post(url, big)).json?.StatusCode).toBe(9499);
    let now = 5_000_000;
    sim.setNow(() => now);
    const fresh = sim.robot('feishu');
    for (let i = 0; i < 5; i++) expect((await post(fresh, { msg_type: 'text', content: { text: `${i}` } })).json?.code).toBe(0);
    expect((await post(fresh, { msg_type: 'text', content: { text: 'sixth' } })).json?.code).toBe(11232);
    now += 1001;
    expect((await post(fresh, { msg_type: 'text', content: { text: 'next second' } })).json?.code).toBe(0);
    expect((await post(fresh.replace(/hook\/.*/, 'hook/nope'), post_)).json?.msg).toBe('param invalid: incoming webhook access token invalid');
    expect((await post(fresh, { msg_type: 'post', content: { post: { zh_cn: { content: [[{ tag: 'a', text: 'x' }]] } } } })).json?.code).toBe(9499);
  });
});

describe('the simulator answers as DingTalk’s custom robot', () => {
  const markdown = {
    msgtype: 'markdown',
    markdown: { title: '杭州天气', text: '#### 杭州天气 @15212345678\n> 9度' },
    at: { atMobiles: ['15212345678'], isAtAll: false },
  };

  test('signed on the URL as documented (ms; the secret is the key; URL-encoded) it replies errcode 0', async () => {
    const secret = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
    const url = sim.robot('dingtalk', { secret });
    const timestamp = Date.now();
    expect((await post(`${url}&timestamp=${timestamp}&sign=${dingtalkSign(timestamp, secret)}`, markdown)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await post(`${url}&timestamp=${timestamp}&sign=${dingtalkSign(timestamp, 'SECother')}`, markdown)).json?.errmsg).toMatch(/^sign not match/);
    expect((await post(url, markdown)).json?.errmsg).toMatch(/^invalid timestamp/);
    const stale = timestamp - 3_600_001;
    expect((await post(`${url}&timestamp=${stale}&sign=${dingtalkSign(stale, secret)}`, markdown)).json).toMatchObject({
      errcode: 310000,
      errmsg: expect.stringMatching(/^invalid timestamp/),
    });
  });

  test('@ fields are checked against the text; an unknown token; more than 20 a minute', async () => {
    const url = sim.robot('dingtalk');
    await post(url, { msgtype: 'text', text: { content: '我就是我' }, at: { atMobiles: ['15212345678'], atUserIds: ['u1'] } });
    expect(sim.received[0].problems).toEqual([
      'at.atMobiles holds 15212345678 but the text has no "@15212345678"',
      'at.atUserIds holds u1 but the text has no "@u1"',
    ]);
    expect((await post(url.replace(/access_token=.*/, 'access_token=00'), markdown)).json).toEqual({ errcode: 300001, errmsg: 'token is not exist' });
    sim.setNow(() => 9_000_000);
    for (let i = 0; i < 19; i++) await post(url, markdown);
    expect((await post(url, markdown)).json).toEqual({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
  });
});

describe('failing on purpose, to test retries', () => {
  test('the next N requests fail as the platform’s rate limit or as a 502, then it answers again', async () => {
    const wecom = sim.robot('wecom');
    const feishu = sim.robot('feishu');
    sim.failNext(2, 'rateLimit');
    sim.failNext(1, 'serverError');
    expect((await post(wecom, { msgtype: 'text', text: { content: 'a' } })).json?.errcode).toBe(45009);
    expect((await post(feishu, { msg_type: 'text', content: { text: 'b' } })).json?.code).toBe(11232);
    const down = await post(wecom, { msgtype: 'text', text: { content: 'c' } });
    expect([down.status, down.json]).toEqual([502, null]);
    expect((await post(wecom, { msgtype: 'text', text: { content: 'd' } })).json?.errcode).toBe(0);
    expect(sim.received.map((r) => r.ok)).toEqual([false, false, false, true]);
  });
});

describe('the core’s requests, posted with fetch, pass as each platform documents them', () => {
  /** A busy day: enough items to split into several messages (Feishu's 20 KB takes many more). */
  const busy = (count: number) => [
    ...ITEMS,
    ...Array.from({ length: count }, (_, i) =>
      due({ item: `第${i + 1}项 私聊未到课学员并记录原因`, owner: ['林晓', '周舟'][i % 2], minute: (8 * 60 + i) % 1440, row: 20 + i }),
    ),
  ];

  test.each([
    ['wecom', '', true],
    ['wecom', '', false],
    ['feishu', 'nIMtb7r3N9pkXyXdtAbx6e', true],
    ['feishu', '', true],
    ['dingtalk', 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd', true],
    ['dingtalk', '', true],
  ] as const)('%s, secret %p, @ %p', async (channel, secret, mention) => {
    const webhook = sim.robot(channel, secret ? { secret } : {});
    const settings = parseReminderSettings({ enabled: true, channel, webhook, secret, mention }, 'zh-CN');
    const plan = composeReminders({
      items: busy(channel === 'feishu' ? 300 : 60),
      contacts: CONTACTS,
      date: DAY,
      settings,
      lang: 'zh-CN',
      tabLinks: LINKS,
    }) as ChatPlan;
    expect(plan.messages.length).toBeGreaterThan(1);
    // Posts spaced as the plan says; the simulator's rate limits run on its clock, moved here instead of waiting.
    let now = Date.now();
    sim.setNow(() => now);
    for (const message of plan.messages) {
      const reply = await send(signedRequest(channel as ChatChannel, settings.webhook, settings.secret, message.body, now));
      now += plan.minIntervalMs;
      expect(readPlatformReply(channel, reply.status, reply.text)).toMatchObject({ ok: true });
    }
    expect(sim.received.map((r) => [r.ok, r.problems])).toEqual(plan.messages.map(() => [true, []]));
  });

  test('a rate-limited post is retryable, and goes through when signed and sent again', async () => {
    const webhook = sim.robot('feishu', { secret: 'nIMtb7r3N9pkXyXdtAbx6e' });
    const plan = composeReminders({
      items: ITEMS,
      contacts: CONTACTS,
      date: DAY,
      settings: { channel: 'feishu', include: { today: true, overdue: true, tomorrow: false }, mention: true },
      lang: 'en',
    }) as ChatPlan;
    sim.failNext(1, 'rateLimit');
    const first = await send(signedRequest('feishu', webhook, 'nIMtb7r3N9pkXyXdtAbx6e', plan.messages[0].body, Date.now()));
    expect(readPlatformReply('feishu', first.status, first.text)).toMatchObject({ ok: false, retryable: true, hint: 'remind.reply.rateLimited' });
    const again = await send(signedRequest('feishu', webhook, 'nIMtb7r3N9pkXyXdtAbx6e', plan.messages[0].body, Date.now()));
    expect(readPlatformReply('feishu', again.status, again.text).ok).toBe(true);
  });

  test('a request signed more than an hour ago is refused, and the reply says to check the signature', async () => {
    const secret = 'SEC0123456789abcdef0123456789abcdef';
    const webhook = sim.robot('dingtalk', { secret });
    const plan = composeReminders({
      items: ITEMS,
      contacts: CONTACTS,
      date: DAY,
      settings: { channel: 'dingtalk', include: { today: true, overdue: false, tomorrow: false }, mention: true },
      lang: 'zh-CN',
    }) as ChatPlan;
    const reply = await send(signedRequest('dingtalk', webhook, secret, plan.messages[0].body, Date.now() - 2 * 3600 * 1000));
    expect(readPlatformReply('dingtalk', reply.status, reply.text)).toMatchObject({ ok: false, retryable: false, hint: 'remind.reply.signature' });
  });
});
