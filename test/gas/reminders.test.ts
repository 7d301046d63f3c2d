/** Reminders in Sheets: the person's setup, their daily trigger, the extra scopes and the sending, against the fake. */
import manifest from '../../appsscript.json';
import { NOT_SENT_AFTER_FAILURE } from '../../src/core/remind/sending';
import { runTrigger } from '../../src/gas/dispatch';
import { GLOBALS } from '../../src/gas/main';
import {
  REMINDER_HANDLER,
  REMINDER_SCOPES,
  REMINDER_SETUP_PROPERTY,
  REMINDER_TRIGGER_PROPERTY,
  SheetsReminderScopes,
  SheetsReminderSender,
  SheetsReminderTrigger,
  UserReminderStore,
} from '../../src/gas/reminders';
import { createGasContext } from '../../src/gas/services';
import type { AppContext, OutgoingRequest } from '../../src/ports';
import { FakeGas, FakeTrigger, installFakeGas, type FakeFetchRequest } from './fake-spreadsheet';

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/2e9b1c4a-58f3-4c2e-9d0e-7a1b3c5d7e9f';
const DINGTALK =
  'https://oapi.dingtalk.com/robot/send?access_token=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0&timestamp=1764820800000&sign=qF3l%2BkN8aYc5t2zq0bqS7o1wQm3yJfL0x9XrGd2V8pE%3D';

const SCRIPTAPP = 'https://www.googleapis.com/auth/script.scriptapp';
const EXTERNAL_REQUEST = 'https://www.googleapis.com/auth/script.external_request';
const SEND_MAIL = 'https://www.googleapis.com/auth/script.send_mail';

let fake: FakeGas;
afterEach(() => fake?.uninstall());

function post(url: string, text: string): OutgoingRequest {
  return { url, payload: JSON.stringify({ msgtype: 'text', text: { content: text } }), contentType: 'application/json' };
}

/** The fake's webhook: answers each URL with the replies given, in turn. */
function answer(replies: Record<string, Array<{ status: number; body: unknown } | Error>>): void {
  const next = new Map(Object.entries(replies).map(([url, list]) => [url, [...list]]));
  fake.fetchHandler = (request: FakeFetchRequest) => {
    const reply = next.get(request.url)?.shift();
    if (!reply) throw new Error(`no reply prepared for ${request.url}`);
    if (reply instanceof Error) throw reply;
    return { status: reply.status, body: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body) };
  };
}

function reminderCalls(): string[] {
  return fake.calls
    .map((call) => call.method)
    .filter((method) => /^(ScriptApp|Trigger|ClockTriggerBuilder|TriggerBuilder|AuthorizationInfo|UrlFetchApp|HTTPResponse|MailApp)\./.test(method));
}

describe('the manifest', () => {
  test('declares the two scopes every feature needs and the four reminders ask for, each once', () => {
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        ...REMINDER_SCOPES,
      ]),
    );
    expect(manifest.oauthScopes).toHaveLength(6);
    // The full spreadsheets scope only lets the daily trigger open its spreadsheet by id, should it run without an active one.
    expect(REMINDER_SCOPES).toEqual([SCRIPTAPP, EXTERNAL_REQUEST, SEND_MAIL, 'https://www.googleapis.com/auth/spreadsheets']);
  });
});

describe('the setup store', () => {
  beforeEach(() => {
    fake = installFakeGas();
  });

  test('keeps the setup in the person’s user properties, one key for this spreadsheet, never in the document’s', () => {
    const store = createGasContext().reminders!.store;
    expect(store.load()).toBeNull();
    store.save('{"channel":"wecom"}');
    expect(store.load()).toBe('{"channel":"wecom"}');
    expect([...fake.userProperties.keys()]).toEqual([`${REMINDER_SETUP_PROPERTY}.${fake.book.id}`]);
    expect(fake.documentProperties.size).toBe(0);
    store.save(null);
    expect(store.load()).toBeNull();
    expect(fake.userProperties.size).toBe(0);
  });

  test('another spreadsheet’s setup of the same person is not this one’s', () => {
    fake.userProperties.set(`${REMINDER_SETUP_PROPERTY}.another-spreadsheet`, '{"channel":"feishu"}');
    expect(new UserReminderStore(() => fake.book.id).load()).toBeNull();
  });
});

