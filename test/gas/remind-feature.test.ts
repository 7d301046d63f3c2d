/**
 * Daily reminders in Sheets, end to end through the globals the sidebar and the trigger call, against
 * the recording fake (every call checked against @types/google-apps-script): saving turns the trigger
 * on and off, the trigger posts the day's items and logs them, a test message, and missing permissions.
 */
import { GLOBALS } from '../../src/gas/main';
import { REMINDER_HANDLER, REMINDER_SETUP_PROPERTY } from '../../src/gas/reminders';
import { MARKER_KEY } from '../../src/gas/workbook';
import { FakeGas, installFakeGas, type FakeFetchRequest } from './fake-spreadsheet';

const { generateSop, getReminderState, saveReminderSettings, sendDailyReminders, sendTestReminder, saveTeam } = GLOBALS;

const WECOM_KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';
const WECOM = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`;
const EXTERNAL_REQUEST = 'https://www.googleapis.com/auth/script.external_request';

let fake: FakeGas;
let posted: FakeFetchRequest[];
afterEach(() => fake?.uninstall());

/** Today in Shanghai, the fake spreadsheet's time zone, as YYYY-MM-DD, moved by `days`. */
function shanghaiDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function value<T>(response: unknown): T {
  const envelope = response as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.value as T;
}

const FORM = { enabled: true, channel: 'wecom', webhook: WECOM, hour: 8, minute: 30, include: { today: true, overdue: true, tomorrow: false }, mention: false };

beforeEach(() => {
  fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
  posted = [];
  fake.fetchHandler = (request) => {
    posted.push(request);
    return { status: 200, body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) };
  };
  saveTeam([
    { name: '林晓', role: 'operator' },
    { name: '赵老师', role: 'lecturer' },
  ]);
  // An SOP tab that started yesterday: it has items due today and overdue.
  generateSop({ template: 'big-class-28d', anchor: shanghaiDay(-1), groups: 'Java引流5群', cohort: '第12期' });
});

function logText(): string {
  const log = fake.spreadsheet.getSheetByName('提醒记录');
  return log ? JSON.stringify(log.getDataRange().getValues()) : '';
}

describe('daily reminders in Sheets', () => {
  test('saving turns the daily trigger on at the chosen time; the page gets the webhook masked, never whole', () => {
    const before = value<{ available: boolean; canSend: boolean; trigger: unknown }>(getReminderState());
    expect(before).toMatchObject({ available: true, canSend: true, trigger: null });
    const saved = value<{ state: { trigger: unknown; settings: { webhook: string } }; message: string }>(saveReminderSettings(FORM));
    expect(saved.message).toBe('提醒已开启：每天 08:30（Asia/Shanghai）发到企业微信群机器人。');
    expect(saved.state.trigger).toEqual({ hour: 8, minute: 30 });
    expect(saved.state.settings.webhook).toMatch(/^https:\/\/qyapi\.weixin\.qq\.com\/….*••••5aaa$/);
    expect(JSON.stringify(saved)).not.toContain(WECOM_KEY);
    expect(fake.triggers.map((trigger) => trigger.getHandlerFunction())).toEqual([REMINDER_HANDLER]);
    // Saved again with the webhook left blank (the page shows it masked): the stored one is kept.
    value(saveReminderSettings({ ...FORM, webhook: '', hour: 9, minute: 0 }));
    expect(fake.triggers).toHaveLength(1);
    value(saveReminderSettings({ ...FORM, webhook: '', enabled: false }));
    expect(fake.triggers).toEqual([]);
  });

  test('the trigger posts today’s items to the robot and logs the send, without the key', () => {
    value(saveReminderSettings(FORM));
    sendDailyReminders();
    expect(posted).toHaveLength(1);
    expect(posted[0].url).toBe(WECOM);
    const body = JSON.parse(String(posted[0].payload)) as { msgtype: string; markdown?: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown?.content).toContain('Java引流5群 · 第12期');
    // Each item links to its row in the SOP tab, by the spreadsheet's address and the tab's id.
    const gid = fake.spreadsheet.getSheetByName('SOP·Java引流5群·第12期')!.getSheetId();
    expect(body.markdown?.content).toContain(`](${fake.spreadsheet.getUrl()}#gid=${gid}&range=`);
    expect(logText()).toContain('已发送');
    expect(logText()).toContain('的每日提醒');
    expect(logText()).not.toContain(WECOM_KEY);
    // The sidebar's status line says it went.
    expect(value<{ lastSend: { status: string } }>(getReminderState()).lastSend.status).toBe('sent');
  });

  test('the daily run, having read the SOP tab, brings its marker’s push counts up to date (a row deleted by hand fires no onEdit)', () => {
    value(saveReminderSettings(FORM));
    const name = 'SOP·Java引流5群·第12期';
    const sheet = fake.spreadsheet.getSheetByName(name)!;
    const grid = sheet.getDataRange().getValues();
    const pushRow = grid.findIndex((line) => line[grid[0].indexOf('渠道')] === '群发');
    expect(pushRow).toBeGreaterThan(0);
    const pushes = (): string => {
      const metadata = sheet.getDeveloperMetadata().find((m) => m.getKey() === MARKER_KEY);
      return (JSON.parse(metadata!.getValue() as string) as { about: { pushes: string } }).about.pushes;
    };
    expect(JSON.parse(pushes())).toHaveLength(1);
    sheet.deleteRow(pushRow + 1);
    expect(JSON.parse(pushes())).toHaveLength(1);
    // Previewing sends nothing and writes nothing.
    value(GLOBALS.previewReminders({ settings: FORM }));
    expect(JSON.parse(pushes())).toHaveLength(1);
    sendDailyReminders();
    expect(pushes()).toBe('[]');
  });

  test('a trigger that runs without an active spreadsheet opens the one its install recorded, by id', () => {
    value(saveReminderSettings(FORM));
    const uid = fake.triggers[0].getUniqueId();
    fake.hasActiveSpreadsheet = false;
    sendDailyReminders({ authMode: 'FULL', triggerUid: uid });
    expect(posted).toHaveLength(1);
    expect(fake.callsTo('SpreadsheetApp.openById')).toHaveLength(1);
    expect(logText()).toContain('已发送');
    // Turning reminders off forgets which spreadsheet the trigger was for.
    fake.hasActiveSpreadsheet = true;
    value(saveReminderSettings({ ...FORM, enabled: false }));
    expect(
      PropertiesService.getUserProperties()
        .getKeys()
        .filter((key) => key.includes(uid)),
    ).toEqual([]);
  });

  test('a trigger left behind by a setup that is gone removes itself, sending nothing', () => {
    value(saveReminderSettings(FORM));
    const properties = PropertiesService.getUserProperties();
    for (const key of properties.getKeys()) if (key.startsWith(`${REMINDER_SETUP_PROPERTY}.`)) properties.deleteProperty(key);
    expect(fake.triggers).toHaveLength(1);
    sendDailyReminders();
    expect(posted).toEqual([]);
    expect(fake.triggers).toEqual([]);
  });

  test('a permission left unticked: turning reminders on shows Google’s prompt and installs nothing; the trigger logs and sends nothing', () => {
    fake.grantedScopes.delete(EXTERNAL_REQUEST);
    const refused = saveReminderSettings(FORM) as { ok: boolean };
    expect(refused.ok).toBe(false);
    expect(fake.consentPrompts).toEqual([[EXTERNAL_REQUEST]]);
    expect(fake.triggers).toEqual([]);

    fake.grantedScopes.add(EXTERNAL_REQUEST);
    value(saveReminderSettings(FORM));
    fake.grantedScopes.delete(EXTERNAL_REQUEST);
    sendDailyReminders();
    expect(posted).toEqual([]);
    expect(logText()).toContain('缺少提醒所需的授权');
  });

  test('“send a test now” posts one short message with the form’s webhook and logs it as a test', () => {
    const result = value<{ status: string; message: string }>(sendTestReminder({ settings: { ...FORM, enabled: false } }));
    expect(result.status).toBe('sent');
    expect(posted).toHaveLength(1);
    expect(logText()).toContain('测试消息');
  });

  test('a refused post is retried once and the failure is logged with the platform’s reason', () => {
    value(saveReminderSettings(FORM));
    fake.fetchHandler = (request) => {
      posted.push(request);
      return { status: 200, body: JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }) };
    };
    sendDailyReminders();
    expect(posted).toHaveLength(2);
    expect(logText()).toContain('失败');
    expect(logText()).toContain('93000 invalid webhook url · 已重试一次');
  });
});
