/**
 * `remind --workbook F.xlsx …`: the day's reminders printed (dry run) or posted to the local stand-in
 * of the three robot platforms (test/support/webhook-server.ts), which checks each payload, its size
 * and its signature as the platforms document them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkbookTabsFile } from '../../src/local/xlsx';
import { cli, dueWorkbook } from '../support/cli';
import { startWebhookSimulator, type WebhookSimulator } from '../support/webhook-server';

let sim: WebhookSimulator;
let file: string;
beforeAll(async () => {
  file = await dueWorkbook('sop-remind-cli-');
});
beforeEach(async () => {
  sim = await startWebhookSimulator();
});
afterEach(() => sim.close());

describe('cli remind', () => {
  test('without a webhook it prints the day’s message and sends nothing', async () => {
    const result = await cli('remind', '--workbook', file, '--date', '2026-12-04', '--lang', 'zh');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2026-12-04（周五）');
    expect(result.stdout).toMatch(/今日 \d+ 项 · 逾期 \d+ 项/);
    // The Gantt's task due that day and the SOP's second day are both in it.
    expect(result.stdout).toContain('用户调研问卷');
    expect(result.stdout).toContain('Java引流5群 · 第12期');
    expect(sim.received).toEqual([]);
  });

  test('posts to a WeCom robot: one well-formed message, logged in the workbook with --update, without the key', async () => {
    const webhook = sim.robot('wecom');
    const copy = join(mkdtempSync(join(tmpdir(), 'sop-remind-update-')), 'desk.xlsx');
    writeFileSync(copy, await readFile(file));
    const result = await cli('remind', '--workbook', copy, '--date', '2026-12-04', '--webhook', webhook, '--update', '--lang', 'zh');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^已发送 1 条到企业微信群机器人 · \d+ 位执行人$/);
    expect(sim.received).toHaveLength(1);
    expect(sim.received[0]).toMatchObject({ platform: 'wecom', ok: true, problems: [] });
    const tabs = await readWorkbookTabsFile(await readFile(copy), copy);
    const log = tabs.find((tab) => tab.marker?.kind === 'reminder-log');
    expect(log).toBeDefined();
    const text = JSON.stringify(log!.spec.rows);
    expect(text).toContain('已发送');
    expect(text).toContain('2026-12-04 的每日提醒');
    const key = new URL(webhook).searchParams.get('key')!;
    expect(text).not.toContain(key);
    expect(text).not.toContain('127.0.0.1');
  });

  test('signs for Feishu in the body and for DingTalk on the URL, as each platform checks', async () => {
    const feishu = sim.robot('feishu', { secret: 'feishuSecret0123456789' });
    const signedFeishu = await cli(
      'remind',
      '--workbook',
      file,
      '--date',
      '2026-12-04',
      '--webhook',
      feishu,
      '--secret',
      'feishuSecret0123456789',
      '--lang',
      'en',
    );
    expect(signedFeishu.code).toBe(0);
    const dingtalk = sim.robot('dingtalk', { secret: 'SEC0123456789abcdef0123456789abcdef' });
    const signedDingtalk = await cli(
      'remind',
      '--workbook',
      file,
      '--date',
      '2026-12-04',
      '--webhook',
      dingtalk,
      '--secret',
      'SEC0123456789abcdef0123456789abcdef',
    );
    expect(signedDingtalk.code).toBe(0);
    expect(sim.received.map((r) => [r.platform, r.ok, r.problems])).toEqual([
      ['feishu', true, []],
      ['dingtalk', true, []],
    ]);
    // Without the secret the signing robot refuses, and the CLI says so and exits 1.
    const unsigned = await cli('remind', '--workbook', file, '--date', '2026-12-04', '--webhook', feishu, '--lang', 'en');
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('Nothing sent (0/1) to Feishu');
  });

  test('a failed post is retried once', async () => {
    const webhook = sim.robot('wecom');
    sim.failNext(1, 'serverError');
    const result = await cli('remind', '--workbook', file, '--date', '2026-12-04', '--webhook', webhook, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'sent', sent: 1, planned: 1 });
    expect(sim.received.map((r) => r.ok)).toEqual([false, true]);
  });

  test('mistakes are refused naming the option, and nothing is sent', async () => {
    const wrongHost = await cli('remind', '--workbook', file, '--webhook', 'https://example.com/cgi-bin/webhook/send?key=abc', '--lang', 'en');
    expect(wrongHost.code).toBe(1);
    expect(wrongHost.stderr).toContain('is not a WeCom group robot webhook');
    const badChannel = await cli('remind', '--workbook', file, '--channel', 'sms', '--lang', 'en');
    expect(badChannel).toMatchObject({ code: 1 });
    expect(badChannel.stderr).toContain('--channel');
    const badInclude = await cli('remind', '--workbook', file, '--include', 'today,yesterday', '--lang', 'zh');
    expect(badInclude.stderr).toContain('--include');
    const email = await cli('remind', '--workbook', file, '--channel', 'email', '--webhook', sim.robot('wecom'), '--lang', 'zh');
    expect(email.code).toBe(1);
    expect(sim.received).toEqual([]);
  });

  test('the help lists the command', async () => {
    expect((await cli('--help', '--lang', 'en')).stdout).toContain('remind --workbook FILE.xlsx');
  });
});
