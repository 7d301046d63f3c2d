/**
 * Reminders (提醒): each morning the day's items go to the team's work chat (a WeCom, Feishu or
 * DingTalk group robot) or by email to each executor, from the same reading of the SOP and Gantt
 * tabs as the Today board (core/today). The setup is the person's own (their user properties, never
 * a tab: the webhook and secret are credentials); each send is written to the 提醒记录 / Reminder log
 * tab, without a URL or a secret.
 *
 * The use cases stay synchronous and free of network code: a run is prepared (what to send), the host
 * sends it (Apps Script's UrlFetchApp/MailApp, Node's fetch in the CLI), and the run is finished
 * (retried once where it failed, then logged). `sendReminders` does all three with a synchronous
 * sender (Apps Script); the CLI awaits its asynchronous one between the same steps.
 */
import { parseDate, toIso, type DaySerial } from '../core/dates';
import { AppError } from '../core/errors';
import { chatRequests, type ChatPlan } from '../core/remind/chat';
import { composeReminders, composeTestReminder, type ReminderPlan } from '../core/remind/compose';
import type { EmailPlan } from '../core/remind/email';
import { appendReminderLog, buildReminderLogTab, readReminderLog, type LogStatus, type ReminderLogEntry } from '../core/remind/log';
import type { OutgoingMail, OutgoingRequest } from '../core/remind/outgoing';
import {
  DEFAULT_REMINDER_SETTINGS,
  isChatChannel,
  maskedReminderSettings,
  parseReminderSettings,
  type ReminderChannel,
  type ReminderSettings,
} from '../core/remind/settings';
import { parseObjectRequest } from '../core/request';
import { readTeamContacts, type Contact } from '../core/team/contacts';
import type { AppContext, ReminderPorts, ReminderSender, ReminderSenderOptions, SendOutcome } from '../ports';
import type { TriggerHost } from './feature';
import { findGeneratedTab, generatedNote, openSession, type Session } from './session';
import { collectDueItems } from './today';

/** What the reminder sidebar shows when it opens. */
export interface ReminderState {
  /** False where the host cannot keep a setup or a trigger: the page then only previews. */
  available: boolean;
  /** Whether "send a test now" can post from here (Sheets: yes; the playground: no). */
  canSend: boolean;
  /** The stored setup with the webhook and secret masked ("https://qyapi.weixin.qq.com/…send?key=••••3f2a"). */
  settings: ReminderSettings;
  hasWebhook: boolean;
  hasSecret: boolean;
  /** When the daily trigger fires (spreadsheet time zone), or null when there is none. */
  trigger: { hour: number; minute: number } | null;
  timeZone: string;
  /** The newest line of the Reminder log, if any: did this morning's reminder go out? */
  lastSend: ReminderLogEntry | null;
  /** People on the Team tab, with an email, with a way to be @-mentioned in the chosen channel. */
  team: { people: number; withEmail: number; mentionable: Record<Exclude<ReminderChannel, 'email'>, number> };
}

/** One message as a preview shows it. */
export interface ReminderPreviewMessage {
  /** The recipient: the group chat, or an email address. */
  to: string;
  subject: string;
  text: string;
  bytes: number;
}

export interface ReminderPreview {
  date: string;
  channel: ReminderChannel;
  messages: ReminderPreviewMessage[];
  /** Executors with an item in the reminder. */
  executors: string[];
  /** What may surprise: executors who cannot be @-mentioned or mailed. */
  warnings: string[];
  /** "3 条消息 · 5 位执行人", or "今天没有要提醒的事项". */
  summary: string;
}

export interface ReminderRunResult {
  status: LogStatus;
  /** Messages posted or mails sent, of those planned. */
  sent: number;
  planned: number;
  /** What the sidebar and the log say: "已发送 2 条到企业微信群 · 5 位执行人". */
  message: string;
  entry: ReminderLogEntry;
}

/** A prepared run: what to send, and what the log will say about it. */
export interface ReminderRun {
  settings: ReminderSettings;
  plan: ReminderPlan;
  requests: OutgoingRequest[];
  mails: OutgoingMail[];
  senderOptions: ReminderSenderOptions;
  test: boolean;
  date: DaySerial;
}

const SETUP_VERSION = 1;

function ports(ctx: AppContext): ReminderPorts {
  if (!ctx.reminders) throw new AppError({ code: 'remind.app.error.unavailable' });
  return ctx.reminders;
}