describe('the daily trigger', () => {
  let trigger: SheetsReminderTrigger;
  beforeEach(() => {
    fake = installFakeGas({ timeZone: 'America/Los_Angeles' });
    trigger = new SheetsReminderTrigger(
      fake.spreadsheet,
      () => fake.book.id,
      () => 'America/Los_Angeles',
    );
  });

  test('is installed every day near the hour and minute, in the spreadsheet’s time zone, calling the handler', () => {
    expect(trigger.current()).toBeNull();
    trigger.install(8, 30);
    expect(fake.triggers).toHaveLength(1);
    expect(fake.triggers[0]).toMatchObject({
      handler: REMINDER_HANDLER,
      owner: fake.userEmail,
      documentId: fake.book.id,
      schedule: { everyDays: 1, everyHours: null, atHour: 8, nearMinute: 30, timeZone: 'America/Los_Angeles' },
    });
    expect(trigger.current()).toEqual({ hour: 8, minute: 30 });
    expect(JSON.parse(fake.userProperties.get(`${REMINDER_TRIGGER_PROPERTY}.${fake.book.id}`)!)).toEqual({
      id: fake.triggers[0].uniqueId,
      hour: 8,
      minute: 30,
    });
  });

  test('installing again replaces the trigger (an add-on may have one time-driven trigger per user and document)', () => {
    trigger.install(8, 30);
    const first = fake.triggers[0].uniqueId;
    trigger.install(18, 5);
    expect(fake.triggers).toHaveLength(1);
    expect(fake.triggers[0].uniqueId).not.toBe(first);
    expect(fake.triggers[0].schedule).toMatchObject({ atHour: 18, nearMinute: 5 });
    expect(trigger.current()).toEqual({ hour: 18, minute: 5 });
  });

  test('removing deletes only ours: not another handler’s, another person’s or another spreadsheet’s', () => {
    trigger.install(9, 0);
    const schedule = { everyDays: 1, everyHours: null, atHour: 7, nearMinute: 0, timeZone: null };
    const others = [
      new FakeTrigger(fake, 'other-handler', 'syncSomething', fake.userEmail, fake.book.id, schedule),
      new FakeTrigger(fake, 'other-person', REMINDER_HANDLER, 'colleague@example.com', fake.book.id, schedule),
      new FakeTrigger(fake, 'other-sheet', REMINDER_HANDLER, fake.userEmail, 'another-spreadsheet', schedule),
    ];
    fake.triggers.push(...others);
    trigger.remove();
    expect(fake.triggers.map((t) => t.uniqueId)).toEqual(['other-handler', 'other-person', 'other-sheet']);
    expect(trigger.current()).toBeNull();
    expect(fake.userProperties.has(`${REMINDER_TRIGGER_PROPERTY}.${fake.book.id}`)).toBe(false);
  });

  test('a trigger deleted elsewhere (the person’s trigger list) reads as none', () => {
    trigger.install(9, 0);
    fake.triggers.length = 0;
    expect(trigger.current()).toBeNull();
  });

  test('a time that is no hour or minute is refused before anything changes', () => {
    trigger.install(9, 0);
    expect(() => trigger.install(24, 0)).toThrow(RangeError);
    expect(() => trigger.install(8, 60)).toThrow(RangeError);
    expect(() => trigger.install(8.5, 0)).toThrow(RangeError);
    expect(trigger.current()).toEqual({ hour: 9, minute: 0 });
  });

  test('without the triggers scope, installing fails at ScriptApp (the use case asks for the scopes first)', () => {
    fake.grantedScopes.delete(SCRIPTAPP);
    expect(() => trigger.install(8, 0)).toThrow(`You do not have permission to call ScriptApp.getUserTriggers. Required permissions: ${SCRIPTAPP}`);
    expect(fake.triggers).toEqual([]);
  });
});

