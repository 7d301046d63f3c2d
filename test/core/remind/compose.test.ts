import fc from 'fast-check';
import { addDays } from '../../../src/core/dates';
import { CHAT_LIMITS, chatRequests, signedRequest, type ChatPlan } from '../../../src/core/remind/chat';
import { composeReminders, composeTestReminder, type ReminderPlan } from '../../../src/core/remind/compose';
import type { EmailPlan } from '../../../src/core/remind/email';
import { DEFAULT_REMINDER_SETTINGS, type ReminderChannel, type ReminderInclude } from '../../../src/core/remind/settings';
import { feishuSignature } from '../../../src/core/remind/sign';
import type { DueItem } from '../../../src/core/today/due';
import { CONTACTS, DAY, due, ITEMS, LINKS } from './fixtures';

const ALL: ReminderInclude = { today: true, overdue: true, tomorrow: true };

function plan(
  channel: ReminderChannel,
  options: { items?: DueItem[]; include?: ReminderInclude; mention?: boolean; lang?: 'zh-CN' | 'en' } = {},
): ReminderPlan {
  return composeReminders({
    items: options.items ?? ITEMS,
    contacts: CONTACTS,
    date: DAY,
    settings: { channel, include: options.include ?? ALL, mention: options.mention ?? true },
    lang: options.lang ?? 'zh-CN',
    tabLinks: LINKS,
  });
}
const chat = (channel: 'wecom' | 'feishu' | 'dingtalk', options: Parameters<typeof plan>[1] = {}) => plan(channel, options) as ChatPlan;

/** What a platform's limit counts for a message as sent (measured here independently of the core). */
function measured(format: ChatPlan['format'], body: Record<string, unknown>): number {
  const content = (body.text ?? body.markdown) as { content?: string; text?: string } | undefined;
  if (format === 'feishu-post') return Buffer.byteLength(JSON.stringify({ timestamp: '1764721800', sign: 'x'.repeat(44), ...body }));
  return Buffer.byteLength((format === 'dingtalk-markdown' ? content?.text : content?.content) ?? '');
}

describe('the group chat’s message of the day', () => {
  test('the date, each executor’s items with time, place and item, then the overdue list, then tomorrow', () => {
    const { messages } = chat('wecom', { mention: false });
    expect(messages).toHaveLength(1);
    expect(messages[0].preview.split('\n')).toEqual([
      '社群SOP提醒 · 2026-12-03（周四）',
      '今日 4 项 · 逾期 1 项 · 明日 1 项',
      '',
      '林晓 · 今日 2 项',
      '· 09:00 · Java引流1群 · 第12期 · 发开营公告',
      '· 全天 · Java引流1群 · 第12期 · 整理到课名单',
      '',
      '周舟 · 今日 2 项',
      '· 19:30 · Java引流1群 · 第12期 · 直播预热话术',
      '· 全天 · Java引流1群 · 第12期 · 整理到课名单',
      '',
      '未分配 · 今日 1 项',
      '· 12:00 · Java引流1群 · 第12期 · 朋友圈种草',
      '',
      '逾期未完成（1）',
      '· 陈默 · 逾期 2 天 · 12-01 · Java引流1群 · 第12期 · 收集作业',
      '',
      '明日预告（1）',
      '· 林晓 · 08:00 · Java引流1群 · 第12期 · 发课前提醒',
    ]);
  });

  test('each item links to its row in its tab when the tab’s link is given', () => {
    const { body } = chat('wecom', { mention: false }).messages[0];
    expect((body.markdown as { content: string }).content).toContain('[发开营公告](https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=5:5)');
    const unlinked = composeReminders({
      items: ITEMS,
      contacts: CONTACTS,
      date: DAY,
      settings: { ...DEFAULT_REMINDER_SETTINGS, mention: false },
      lang: 'zh-CN',
    });
    expect(JSON.stringify(unlinked)).not.toContain('https://');
  });

  test('what to include decides the sections; a day with nothing due sends nothing', () => {
    const todayOnly = chat('dingtalk', { include: { today: true, overdue: false, tomorrow: false } }).messages[0].preview;
    expect(todayOnly).not.toContain('逾期未完成');
    expect(todayOnly).not.toContain('明日预告');
    expect(todayOnly.split('\n')[1]).toBe('今日 4 项');
    expect(chat('feishu', { items: [] }).messages).toEqual([]);
    expect(
      chat('wecom', { items: ITEMS.filter((item) => item.state === 'overdue'), include: { today: true, overdue: false, tomorrow: true } }).messages,
    ).toEqual([]);
  });

  test('tomorrow’s preview holds tomorrow only, not the rest of the look-ahead', () => {
    const preview = chat('wecom', { mention: false }).messages[0].preview;
    expect(preview).toContain('发课前提醒');
    expect(preview).not.toContain('下周排期');
  });

  test('in English', () => {
    const lines = chat('feishu', { lang: 'en', mention: false }).messages[0].preview.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'SOP reminder · Thu 2026-12-03',
      '4 today · 1 overdue · 1 tomorrow',
      '',
      '林晓 · 2 today',
      '· 09:00 · Java引流1群 · 第12期 · 发开营公告',
    ]);
    expect(lines).toContain('· 陈默 · 2 d late · 12-01 · Java引流1群 · 第12期 · 收集作业');
    expect(lines).toContain('Unassigned · 1 today');
  });
});