/** The stored setup (webhook and secret in clear): the defaults when there is none or it cannot be read. */
export function loadReminderSettings(ctx: AppContext): ReminderSettings {
  const text = ctx.reminders?.store.load() ?? null;
  if (!text) return { ...DEFAULT_REMINDER_SETTINGS, include: { ...DEFAULT_REMINDER_SETTINGS.include } };
  try {
    const stored = JSON.parse(text) as { version?: number; settings?: unknown };
    // What was stored passed the same checks when it was saved; read it leniently so a rule made
    // stricter later does not lock a person out of their own setup (they see it and save again).
    return { ...DEFAULT_REMINDER_SETTINGS, ...(stored.settings as Partial<ReminderSettings>) };
  } catch {
    return { ...DEFAULT_REMINDER_SETTINGS, include: { ...DEFAULT_REMINDER_SETTINGS.include } };
  }
}

function storeSettings(ctx: AppContext, settings: ReminderSettings): void {
  ports(ctx).store.save(JSON.stringify({ version: SETUP_VERSION, settings }));
}

function teamContacts(ctx: AppContext): Contact[] {
  const tab = findGeneratedTab(ctx, 'team');
  return tab ? readTeamContacts(ctx.workbook.readTab(tab.name)) : [];
}

function readLog(ctx: AppContext): { tab: string | null; entries: ReminderLogEntry[] } {
  const tab = findGeneratedTab(ctx, 'reminder-log');
  return tab ? { tab: tab.name, entries: readReminderLog(ctx.workbook.readTab(tab.name)) } : { tab: null, entries: [] };
}

/** The sidebar's start: the setup (masked), the trigger, the last send and what the Team tab allows. */
export function getReminderState(ctx: AppContext): ReminderState {
  const settings = loadReminderSettings(ctx);
  const contacts = teamContacts(ctx);
  const count = (pick: (contact: Contact) => string) => contacts.filter((contact) => pick(contact) !== '').length;
  return {
    available: ctx.reminders !== undefined,
    canSend: ctx.reminders?.sender !== undefined,
    settings: maskedReminderSettings(settings),
    hasWebhook: settings.webhook !== '',
    hasSecret: settings.secret !== '',
    trigger: ctx.reminders ? ctx.reminders.trigger.current() : null,
    timeZone: ctx.clock.timeZone(),
    lastSend: readLog(ctx).entries[0] ?? null,
    team: {
      people: contacts.length,
      withEmail: count((c) => c.email),
      mentionable: {
        wecom: count((c) => c.wecomUserId || c.phone),
        feishu: count((c) => c.feishuOpenId),
        dingtalk: count((c) => c.dingtalkUserId || c.phone),
      },
    },
  };
}

/**
 * The form as the sidebar sends it. The webhook and secret are shown masked, so the page sends them
 * only when the person typed new ones: left blank, the stored ones are kept (for the same channel);
 * `clearSecret` removes a stored secret (a robot whose signing was turned off).
 */
function readForm(raw: unknown, stored: ReminderSettings, lang: Session['lang']): ReminderSettings {
  const { clearSecret, ...form } = parseObjectRequest('remind.error.request', raw, (fields) => ({
    enabled: fields.optionalFlag('enabled'),
    channel: fields.any('channel'),
    webhook: fields.optionalText('webhook'),
    secret: fields.optionalText('secret'),
    hour: fields.any('hour'),
    minute: fields.any('minute'),
    include: fields.any('include'),
    mention: fields.optionalFlag('mention'),
    clearSecret: fields.optionalFlag('clearSecret'),
  }));
  const sameChannel = form.channel === undefined || form.channel === stored.channel;
  const webhook = (form.webhook ?? '').trim() || (sameChannel ? stored.webhook : '');
  const secret = clearSecret ? '' : (form.secret ?? '').trim() || (sameChannel ? stored.secret : '');
  return parseReminderSettings({ ...form, webhook, secret }, lang);
}

export interface SaveReminderResult {
  state: ReminderState;
  message: string;
}

/**
 * Saves the person's setup. Turning reminders on first asks for the permissions they need (in Sheets
 * the run stops at Google's consent prompt when one is missing: the person grants it and saves
 * again), then installs the daily trigger; turning them off removes it.
 */