describe('the scopes', () => {
  beforeEach(() => {
    fake = installFakeGas();
  });

  test('none is missing when the person granted all, and require() returns', () => {
    const scopes = new SheetsReminderScopes();
    expect(scopes.missing()).toEqual([]);
    expect(() => scopes.require()).not.toThrow();
    expect(fake.consentPrompts).toEqual([]);
    expect(fake.callsTo('ScriptApp.getAuthorizationInfo')[0].args).toEqual(['FULL', REMINDER_SCOPES]);
  });

  test('a scope left unticked on the consent screen is missing, and require() stops the run with Google’s prompt for it', () => {
    fake.grantedScopes.delete(EXTERNAL_REQUEST);
    const scopes = new SheetsReminderScopes();
    expect(scopes.missing()).toEqual([EXTERNAL_REQUEST]);
    expect(() => scopes.require()).toThrow('Authorization is required to perform that action.');
    expect(fake.consentPrompts).toEqual([[EXTERNAL_REQUEST]]);
  });

  test('only the reminder scopes are asked about: the others do not count', () => {
    fake.grantedScopes.delete('https://www.googleapis.com/auth/script.container.ui');
    expect(new SheetsReminderScopes().missing()).toEqual([]);
  });
});

describe('posting to webhooks', () => {
  beforeEach(() => {
    fake = installFakeGas();
  });

  test('each request is a POST of the JSON payload, with HTTP errors returned, not thrown', () => {
    answer({ [WECOM]: [{ status: 200, body: { errcode: 0, errmsg: 'ok' } }] });
    const request = post(WECOM, '今日事项');
    expect(new SheetsReminderSender({ spacingMs: 3000, senderName: '社群SOP助手' }).post([request])).toEqual([{ ok: true, status: 200, detail: 'ok' }]);
    expect(fake.fetches).toEqual([
      { url: WECOM, method: 'post', contentType: 'application/json', payload: request.payload, headers: {}, muteHttpExceptions: true },
    ]);
    expect(fake.sleeps).toEqual([]);
  });

  test.each([
    ['WeCom, success', WECOM, 'wecom', 200, { errcode: 0, errmsg: 'ok' }, { ok: true, status: 200, detail: 'ok' }],
    [
      'WeCom, a wrong key',
      WECOM,
      'wecom',
      200,
      {
        errcode: 93000,
        errmsg: 'invalid webhook url, hint: [1764820800_1a2b3c], from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e=93000',
      },
      { ok: false, status: 200, detail: '93000 invalid webhook url' },
    ],
    ['DingTalk, success', DINGTALK, 'dingtalk', 200, { errcode: 0, errmsg: 'ok' }, { ok: true, status: 200, detail: 'ok' }],
    [
      'DingTalk, a wrong signature',
      DINGTALK,
      'dingtalk',
      200,
      { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' },
      { ok: false, status: 200, detail: expect.stringMatching(/^310000 sign not match/) },
    ],
    ['Feishu, success', FEISHU, 'feishu', 200, { code: 0, msg: 'success', data: {} }, { ok: true, status: 200, detail: 'success' }],
    [
      'Feishu (older bots), success',
      FEISHU,
      'feishu',
      200,
      { Extra: null, StatusCode: 0, StatusMessage: 'success' },
      { ok: true, status: 200, detail: 'success' },
    ],
    [
      'Feishu, a wrong signature',
      FEISHU,
      'feishu',
      200,
      { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' },
      { ok: false, status: 200, detail: '19021 sign match fail or timestamp is not within one hour from current time' },
    ],
    ['a server error', WECOM, 'wecom', 502, '<html>Bad Gateway</html>', { ok: false, status: 502, detail: expect.stringContaining('HTTP 502') }],
  ] as const)('reads the reply: %s', (_name, url, channel, status, body, expected) => {
    answer({
      [url]: [
        { status, body },
        { status, body },
      ],
    });
    const [outcome] = new SheetsReminderSender({ spacingMs: 0, senderName: 'x', channel }).post([post(url, 'hi')]);
    expect(outcome).toEqual(expected);
    // The channel is told by the webhook's address when the caller does not give it.
    expect(new SheetsReminderSender({ spacingMs: 0, senderName: 'x' }).post([post(url, 'hi')])).toEqual([expected]);
  });

  test('a network failure is a failed outcome with its message, never the webhook’s URL or key', () => {
    answer({
      [WECOM]: [new Error(`Address unavailable: ${WECOM}`)],
      [FEISHU]: [new Error('DNS error: open.feishu.cn/open-apis/bot/v2/hook/2e9b1c4a-58f3-4c2e-9d0e-7a1b3c5d7e9f')],
    });
    const outcomes = new SheetsReminderSender({ spacingMs: 0, senderName: 'x' }).post([post(WECOM, 'a'), post(FEISHU, 'b')]);
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ok: false, status: null });
      expect(outcome.detail).not.toMatch(/693a91f6|2e9b1c4a|qyapi\.weixin|hook\//);
    }
    expect(outcomes[0].detail).toContain('Address unavailable');
  });

  test('posts to one webhook keep their order, spaced by the caller’s interval; other webhooks go in the same rounds', () => {
    answer({
      [WECOM]: [
        { status: 200, body: { errcode: 0, errmsg: 'ok' } },
        { status: 200, body: { errcode: 0, errmsg: 'ok' } },
        { status: 200, body: { errcode: 0, errmsg: 'ok' } },
      ],
      [FEISHU]: [{ status: 200, body: { code: 0, msg: 'success' } }],
    });
    const requests = [post(WECOM, '1/3'), post(WECOM, '2/3'), post(FEISHU, 'all'), post(WECOM, '3/3')];
    const outcomes = new SheetsReminderSender({ spacingMs: 3000, senderName: 'x' }).post(requests);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
    const rounds = fake
      .callsTo('UrlFetchApp.fetchAll')
      .map((call) => (call.args[0] as { url: string; payload: string }[]).map((r) => JSON.parse(r.payload).text.content));
    expect(rounds).toEqual([['1/3', 'all'], ['2/3'], ['3/3']]);
    expect(fake.sleeps).toEqual([3000, 3000]);
  });

  test('after a failed post, the later posts to that webhook are not sent (they would arrive out of order); others go on', () => {
    answer({
      [WECOM]: [{ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }],
      [FEISHU]: [
        { status: 200, body: { code: 0, msg: 'success' } },
        { status: 200, body: { code: 0, msg: 'success' } },
      ],
    });
    const outcomes = new SheetsReminderSender({ spacingMs: 1000, senderName: 'x' }).post([
      post(WECOM, '1/2'),
      post(WECOM, '2/2'),
      post(FEISHU, '1/2'),
      post(FEISHU, '2/2'),
    ]);
    expect(outcomes).toEqual([
      { ok: false, status: 200, detail: '45009 api freq out of limit' },
      { ok: false, status: null, detail: NOT_SENT_AFTER_FAILURE },
      { ok: true, status: 200, detail: 'success' },
      { ok: true, status: 200, detail: 'success' },
    ]);
    expect(fake.fetches.map((r) => r.url)).toEqual([WECOM, FEISHU, FEISHU]);
  });

  test('without the external-request scope nothing is sent, and every post says why', () => {
    fake.grantedScopes.delete(EXTERNAL_REQUEST);
    const outcomes = new SheetsReminderSender({ spacingMs: 1000, senderName: 'x' }).post([post(WECOM, 'a'), post(WECOM, 'b')]);
    expect(outcomes).toEqual([
      // The platform reader turns every address into "…", Google's scope URLs too.
      { ok: false, status: null, detail: 'You do not have permission to call UrlFetchApp.fetchAll. Required permissions: …' },
      { ok: false, status: null, detail: NOT_SENT_AFTER_FAILURE },
    ]);
    expect(fake.fetches).toEqual([]);
    expect(fake.sleeps).toEqual([]);
  });
});