describe('@ each executor as the platform documents it', () => {
  test('WeCom: a text message with mentioned_list (userids) and mentioned_mobile_list (phones)', () => {
    const result = chat('wecom');
    expect(result.format).toBe('wecom-text');
    const text = result.messages[0].body.text as Record<string, unknown>;
    expect(result.messages[0].body.msgtype).toBe('text');
    expect(text.mentioned_list).toEqual(['LinXiao']);
    expect(text.mentioned_mobile_list).toEqual(['13900000002']);
    expect(text.content).toContain('发开营公告 https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=5:5');
    expect(result.notMentionable).toEqual(['陈默']);
  });

  test('WeCom without @: markdown, which has no @ fields', () => {
    const result = chat('wecom', { mention: false });
    expect(result.format).toBe('wecom-markdown');
    expect(Object.keys(result.messages[0].body.markdown as object)).toEqual(['content']);
    expect(result.notMentionable).toEqual([]);
  });

  test('Feishu: a post whose @ is an at element with the open_id', () => {
    const { body } = chat('feishu').messages[0];
    const post = (body.content as { post: { zh_cn: { title: string; content: Array<Array<Record<string, string>>> } } }).post.zh_cn;
    expect(body.msg_type).toBe('post');
    expect(post.title).toBe('社群SOP提醒 · 2026-12-03（周四）');
    expect(post.content[1]).toEqual([
      { tag: 'at', user_id: 'ou_1111aaaa', user_name: '林晓' },
      { tag: 'text', text: ' · 今日 2 项' },
    ]);
    expect(post.content[2]).toEqual([
      { tag: 'text', text: '· 09:00 · Java引流1群 · 第12期 · ' },
      { tag: 'a', text: '发开营公告', href: 'https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=5:5' },
    ]);
    expect(post.content.flat().filter((element) => element.tag === 'at')).toHaveLength(1);
  });

  test('DingTalk: at.atMobiles / at.atUserIds, each also written in the text as @…', () => {
    const { body } = chat('dingtalk').messages[0];
    const markdown = body.markdown as { title: string; text: string };
    expect(body.at).toEqual({ atMobiles: ['13800000001'], atUserIds: ['zhouzhou01'], isAtAll: false });
    expect(markdown.text).toContain('▶ @13800000001 · 今日 2 项');
    expect(markdown.text).toContain('▶ @zhouzhou01 · 今日 2 项');
    expect(markdown.title).toBe('社群SOP提醒 · 2026-12-03（周四）');
  });

  test('someone with only overdue items is @’d in the overdue list; nobody twice in one message', () => {
    const items = [
      due({ item: '收集作业', owner: '林晓', state: 'overdue', daysOverdue: 1, date: addDays(DAY, -1) }),
      due({ item: '复盘', owner: '林晓', state: 'overdue', daysOverdue: 1, date: addDays(DAY, -1) }),
    ];
    const { body } = chat('dingtalk', { items }).messages[0];
    expect((body.markdown as { text: string }).text.match(/@13800000001/g)).toHaveLength(1);
    expect(body.at).toMatchObject({ atMobiles: ['13800000001'] });
  });
});