export function saveReminderSettings(ctx: AppContext, form: unknown): SaveReminderResult {
  const session = openSession(ctx);
  const reminders = ports(ctx);
  const settings = readForm(form, loadReminderSettings(ctx), session.lang);
  if (settings.enabled) {
    reminders.scopes.require();
    storeSettings(ctx, settings);
    reminders.trigger.install(settings.hour, settings.minute);
  } else {
    storeSettings(ctx, settings);
    reminders.trigger.remove();
  }
  const time = clockText(settings.hour, settings.minute);
  const message = settings.enabled
    ? session.tr('remind.app.saved.on', { time, channel: session.tr(`remind.channel.${settings.channel}`), zone: ctx.clock.timeZone() })
    : session.tr('remind.app.saved.off');
  return { state: getReminderState(ctx), message };
}

function clockText(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A date from the request ("2026-12-04"), else today in the spreadsheet's time zone. */
function runDate(ctx: AppContext, raw: unknown): DaySerial {
  if (raw === undefined || raw === null || raw === '') return ctx.clock.today();
  const date = typeof raw === 'string' ? parseDate(raw) : null;
  if (date === null) throw new AppError({ code: 'remind.app.error.date', params: { value: String(raw) } });
  return date;
}

/** The plan of a day (or of a test message, mailed to `testTo`) for these settings. */
function planOf(
  ctx: AppContext,
  session: Session,
  settings: ReminderSettings,
  date: DaySerial,
  kind: { test?: boolean; testTo?: string; preview?: boolean } = {},
): ReminderPlan {
  const { test = false, testTo = '', preview = false } = kind;
  if (test) return composeTestReminder(settings, session.lang, settings.channel === 'email' ? testTo : '');
  // A run that sends (not a preview) also brings the SOP tabs' push counts up to date: it writes anyway.
  const items = collectDueItems(ctx, { today: date, daysAhead: Math.max(1, session.settings.todayDaysAhead) }, { rememberSopRows: !preview });
  return composeReminders({
    items,
    contacts: teamContacts(ctx),
    date,
    settings,
    lang: session.lang,
    tabLinks: tabLinks(ctx, [...new Set(items.map((item) => item.tab))]),
  });
}

/** Each source tab's web address, where the host has one (Sheets): the messages link each item to its row. */
function tabLinks(ctx: AppContext, tabs: string[]): Record<string, string> | undefined {
  const url = ctx.workbook.tabUrl;
  if (!url) return undefined;
  const links: Record<string, string> = {};
  for (const tab of tabs) {
    const link = url.call(ctx.workbook, tab);
    if (link) links[tab] = link;
  }
  return Object.keys(links).length ? links : undefined;
}

/** The settings a preview uses: the form's, when the page sends it (not saved yet), else the stored ones. */
function previewSettings(ctx: AppContext, session: Session, form: unknown): ReminderSettings {
  const stored = loadReminderSettings(ctx);
  if (form === undefined || form === null) return stored;
  // A preview needs no webhook: what it shows does not depend on where it goes.
  const settings = readForm({ ...(form as object), enabled: false }, stored, session.lang);
  return { ...settings, enabled: stored.enabled };
}

/** "Preview today's messages": what would be sent for a day, sending nothing. */
export function previewReminders(ctx: AppContext, request: unknown): ReminderPreview {
  const session = openSession(ctx);
  const { date: rawDate, settings: form } = parseObjectRequest('remind.error.request', request, (fields) => ({
    date: fields.optionalText('date'),
    settings: fields.any('settings'),
  }));
  const date = runDate(ctx, rawDate);
  const settings = previewSettings(ctx, session, form);
  const plan = planOf(ctx, session, settings, date, { preview: true });
  return describePlan(session, plan, date);
}

function describePlan(session: Session, plan: ReminderPlan, date: DaySerial): ReminderPreview {
  const tr = session.tr;
  const messages: ReminderPreviewMessage[] =
    plan.channel === 'email'
      ? plan.mails.map((mail) => ({ to: mail.to, subject: mail.subject, text: mail.body, bytes: 0 }))
      : plan.messages.map((message) => ({ to: tr(`remind.channel.${plan.channel}`), subject: '', text: message.preview, bytes: message.bytes }));
  const warnings: string[] = [];
  if (plan.channel === 'email' && plan.withoutEmail.length)
    warnings.push(tr('remind.app.warning.noEmail', { names: plan.withoutEmail.join(listJoin(session)) }));
  if (plan.channel !== 'email' && plan.notMentionable.length) {
    warnings.push(
      tr('remind.app.warning.notMentionable', { names: plan.notMentionable.join(listJoin(session)), channel: tr(`remind.channel.${plan.channel}`) }),
    );
  }
  const summary = messages.length
    ? tr('remind.app.preview.summary', { messages: messages.length, executors: plan.executors.length })
    : tr('remind.app.preview.nothing', { date: toIso(date) });
  return { date: toIso(date), channel: plan.channel, messages, executors: plan.executors, warnings, summary };
}

function listJoin(session: Session): string {
  return session.lang === 'en' ? ', ' : '、';
}

/** What to send for a day (or the test message), signed at `nowMs`, with the sender's pace. */
export function prepareReminderRun(
  ctx: AppContext,
  options: { date?: DaySerial; test?: boolean; testTo?: string; nowMs: number; settings?: ReminderSettings },
): ReminderRun {
  const session = openSession(ctx);
  const settings = options.settings ?? loadReminderSettings(ctx);
  if (isChatChannel(settings.channel) && !settings.webhook) throw new AppError({ code: 'remind.app.error.noWebhook' });
  const date = options.date ?? ctx.clock.today();
  const test = options.test === true;
  const plan = planOf(ctx, session, settings, date, { test, testTo: options.testTo });
  if (test && plan.channel === 'email' && plan.mails.length === 0) throw new AppError({ code: 'remind.app.error.noTestAddress' });
  return {
    settings,
    plan,
    requests: plan.channel === 'email' ? [] : chatRequests(plan, settings, options.nowMs),
    mails: plan.channel === 'email' ? plan.mails : [],
    senderOptions: {
      channel: isChatChannel(settings.channel) ? settings.channel : undefined,
      spacingMs: plan.minIntervalMs,
      senderName: session.tr('app.name'),
    },
    test,
    date,
  };
}

/** The requests (or mails) to send again: those that failed, in their order (a part left unsent after a failure included). */
export function failedIndexes(outcomes: readonly SendOutcome[]): number[] {
  return outcomes.flatMap((outcome, i) => (outcome.ok ? [] : [i]));
}

/**
 * The requests of the failed posts, signed again at `nowMs` (a signature is good for an hour; a retry
 * a moment later could still use the old one, but a fresh one costs nothing).
 */
export function retryRequests(run: ReminderRun, indexes: readonly number[], nowMs: number): OutgoingRequest[] {
  if (run.plan.channel === 'email') return [];
  const signed = chatRequests(run.plan, run.settings, nowMs);
  return indexes.map((i) => signed[i]);
}

/** Outcomes after a retry: each retried one replaced by its second outcome, a second failure saying it was retried. */
export function mergeRetry(ctx: AppContext, first: readonly SendOutcome[], indexes: readonly number[], second: readonly SendOutcome[]): SendOutcome[] {
  const retried = openSession(ctx).tr('remind.app.log.retried');
  const merged = [...first];
  indexes.forEach((index, i) => {
    const again = second[i];
    if (again) merged[index] = again.ok ? again : { ...again, detail: `${again.detail} · ${retried}` };
  });
  return merged;
}

/** Writes the run to the log (newest first) and says what happened. Nothing due is logged too: "nothing to send". */
export function finishReminderRun(ctx: AppContext, run: ReminderRun, outcomes: readonly SendOutcome[]): ReminderRunResult {
  const session = openSession(ctx);
  const planned = run.plan.channel === 'email' ? run.plan.mails.length : run.plan.messages.length;
  const sent = outcomes.filter((outcome) => outcome.ok).length;
  const status: LogStatus = planned === 0 ? 'empty' : sent === planned ? 'sent' : sent === 0 ? 'failed' : 'partial';
  const recipients = run.plan.channel === 'email' ? run.plan.mails.map((mail) => mail.to) : run.plan.executors;
  const details = [...new Set(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.detail))];
  const entry: ReminderLogEntry = {
    time: ctx.clock.nowText(),
    channel: run.settings.channel,
    recipients,
    parts: sent,
    status,
    detail: [run.test ? session.tr('remind.app.log.test') : session.tr('remind.app.log.daily', { date: toIso(run.date) }), ...details].join(' · '),
  };
  writeLog(ctx, session, entry, run.settings);
  const channel = session.tr(`remind.channel.${run.settings.channel}`);
  const message =
    status === 'empty'
      ? session.tr('remind.app.result.empty', { date: toIso(run.date) })
      : status === 'sent'
        ? session.tr('remind.app.result.sent', { count: sent, channel, executors: run.plan.executors.length })
        : session.tr(status === 'failed' ? 'remind.app.result.failed' : 'remind.app.result.partial', { sent, planned, channel, detail: details.join(' · ') });
  return { status, sent, planned, message, entry };
}

