/**
 * `remind --workbook F.xlsx [--date D] [--channel C] [--webhook URL] [--secret S] [--mention]
 * [--include today,overdue,tomorrow] [--dry-run] [--json] [--update]`: the day's reminders from the
 * workbook's SOP and Gantt tabs, by the same use cases as the daily trigger in Sheets. With a webhook
 * they are posted (signed when a secret is given), what failed is retried once, and the result is
 * written to the Reminder log tab (kept in the file with --update); without one, or with --dry-run,
 * they are printed and nothing is sent. Email is sent from Google Sheets only: here it is previewed.
 */
import { finishReminderRun, mergeRetry, failedIndexes, prepareReminderRun, previewReminders, retryRequests, type ReminderRunResult } from '../../app/remind';
import { fromIso } from '../../core/dates';
import { AppError, type Problem } from '../../core/errors';
import { parseReminderSettings, REMINDER_CHANNELS, type ReminderChannel, type ReminderSettings } from '../../core/remind/settings';
import { FetchReminderSender } from '../reminders';
import { dateOption } from './args';
import { openWorkbookContext, option, printedProblems, printJson, saveWorkbook, WORKBOOK_OPTION } from './io';
import { defineCommand, type CliCommands } from './types';

const INCLUDE_KEYS = ['today', 'overdue', 'tomorrow'] as const;

const remind = defineCommand({
  summary: {
    'zh-CN': '每日提醒：把当天的事项发到企业微信 / 飞书 / 钉钉群机器人（--dry-run 只显示消息）',
    en: 'Daily reminders: post the day’s items to a WeCom / Feishu / DingTalk group robot (--dry-run only shows the messages)',
  },
  options: {
    workbook: WORKBOOK_OPTION,
    date: { value: 'YYYY-MM-DD', summary: { 'zh-CN': '按这一天提醒（默认今天，上海时间）', en: 'Remind for this day (default: today, Shanghai time)' } },
    channel: {
      value: 'wecom|feishu|dingtalk|email',
      summary: { 'zh-CN': '发送渠道（默认按 Webhook 地址判断，没有地址时为企业微信）', en: 'Channel (default: told by the webhook, else WeCom)' },
    },
    webhook: {
      value: 'URL',
      summary: { 'zh-CN': '群机器人的 Webhook 地址（不填则只显示消息）', en: 'The group robot’s webhook URL (without it the messages are only shown)' },
    },
    secret: { value: 'SECRET', summary: { 'zh-CN': '飞书 / 钉钉机器人的加签密钥', en: 'The Feishu / DingTalk robot’s signing secret' } },
    mention: {
      summary: { 'zh-CN': '@ 每位执行人（用团队表里的 userid / open_id / 手机号）', en: '@ each executor (by the Team tab’s userid / open_id / phone)' },
    },
    include: {
      value: 'today,overdue,tomorrow',
      summary: { 'zh-CN': '包含哪些事项（默认 today,overdue）', en: 'What to include (default today,overdue)' },
    },
    'dry-run': { summary: { 'zh-CN': '只显示要发送的消息，不发送', en: 'Show the messages, send nothing' } },
    json: { summary: { 'zh-CN': '以 JSON 输出消息和发送结果', en: 'Print the messages and the outcome as JSON' } },
    update: { summary: { 'zh-CN': '把发送结果写入工作簿的「提醒记录」标签页', en: 'Write the outcome to the workbook’s Reminder log tab' } },
  },
  async run(args, env) {
    const { io, tr, lang } = env;
    const problems: Problem[] = [];
    const file = option(args, 'workbook')!;
    const dateText = option(args, 'date');
    const date = dateText === undefined ? undefined : dateOption('date', dateText, tr, problems);
    const channelText = option(args, 'channel');
    if (channelText !== undefined && !(REMINDER_CHANNELS as readonly string[]).includes(channelText)) {
      problems.push({ code: 'cli.error.badOption', params: { option: '--channel', value: channelText, expected: REMINDER_CHANNELS.join('|') } });
    }
    const includeText = option(args, 'include');
    const include = { today: true, overdue: true, tomorrow: false };
    if (includeText !== undefined) {
      const words = includeText.split(',').map((word) => word.trim());
      if (!words.length || words.some((word) => !(INCLUDE_KEYS as readonly string[]).includes(word))) {
        problems.push({ code: 'cli.error.badOption', params: { option: '--include', value: includeText, expected: INCLUDE_KEYS.join(',') } });
      } else for (const key of INCLUDE_KEYS) include[key] = words.includes(key);
    }
    const webhook = option(args, 'webhook') ?? '';
    const dryRun = args.options['dry-run'] === true || webhook === '';
    const channel = (channelText as ReminderChannel | undefined) ?? guessChannel(webhook);
    let settings: ReminderSettings | null = null;
    if (!problems.length) {
      try {
        settings = parseReminderSettings(
          { enabled: !dryRun, channel, webhook, secret: option(args, 'secret') ?? '', include, mention: args.options.mention === true },
          lang,
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problems.push(...error.problems);
      }
    }
    if (settings && !dryRun && settings.channel === 'email') problems.push({ code: 'remind.cli.error.emailHere' });
    if (printedProblems(io, problems, tr) || !settings) return 1;

    const loaded = await openWorkbookContext(file, { lang, date });
    const { ctx } = loaded;
    if (dryRun) {
      const shown = previewReminders(ctx, { date: date ?? undefined, settings: { ...settings, enabled: false } });
      if (args.options.json === true) printJson(io, shown);
      else {
        io.stdout(shown.summary);
        for (const message of shown.messages)
          io.stdout(['', `— ${message.subject ? `${message.to} · ${message.subject}` : message.to} —`, message.text].join('\n'));
        for (const warning of shown.warnings) io.stderr(warning);
      }
      return 0;
    }

    const run = prepareReminderRun(ctx, { date: date ? (fromIso(date) ?? undefined) : undefined, nowMs: Date.now(), settings });
    const sender = new FetchReminderSender(run.senderOptions);
    const first = await sender.post(run.requests);
    const failed = failedIndexes(first);
    const outcomes = failed.length ? mergeRetry(ctx, first, failed, await sender.post(retryRequests(run, failed, Date.now()))) : first;
    const result: ReminderRunResult = finishReminderRun(ctx, run, outcomes);
    if (args.options.update === true) {
      await saveWorkbook(ctx, file, loaded.bytes);
      io.stderr(tr('cli.wrote', { file, tabs: tr('remind.log.tabName') }));
    }
    if (args.options.json === true) printJson(io, { status: result.status, sent: result.sent, planned: result.planned, message: result.message, outcomes });
    else (result.status === 'sent' || result.status === 'empty' ? io.stdout : io.stderr)(result.message);
    return result.status === 'sent' || result.status === 'empty' ? 0 : 1;
  },
});

/** The channel a webhook belongs to by its address; WeCom when there is none (a preview). */
function guessChannel(webhook: string): ReminderChannel {
  if (/\/open-apis\/bot\/v2\/hook\//.test(webhook)) return 'feishu';
  if (/\/robot\/send\?access_token=/.test(webhook)) return 'dingtalk';
  return 'wecom';
}

export const remindCommands: CliCommands = { remind };