describe('sending mail', () => {
  beforeEach(() => {
    fake = installFakeGas();
  });

  test('each mail goes through MailApp with the sender’s name and its HTML body', () => {
    const outcomes = new SheetsReminderSender({ spacingMs: 0, senderName: '社群SOP助手' }).mail([
      { to: 'lin@example.com', subject: '今日事项 12-04', body: '1. 开营通知', htmlBody: '<ol><li>开营通知</li></ol>' },
      { to: 'chen@example.com', subject: '今日事项 12-04', body: '无' },
    ]);
    expect(outcomes).toEqual([
      { ok: true, status: null, detail: '' },
      { ok: true, status: null, detail: '' },
    ]);
    expect(fake.mails).toEqual([
      { to: 'lin@example.com', replyTo: null, subject: '今日事项 12-04', body: '1. 开营通知', name: '社群SOP助手', htmlBody: '<ol><li>开营通知</li></ol>' },
      { to: 'chen@example.com', replyTo: null, subject: '今日事项 12-04', body: '无', name: '社群SOP助手', htmlBody: null },
    ]);
  });

  test('past the day’s quota, or to an address MailApp refuses, a mail fails on its own', () => {
    fake.mailQuota = 1;
    const outcomes = new SheetsReminderSender({ spacingMs: 0, senderName: 'x' }).mail([
      { to: 'not an address', subject: 's', body: 'b' },
      { to: 'lin@example.com', subject: 's', body: 'b' },
      { to: 'chen@example.com', subject: 's', body: 'b' },
    ]);
    expect(outcomes).toEqual([
      { ok: false, status: null, detail: 'Invalid email: not an address' },
      { ok: true, status: null, detail: '' },
      { ok: false, status: null, detail: 'the daily email quota is used up' },
    ]);
    expect(fake.mails.map((m) => m.to)).toEqual(['lin@example.com']);
  });

  test('without the send-mail scope every mail fails with the reason', () => {
    fake.grantedScopes.delete(SEND_MAIL);
    expect(new SheetsReminderSender({ spacingMs: 0, senderName: 'x' }).mail([{ to: 'lin@example.com', subject: 's', body: 'b' }])).toEqual([
      { ok: false, status: null, detail: `You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: ${SEND_MAIL}` },
    ]);
    expect(fake.mails).toEqual([]);
  });
});