/** Many items with long texts: enough to need several messages on every channel. */
function busyDay(count: number, length: number): DueItem[] {
  const owners = ['林晓', '周舟', '陈默', '新人'];
  return Array.from({ length: count }, (_, i) =>
    due({
      item: `第${i + 1}项：${'在群里发布直播预告并私聊未到课学员'.repeat(Math.ceil(length / 17)).slice(0, length)}`,
      owner: owners[i % owners.length],
      minute: (8 * 60 + i * 7) % 1440,
      row: i + 2,
      state: i % 5 === 4 ? 'overdue' : 'today',
      daysOverdue: i % 5 === 4 ? 3 : 0,
      date: i % 5 === 4 ? addDays(DAY, -3) : DAY,
    }),
  );
}

describe('long reminders are split between items, numbered, each within its limit', () => {
  test.each(['wecom-text', 'wecom-markdown', 'feishu-post', 'dingtalk-markdown'] as const)('%s', (format) => {
    const channel = format.split('-')[0] as 'wecom' | 'feishu' | 'dingtalk';
    const mention = format !== 'wecom-markdown';
    const items = busyDay(format === 'feishu-post' ? 400 : 80, 40);
    const result = chat(channel, { items, mention });
    expect(result.format).toBe(format);
    const count = result.messages.length;
    expect(count).toBeGreaterThan(1);
    result.messages.forEach((message, i) => {
      expect(message.preview.split('\n')[0]).toBe(`社群SOP提醒 · 2026-12-03（周四）（${i + 1}/${count}）`);
      expect(measured(format, message.body)).toBeLessThanOrEqual(CHAT_LIMITS[format].bytes);
    });
    // Every item, whole, exactly once per owner line, in order.
    const lines = result.messages.flatMap((message) => message.preview.split('\n')).filter((line) => line.startsWith('· '));
    for (const item of items) expect(lines.filter((line) => line.endsWith(item.item))).toHaveLength(1);
    // A block that goes on in the next message repeats its heading.
    expect(result.messages.slice(1).some((message) => /（续）$/.test(message.preview.split('\n')[3]))).toBe(true);
  });

  test('any day, any text: parts stay within the limit and lose no item (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            item: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
            owner: fc.constantFrom('林晓', '周舟', '', '林晓、周舟'),
            minute: fc.option(fc.integer({ min: 0, max: 1439 })),
          }),
          {
            maxLength: 60,
          },
        ),
        fc.constantFrom('wecom', 'feishu', 'dingtalk'),
        fc.boolean(),
        (rows, channel, mention) => {
          const items = rows.map((row, i) => due({ item: row.item.trim() || '事项', owner: row.owner, minute: row.minute, row: i + 2 }));
          const result = chat(channel, { items, mention });
          for (const message of result.messages) expect(measured(result.format, message.body)).toBeLessThanOrEqual(CHAT_LIMITS[result.format].bytes);
          const shown = result.messages.flatMap((message) => message.preview.split('\n')).filter((line) => line.startsWith('· ')).length;
          expect(shown).toBe(items.reduce((sum, item) => sum + (item.owner.includes('、') ? 2 : 1), 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('one item longer than a whole message is shortened with …, the only text ever cut', () => {
    const items = [due({ item: '很长的事项'.repeat(400), owner: '林晓' }), due({ item: '短事项', owner: '林晓' })];
    const result = chat('wecom', { items });
    for (const message of result.messages) expect(measured('wecom-text', message.body)).toBeLessThanOrEqual(2048);
    const text = result.messages.map((message) => message.preview).join('\n');
    expect(text).toMatch(/^· 全天 · Java引流1群 · 第12期 · (很长的事项)+\S*…$/m);
    expect(text.split('\n').slice(0, 4)).toEqual(['社群SOP提醒 · 2026-12-03（周四）（1/2）', '今日 2 项 · 逾期 0 项 · 明日 0 项', '', '@林晓 · 今日 2 项']);
    expect(text).toContain('· 全天 · Java引流1群 · 第12期 · 短事项');
  });

  test('the plan says how far apart to post: 20 a minute for WeCom and DingTalk, 100 for Feishu', () => {
    expect(chat('wecom').minIntervalMs).toBe(3000);
    expect(chat('dingtalk').minIntervalMs).toBe(3000);
    expect(chat('feishu').minIntervalMs).toBe(600);
    expect(plan('email').minIntervalMs).toBe(0);
  });
});

describe('signing each call at the time it is posted', () => {
  const body = { msg_type: 'post', content: {} };
  test('Feishu: timestamp (seconds, as text) and sign go into the body', () => {
    const request = signedRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/t', 'secret', body, 1_764_721_800_999);
    expect(JSON.parse(request.payload)).toEqual({ timestamp: '1764721800', sign: feishuSignature('secret', 1_764_721_800), ...body });
    expect(request.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/t');
  });

  test('DingTalk: on the URL; WeCom and unsigned robots: as they are', () => {
    expect(signedRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc', body, 1_764_721_800_999).url).toMatch(
      /^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=t&timestamp=1764721800999&sign=/,
    );
    expect(signedRequest('feishu', 'u', '', body, 1).payload).toBe(JSON.stringify(body));
    expect(signedRequest('wecom', 'u', '', body, 1)).toEqual({ url: 'u', payload: JSON.stringify(body), contentType: 'application/json' });
  });

  test('a plan’s requests, one per message', () => {
    const result = chat('dingtalk', { items: busyDay(80, 40) });
    const requests = chatRequests(result, { webhook: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: '' }, 0);
    expect(requests.map((request) => JSON.parse(request.payload))).toEqual(result.messages.map((message) => message.body));
  });
});

describe('email: one mail per executor', () => {
  test('to the address on the Team tab, with their own items; people without an email are listed', () => {
    const result = plan('email') as EmailPlan;
    expect(result.mails.map((mail) => mail.to)).toEqual(['linxiao@example.com', 'zhouzhou@example.com']);
    expect(result.withoutEmail).toEqual(['陈默']);
    const [mail] = result.mails;
    expect(mail.subject).toBe('社群SOP提醒 · 2026-12-03（周四） · 今日 2 项 · 明日 1 项');
    expect(mail.body.split('\n').slice(0, 6)).toEqual([
      '今日 2 项 · 明日 1 项',
      '',
      '今日（2）',
      '· 09:00 · Java引流1群 · 第12期 · 发开营公告 https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=5:5',
      '· 全天 · Java引流1群 · 第12期 · 整理到课名单 https://docs.google.com/spreadsheets/d/abc/edit#gid=42&range=7:7',
      '',
    ]);
    expect(mail.htmlBody).toContain('<a href="https://docs.google.com/spreadsheets/d/abc/edit#gid=42&amp;range=5:5">发开营公告</a>');
  });

  test('item text is escaped in the HTML', () => {
    const result = plan('email', { items: [due({ item: '<script>alert(1)</script> & 话术', owner: '林晓' })] }) as EmailPlan;
    expect(result.mails[0].htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 话术');
    expect(result.mails[0].htmlBody).not.toContain('<script>');
  });
});

describe('send a test now', () => {
  test('one short message on a chat channel, one mail to the person testing', () => {
    const settings = { ...DEFAULT_REMINDER_SETTINGS, channel: 'feishu' as const, hour: 7, minute: 5 };
    const test = composeTestReminder(settings, 'zh-CN') as ChatPlan;
    expect(test.messages).toHaveLength(1);
    expect(test.messages[0].preview).toBe('社群SOP提醒 · 测试\n提醒已连通：每天 07:05 会在这里发送当天的 SOP 事项。');
    const mail = composeTestReminder({ ...settings, channel: 'email' }, 'en', 'me@example.com') as EmailPlan;
    expect(mail.mails).toEqual([
      { to: 'me@example.com', subject: 'SOP reminder · test', body: "Reminders are connected: every day at 07:05 the day's SOP items will be posted here." },
    ]);
  });
});
