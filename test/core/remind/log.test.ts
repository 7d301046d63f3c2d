import { appendReminderLog, buildReminderLogTab, readReminderLog, scrubSecrets, type ReminderLogEntry } from '../../../src/core/remind/log';
import { cellValue } from '../../../src/core/tab/spec';

const entry = (time: string, fields: Partial<ReminderLogEntry> = {}): ReminderLogEntry => ({
  time,
  channel: 'wecom',
  recipients: ['林晓', '周舟'],
  parts: 1,
  status: 'sent',
  detail: 'ok',
  ...fields,
});

describe('the 提醒记录 / Reminder log tab', () => {
  test('one row per send, newest first, under a frozen header, marked as the log', () => {
    const entries = appendReminderLog(
      [entry('2026-12-02 08:30')],
      [entry('2026-12-03 08:30', { status: 'failed', parts: 0, detail: '93000 invalid webhook url' }), entry('2026-12-03 09:02', { channel: 'feishu' })],
    );
    const spec = buildReminderLogTab(entries, 'zh-CN', '【SOP助手】生成于 2026-12-03 09:02');
    expect(spec.name).toBe('提醒记录');
    expect(spec.marker).toEqual({ kind: 'reminder-log', key: {} });
    expect(spec.frozenRows).toBe(1);
    expect(spec.rows.map((row) => row.map(cellValue))).toEqual([
      ['时间', '渠道', '提醒对象', '条数', '结果', '详情'],
      ['2026-12-03 09:02', '飞书自定义机器人', '林晓、周舟', 1, '已发送', 'ok'],
      ['2026-12-03 08:30', '企业微信群机器人', '林晓、周舟', 0, '失败', '93000 invalid webhook url'],
      ['2026-12-02 08:30', '企业微信群机器人', '林晓、周舟', 1, '已发送', 'ok'],
    ]);
    expect(spec.styles?.find((run) => run.range.row === 2 && run.range.col === 4)?.style.background).toBe('#fce8e6');
  });

  test('never a webhook URL or a secret, wherever it turns up', () => {
    const secret = 'SEC1f6b5d0e9c04e2b4f8e3b1c1a3';
    const detail = `POST https://oapi.dingtalk.com/robot/send?access_token=ff6cd723&timestamp=1&sign=abc failed; secret ${secret}; key=693a91f6`;
    const spec = buildReminderLogTab([entry('2026-12-03 08:30', { detail })], 'en', 'note', [secret]);
    const written = JSON.stringify(spec.rows);
    expect(written).not.toContain('ff6cd723');
    expect(written).not.toContain(secret);
    expect(written).not.toContain('693a91f6');
    expect(scrubSecrets('see https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe('see …');
  });

  test('read back in either language, so the next send goes on top; the log keeps its limit', () => {
    const entries = [
      entry('2026-12-03 08:30', { status: 'partial', parts: 3, detail: '2 of 3 sent' }),
      entry('2026-12-02 08:30', { channel: 'email', status: 'empty', parts: 0, recipients: [] }),
    ];
    for (const lang of ['zh-CN', 'en'] as const) {
      const grid = buildReminderLogTab(entries, lang, 'note').rows.map((row) => row.map(cellValue));
      grid.push(['我自己记的一行', null, null, null, null, null]);
      expect(readReminderLog(grid)).toEqual(entries);
    }
    const many = Array.from({ length: 10 }, (_, i) => entry(`2026-11-${String(20 + i).padStart(2, '0')} 08:30`));
    expect(appendReminderLog(many, [entry('2026-12-01 08:30')], 5).map((e) => e.time)).toEqual(['2026-12-01 08:30', ...many.slice(0, 4).map((e) => e.time)]);
  });
});