describe('the Apps Script host', () => {
  test('builds the reminder ports without a call, and no other action touches a reminder service', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    GLOBALS.onOpen({ authMode: 'NONE' });
    const ctx = createGasContext();
    expect(ctx.reminders).toBeDefined();
    expect(GLOBALS.saveTeam([{ name: '林晓', role: 'operator' }])).toMatchObject({ ok: true });
    expect(GLOBALS.getTeamState()).toMatchObject({ ok: true });
    expect(reminderCalls()).toEqual([]);
    expect(fake.callsTo('PropertiesService.getUserProperties')).toEqual([]);
  });

  test('the meter counts the document read a reminder port makes (the spreadsheet’s id)', () => {
    fake = installFakeGas();
    const ctx = createGasContext({ metered: true });
    const { result, calls } = ctx.meter!.measure(() => ctx.reminders!.store.load());
    expect(result).toBeNull();
    expect(calls).toEqual({ reads: 1, writes: 0, roundTrips: 0 });
  });

  test('a trigger handler runs with the spreadsheet’s context and a sender that posts through UrlFetchApp', () => {
    fake = installFakeGas();
    answer({ [WECOM]: [{ status: 200, body: { errcode: 0, errmsg: 'ok' } }] });
    let seen: AppContext | null = null;
    const result = runTrigger((ctx, host) => {
      seen = ctx;
      return host.sender({ spacingMs: 3000, senderName: 'x', channel: 'wecom' }).post([post(WECOM, '早上好')]);
    });
    expect(result).toEqual([{ ok: true, status: 200, detail: 'ok' }]);
    expect(seen!.reminders).toBeDefined();
    expect(seen!.workbook.activeTabName()).toBe('Sheet1');
  });
});