function writeLog(ctx: AppContext, session: Session, entry: ReminderLogEntry, settings: ReminderSettings): void {
  ctx.workbook.withLock(() => {
    const { entries } = readLog(ctx);
    const spec = buildReminderLogTab(appendReminderLog(entries, [entry]), session.lang, generatedNote(ctx, session, session.tr('remind.log.tabName')), [
      settings.webhook,
      settings.secret,
    ]);
    // Not activated: the log is written from a trigger or beside the sidebar; nobody asked to look at it.
    ctx.workbook.reserveRoom([{ spec }]);
    ctx.workbook.writeTab(spec);
  });
}

/** Sends a prepared run with a synchronous sender (Apps Script), retrying once what failed, and logs it. */
export function sendPreparedRun(ctx: AppContext, run: ReminderRun, sender: ReminderSender, nowMs: () => number): ReminderRunResult {
  const first = settle(run.plan.channel === 'email' ? sender.mail(run.mails) : sender.post(run.requests));
  let outcomes = first;
  const failed = failedIndexes(first);
  if (failed.length) {
    const again = settle(run.plan.channel === 'email' ? sender.mail(failed.map((i) => run.mails[i])) : sender.post(retryRequests(run, failed, nowMs())));
    outcomes = mergeRetry(ctx, first, failed, again);
  }
  return finishReminderRun(ctx, run, outcomes);
}

