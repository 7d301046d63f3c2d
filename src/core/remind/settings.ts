/**
 * A person's reminder setup: where to send (a group robot's webhook, or email), when, what and whether
 * to @ people. It is kept in that person's user properties, never in a tab: the webhook URL and the
 * signing secret are credentials (anyone holding them can post into the group chat).
 */
import { AppError, type Problem } from '../errors';
import { t, type Lang } from '../i18n';
import { parseObjectRequest } from '../request';

export const REMINDER_CHANNELS = ['wecom', 'feishu', 'dingtalk', 'email'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
/** The channels that post into a group chat through a robot's webhook. */
export type ChatChannel = Exclude<ReminderChannel, 'email'>;

export function isChatChannel(channel: ReminderChannel): channel is ChatChannel {
  return channel !== 'email';
}

export interface ReminderInclude {
  /** Items due today. */
  today: boolean;
  /** Items past their date and not done. */
  overdue: boolean;
  /** Tomorrow's items, as a preview. */
  tomorrow: boolean;
}

export interface ReminderSettings {
  enabled: boolean;
  channel: ReminderChannel;
  /** The robot's webhook URL ('' for email). */
  webhook: string;
  /** The signing secret (Feishu, DingTalk) when the robot has signing turned on; '' otherwise. */
  secret: string;
  /** When to send, in the spreadsheet's time zone. */
  hour: number;
  minute: number;
  include: ReminderInclude;
  /** @ each executor in the chat (needs their WeCom userid / Feishu open_id / DingTalk userid or phone on the Team tab). */
  mention: boolean;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: false,
  channel: 'wecom',
  webhook: '',
  secret: '',
  hour: 8,
  minute: 30,
  include: { today: true, overdue: true, tomorrow: false },
  mention: true,
};

/**
 * Each robot's webhook as its platform hands it out. Only these hosts are accepted, so that a typo or
 * a pasted link to some other site never receives the team's schedule. A local simulator
 * (http://127.0.0.1:PORT or http://localhost:PORT with the same path) is accepted too, for the tests
 * and the CLI.
 * - WeCom group robot: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY
 *   (https://developer.work.weixin.qq.com/document/path/91770)
 * - Feishu custom bot: https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN, and Lark's
 *   https://open.larksuite.com/open-apis/bot/v2/hook/TOKEN
 *   (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot)
 * - DingTalk custom robot: https://oapi.dingtalk.com/robot/send?access_token=TOKEN
 *   (https://open.dingtalk.com/document/orgapp/custom-robot-access)
 */
const WEBHOOKS: Record<ChatChannel, { hosts: readonly string[]; path: RegExp; example: string }> = {
  wecom: {
    hosts: ['qyapi.weixin.qq.com'],
    path: /^\/cgi-bin\/webhook\/send\?key=([A-Za-z0-9-]+)$/,
    example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  },
  feishu: {
    hosts: ['open.feishu.cn', 'open.larksuite.com'],
    path: /^\/open-apis\/bot\/v2\/hook\/([A-Za-z0-9-]+)$/,
    example: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  },
  dingtalk: {
    hosts: ['oapi.dingtalk.com'],
    path: /^\/robot\/send\?access_token=([A-Za-z0-9]+)$/,
    example: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  },
};

/** Where a webhook URL points: its origin, the path with its query, and whether it is a local simulator. */
function splitUrl(url: string): { origin: string; host: string; local: boolean; path: string } | null {
  const https = /^https:\/\/([a-z0-9.-]+)(\/[^\s#]*)$/i.exec(url);
  if (https) return { origin: `https://${https[1].toLowerCase()}`, host: https[1].toLowerCase(), local: false, path: https[2] };
  const local = /^http:\/\/(127\.0\.0\.1|localhost):(\d{1,5})(\/[^\s#]*)$/i.exec(url);
  if (local && Number(local[2]) > 0 && Number(local[2]) < 65536) {
    return { origin: `http://${local[1].toLowerCase()}:${local[2]}`, host: local[1].toLowerCase(), local: true, path: local[3] };
  }
  return null;
}

/** The chat channel a webhook URL belongs to (by its host and path), or null when it is none of them. */
export function webhookChannel(url: string): ChatChannel | null {
  const parts = splitUrl(url.trim());
  if (!parts) return null;
  for (const channel of Object.keys(WEBHOOKS) as ChatChannel[]) {
    const rule = WEBHOOKS[channel];
    if ((parts.local || rule.hosts.includes(parts.host)) && rule.path.test(parts.path)) return channel;
  }
  return null;
}

/** The credential inside a webhook URL (the key, token or access_token), or null. */
function webhookToken(url: string): string | null {
  const parts = splitUrl(url.trim());
  if (!parts) return null;
  for (const rule of Object.values(WEBHOOKS)) {
    const m = rule.path.exec(parts.path);
    if (m) return m[1];
  }
  return null;
}

/** A mask that shows only enough of a credential to tell two apart: "••••3f2a". */
function maskToken(token: string): string {
  return token.length >= 8 ? `••••${token.slice(-4)}` : '••••';
}

/**
 * A stored webhook as the sidebar shows it: the host, the end of the path and the last four
 * characters of its credential ("https://qyapi.weixin.qq.com/…send?key=••••3f2a"); '' for none.
 */
export function maskWebhook(url: string): string {
  const trimmed = url.trim();
  if (!trimmed) return '';
  const parts = splitUrl(trimmed);
  const token = webhookToken(trimmed);
  if (!parts || !token) return '••••';
  const at = parts.path.lastIndexOf(token);
  const before = parts.path.slice(0, at);
  // The last path segment before the credential ("send?key=", "hook/").
  const slash = before.endsWith('/') ? '/' : '';
  const segment = before.slice(0, before.length - slash.length);
  const tail = segment.slice(segment.lastIndexOf('/') + 1) + slash;
  return `${parts.origin}/…${tail}${maskToken(token)}`;
}

/** A stored secret as the sidebar shows it: its last four characters when it is long enough to stay secret. */
export function maskSecret(secret: string): string {
  const trimmed = secret.trim();
  if (!trimmed) return '';
  return trimmed.length >= 12 ? maskToken(trimmed) : '••••';
}

/** The name of a field in the user's language, as messages name it. */
function fieldLabel(lang: Lang, field: ReminderField): string {
  return t(lang, `remind.field.${field}`);
}

type ReminderField = 'enabled' | 'channel' | 'webhook' | 'secret' | 'time' | 'include' | 'mention';

/** JSON names of the request's fields → the field a person sees in the form. */
const FIELD_OF_PATH: Record<string, ReminderField> = {
  enabled: 'enabled',
  channel: 'channel',
  webhook: 'webhook',
  secret: 'secret',
  hour: 'time',
  minute: 'time',
  include: 'include',
  'include.today': 'include',
  'include.overdue': 'include',
  'include.tomorrow': 'include',
  mention: 'mention',
};

/** The webhook's problem for a channel, or null when it is right. */
function webhookProblem(channel: ChatChannel, url: string, lang: Lang): Problem | null {
  const channelName = t(lang, `remind.channel.${channel}`);
  const field = fieldLabel(lang, 'webhook');
  if (!url) return { code: 'remind.error.webhookMissing', params: { field, channel: channelName } };
  const found = webhookChannel(url);
  if (found === channel) return null;
  if (found) return { code: 'remind.error.webhookOtherChannel', params: { field, channel: channelName, other: t(lang, `remind.channel.${found}`) } };
  if (/^http:\/\//i.test(url) && !splitUrl(url)) return { code: 'remind.error.webhookNotHttps', params: { field } };
  return { code: 'remind.error.webhookShape', params: { field, channel: channelName, example: WEBHOOKS[channel].example } };
}

/**
 * DingTalk shows the signing secret as a string starting with "SEC" (its robot security settings);
 * Feishu's is a random string. WeCom group robots have no signing.
 */
function secretProblem(channel: ReminderChannel, secret: string, lang: Lang): Problem | null {
  if (!secret) return null;
  const field = fieldLabel(lang, 'secret');
  const channelName = t(lang, `remind.channel.${channel}`);
  if (channel === 'wecom' || channel === 'email') return { code: 'remind.error.secretNotUsed', params: { field, channel: channelName } };
  if (/\s/.test(secret)) return { code: 'remind.error.secretSpaces', params: { field } };
  if (channel === 'dingtalk' && !/^SEC[0-9a-zA-Z]+$/.test(secret)) return { code: 'remind.error.secretDingtalk', params: { field } };
  return null;
}

/** A whole number from a number or a numeric string ("08"), else NaN. */
function wholeNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : NaN;
  if (typeof value === 'string' && /^\s*\d{1,2}\s*$/.test(value)) return Number(value);
  return NaN;
}

/**
 * Reads reminder settings from the sidebar (or from what was stored), with the defaults for what is
 * left out. Every wrong field is refused at once, named as the form names it in `lang`. A chat channel
 * that is turned on needs its webhook; a webhook given is checked even while reminders are off, since
 * it would be stored.
 */
export function parseReminderSettings(raw: unknown, lang: Lang): ReminderSettings {
  let shape: ReturnType<typeof readShape>;
  try {
    shape = readShape(raw);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.problems.map((problem) => nameField(problem, lang)));
    throw error;
  }

  const problems: Problem[] = [];
  const settings: ReminderSettings = {
    ...DEFAULT_REMINDER_SETTINGS,
    include: { ...DEFAULT_REMINDER_SETTINGS.include },
  };
  if (shape.enabled !== undefined) settings.enabled = shape.enabled;
  if (shape.channel !== undefined) settings.channel = shape.channel;
  if (shape.mention !== undefined) settings.mention = shape.mention;
  for (const key of ['today', 'overdue', 'tomorrow'] as const) {
    const value = shape.include?.[key];
    if (value !== undefined) settings.include[key] = value;
  }

  const time = readTime(shape.hour, shape.minute);
  if (time) [settings.hour, settings.minute] = time;
  else problems.push({ code: 'remind.error.time', params: { field: fieldLabel(lang, 'time'), value: `${String(shape.hour)}:${String(shape.minute)}` } });

  if (!settings.include.today && !settings.include.overdue && !settings.include.tomorrow) {
    problems.push({ code: 'remind.error.includeNothing', params: { field: fieldLabel(lang, 'include') } });
  }

  const webhook = String(shape.webhook ?? '').trim();
  const secret = String(shape.secret ?? '').trim();
  if (isChatChannel(settings.channel)) {
    const problem = webhook || settings.enabled ? webhookProblem(settings.channel, webhook, lang) : null;
    if (problem) problems.push(problem);
    settings.webhook = webhook;
    const secretIssue = secretProblem(settings.channel, secret, lang);
    if (secretIssue) problems.push(secretIssue);
    settings.secret = secret;
  }
  // Email needs neither: what the chat fields held is not kept, so no credential lingers unseen.

  if (problems.length) throw new AppError(problems);
  return settings;
}

/** The request's fields by type (their values are judged afterwards). */
function readShape(raw: unknown) {
  return parseObjectRequest('remind.error.request', raw, (fields) => ({
    enabled: fields.optionalFlag('enabled'),
    channel: fields.optionalChoice('channel', REMINDER_CHANNELS),
    webhook: fields.optionalText('webhook'),
    secret: fields.optionalText('secret'),
    hour: fields.any('hour'),
    minute: fields.any('minute'),
    include: fields.optionalObject('include', (inner) => ({
      today: inner.optionalFlag('today'),
      overdue: inner.optionalFlag('overdue'),
      tomorrow: inner.optionalFlag('tomorrow'),
    })),
    mention: fields.optionalFlag('mention'),
  }));
}

/** hour:minute within a day, from numbers or numeric strings; the defaults when both are left out. */
function readTime(hourRaw: unknown, minuteRaw: unknown): [number, number] | null {
  const absent = (value: unknown) => value === undefined || value === null || value === '';
  const hour = absent(hourRaw) ? DEFAULT_REMINDER_SETTINGS.hour : wholeNumber(hourRaw);
  const minute = absent(minuteRaw) ? (absent(hourRaw) ? DEFAULT_REMINDER_SETTINGS.minute : 0) : wholeNumber(minuteRaw);
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) return null;
  return [hour, minute];
}

/** A shape problem (its field named by its JSON path) with the field named as the form names it. */
function nameField(problem: Problem, lang: Lang): Problem {
  const path = String(problem.params?.field ?? '');
  const field = FIELD_OF_PATH[path];
  return field ? { ...problem, params: { ...problem.params, field: fieldLabel(lang, field) } } : problem;
}

/** The settings as the sidebar may show them: the credentials masked. */
export function maskedReminderSettings(settings: ReminderSettings): ReminderSettings {
  return { ...settings, include: { ...settings.include }, webhook: maskWebhook(settings.webhook), secret: maskSecret(settings.secret) };
}