function settle(outcomes: SendOutcome[] | Promise<SendOutcome[]>): SendOutcome[] {
  if (Array.isArray(outcomes)) return outcomes;
  throw new Error('This host sends asynchronously: use the prepare/finish steps (src/local/cli/remind.ts)');
}

/**
 * "Send a test now": one short message through the form's (or the stored) setup, logged as a test.
 * An email test goes to the address the page gives (`testTo`): the add-on cannot know the person's own
 * address without another permission.
 */
export function sendTestReminder(ctx: AppContext, request: unknown): ReminderRunResult {
  const session = openSession(ctx);
  const { settings: form, testTo } = parseObjectRequest('remind.error.request', request, (fields) => ({
    settings: fields.any('settings'),
    testTo: fields.optionalText('testTo'),
  }));
  const reminders = ports(ctx);
  if (!reminders.sender) throw new AppError({ code: 'remind.app.error.cannotSendHere' });
  const stored = loadReminderSettings(ctx);
  const settings = form === undefined || form === null ? stored : readForm({ ...(form as object), enabled: false }, stored, session.lang);
  if (settings.channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test((testTo ?? '').trim())) {
    throw new AppError({ code: 'remind.app.error.testAddress', params: { value: testTo ?? '' } });
  }
  reminders.scopes.require();
  const run = prepareReminderRun(ctx, { test: true, testTo: (testTo ?? '').trim(), nowMs: reminders.now(), settings });
  return sendPreparedRun(ctx, run, reminders.sender(run.senderOptions), () => reminders.now());
}

/**
 * The daily trigger's handler: today's reminders with the stored setup. It runs with nobody at the
 * screen, so what goes wrong is written to the log, not shown. A trigger left behind by a setup that is
 * off removes itself; missing permissions (a person may have unticked them) are logged, nothing sent.
 */
export function sendDailyReminders(ctx: AppContext, host: TriggerHost): ReminderRunResult | null {
  const session = openSession(ctx);
  const reminders = ports(ctx);
  const settings = loadReminderSettings(ctx);
  if (!settings.enabled) {
    reminders.trigger.remove();
    return null;
  }
  const missing = reminders.scopes.missing();
  if (missing.length) {
    const entry: ReminderLogEntry = {
      time: ctx.clock.nowText(),
      channel: settings.channel,
      recipients: [],
      parts: 0,
      status: 'failed',
      detail: session.tr('remind.app.log.missingScopes'),
    };
    writeLog(ctx, session, entry, settings);
    return { status: 'failed', sent: 0, planned: 0, message: entry.detail, entry };
  }
  const run = prepareReminderRun(ctx, { nowMs: reminders.now(), settings });
  return sendPreparedRun(ctx, run, host.sender(run.senderOptions), () => reminders.now());
}

export type { ChatPlan, EmailPlan };
