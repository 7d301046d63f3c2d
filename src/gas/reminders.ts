/**
 * Apps Script adapters for reminders (opt-in): the person's setup in their user properties, their
 * daily time-driven trigger in this spreadsheet, the three scopes reminders need beyond the add-on's
 * two, and the sender (UrlFetchApp for webhooks, MailApp for mail). Nothing here runs until a use
 * case asks: building the ports calls no service, so no other action touches a reminder API.
 * See docs/reminders-permissions.md for the consent model behind ReminderScopes.
 */
import { PostSchedule, postOutcome } from '../core/remind/sending';
import type {
  OutgoingMail,
  OutgoingRequest,
  ReminderPorts,
  ReminderScopes,
  ReminderSender,
  ReminderSenderOptions,
  ReminderStore,
  ReminderTrigger,
  SendOutcome,
} from '../ports';
import { raw } from './meter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The scopes reminders need, as appsscript.json declares them: triggers, webhooks, mail. */
export const REMINDER_SCOPES: readonly string[] = [
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/script.external_request',
  'https://www.googleapis.com/auth/script.send_mail',
  // Only for the daily trigger, should it run without the spreadsheet as its active one (Google does
  // not document which it is for an add-on's time-driven trigger): then it opens the spreadsheet by
  // id, which spreadsheets.currentonly does not allow (docs/reminders-permissions.md).
  'https://www.googleapis.com/auth/spreadsheets',
];

/** User-property key, followed by "." and a trigger's unique id: the spreadsheet that trigger is for. */
export const TRIGGER_SPREADSHEET_PROPERTY = 'sop-planner.reminderTriggerSpreadsheet';

/**
 * The spreadsheet a time-driven trigger runs for: the active one when Apps Script gives one, else the
 * one its install recorded under the trigger's id (the event's triggerUid), opened by id.
 */
export function triggerSpreadsheet(event: unknown): Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const uid = typeof event === 'object' && event !== null ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  const id = uid === undefined ? null : PropertiesService.getUserProperties().getProperty(`${TRIGGER_SPREADSHEET_PROPERTY}.${String(uid)}`);
  if (!id) throw new Error(`No spreadsheet is recorded for the reminder trigger ${String(uid)}: turn reminders on again from the spreadsheet.`);
  return SpreadsheetApp.openById(id);
}

/** The global function the daily trigger calls (a trigger handler declared in the feature registry). */
export const REMINDER_HANDLER = 'sendDailyReminders';

/**
 * User-property keys, each followed by "." and the spreadsheet's id: a person's user properties are
 * shared by every spreadsheet they use the add-on in, and each spreadsheet has its own team and chats.
 */
export const REMINDER_SETUP_PROPERTY = 'sop-planner.reminders';
export const REMINDER_TRIGGER_PROPERTY = 'sop-planner.reminderTrigger';

/** Utilities.sleep's limit (5 minutes). */
const MAX_SLEEP_MS = 300_000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The spreadsheet's id, asked once (a read, counted by the meter when the spreadsheet is wrapped). */
function idOf(spreadsheet: Spreadsheet): () => string {
  let id: string | null = null;
  return () => (id ??= spreadsheet.getId());
}

/** The setup as one JSON text in the person's user properties: webhook URLs and secrets never reach a tab or a log. */
export class UserReminderStore implements ReminderStore {
  constructor(private readonly spreadsheetId: () => string) {}

  load(): string | null {
    return PropertiesService.getUserProperties().getProperty(this.key());
  }

  save(json: string | null): void {
    const properties = PropertiesService.getUserProperties();
    if (json === null) properties.deleteProperty(this.key());
    else properties.setProperty(this.key(), json);
  }

  private key(): string {
    return `${REMINDER_SETUP_PROPERTY}.${this.spreadsheetId()}`;
  }
}

interface TriggerRecord {
  id: string;
  hour: number;
  minute: number;
}

/**
 * The person's daily trigger in this spreadsheet: ScriptApp.getUserTriggers lists the triggers this
 * user owns in this document for this add-on only, and of those only the ones calling `handler` are
 * ours to replace or remove. A trigger does not tell its hour, so the hour and minute it was made
 * with are kept in the person's user properties, with the trigger's id.
 */
export class SheetsReminderTrigger implements ReminderTrigger {
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly spreadsheetId: () => string,
    private readonly timeZone: () => string,
    private readonly handler: string = REMINDER_HANDLER,
  ) {}

  current(): { hour: number; minute: number } | null {
    const ours = this.ours();
    if (ours.length === 0) return null;
    const record = this.record();
    return record && ours.some((trigger) => trigger.getUniqueId() === record.id) ? { hour: record.hour, minute: record.minute } : null;
  }

  install(hour: number, minute: number): void {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour ${hour} is not 0–23`);
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new RangeError(`minute ${minute} is not 0–59`);
    // An add-on may have one time-driven trigger per user per document: the old one goes first.
    this.remove();
    const trigger = ScriptApp.newTrigger(this.handler).timeBased().everyDays(1).atHour(hour).nearMinute(minute).inTimezone(this.timeZone()).create();
    const record: TriggerRecord = { id: trigger.getUniqueId(), hour, minute };
    PropertiesService.getUserProperties().setProperties({
      [this.key()]: JSON.stringify(record),
      // Which spreadsheet the trigger is for, should it run without an active one (triggerSpreadsheet).
      [`${TRIGGER_SPREADSHEET_PROPERTY}.${record.id}`]: this.spreadsheetId(),
    });
  }

  remove(): void {
    // Deleted through the copies getUserTriggers returns, never through the object create() returned.
    const properties = PropertiesService.getUserProperties();
    for (const trigger of this.ours()) {
      properties.deleteProperty(`${TRIGGER_SPREADSHEET_PROPERTY}.${trigger.getUniqueId()}`);
      ScriptApp.deleteTrigger(trigger);
    }
    properties.deleteProperty(this.key());
  }

  private ours(): GoogleAppsScript.Script.Trigger[] {
    return ScriptApp.getUserTriggers(raw(this.spreadsheet)).filter((trigger) => trigger.getHandlerFunction() === this.handler);
  }

  private record(): TriggerRecord | null {
    const text = PropertiesService.getUserProperties().getProperty(this.key());
    if (!text) return null;
    try {
      const parsed = JSON.parse(text) as Partial<TriggerRecord>;
      return typeof parsed.id === 'string' && Number.isInteger(parsed.hour) && Number.isInteger(parsed.minute)
        ? { id: parsed.id, hour: parsed.hour as number, minute: parsed.minute as number }
        : null;
    } catch {
      return null;
    }
  }

  private key(): string {
    return `${REMINDER_TRIGGER_PROPERTY}.${this.spreadsheetId()}`;
  }
}

/**
 * Granular consent: a person may leave any of the manifest's scopes unticked, at install or later.
 * getAuthorizationInfo(FULL, scopes) tells which of ours are granted; requireScopes shows Google's
 * consent prompt for the missing ones and ends the run (in a trigger, which cannot prompt, the run
 * just stops: check missing() there first).
 */
export class SheetsReminderScopes implements ReminderScopes {
  constructor(private readonly scopes: readonly string[] = REMINDER_SCOPES) {}

  missing(): string[] {
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, [...this.scopes]);
    const granted = info.getAuthorizedScopes();
    // The reference allows null: then the status says whether all of those asked about are granted.
    if (granted === null) return info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.NOT_REQUIRED ? [] : [...this.scopes];
    return this.scopes.filter((scope) => !granted.includes(scope));
  }

  require(): void {
    ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [...this.scopes]);
  }
}

/**
 * Posts with UrlFetchApp.fetchAll, one round at a time (core/remind/sending.ts): the n-th post to
 * each webhook together, `spacingMs` of Utilities.sleep between rounds. HTTP errors come back as
 * statuses (muteHttpExceptions), read with the platform's own code and message (core/remind/reply.ts);
 * a network failure fails its round's posts with its message. No detail carries a webhook's URL,
 * key, token or sign. Mails go one by one through MailApp, within the day's quota.
 */
export class SheetsReminderSender implements ReminderSender {
  constructor(private readonly options: ReminderSenderOptions) {}

  post(requests: readonly OutgoingRequest[]): SendOutcome[] {
    const schedule = new PostSchedule(requests.map((request) => request.url));
    const pause = Math.min(MAX_SLEEP_MS, Math.max(0, Math.ceil(this.options.spacingMs)));
    let round = schedule.nextRound();
    while (round !== null) {
      const batch = round.map((index) => ({
        url: requests[index].url,
        method: 'post' as const,
        contentType: requests[index].contentType,
        payload: requests[index].payload,
        muteHttpExceptions: true,
      }));
      const outcome = (index: number, status: number | null, body: string): SendOutcome => postOutcome(requests[index].url, this.options.channel, status, body);
      try {
        const responses = UrlFetchApp.fetchAll(batch);
        round.forEach((index, k) => schedule.record(index, outcome(index, responses[k].getResponseCode(), responses[k].getContentText())));
      } catch (error) {
        // fetchAll fails as a whole: which of the round's posts reached its chat is unknown.
        for (const index of round) schedule.record(index, outcome(index, null, errorText(error)));
      }
      round = schedule.nextRound();
      if (round !== null && pause > 0) Utilities.sleep(pause);
    }
    return schedule.outcomes();
  }

  mail(mails: readonly OutgoingMail[]): SendOutcome[] {
    if (mails.length === 0) return [];
    let remaining: number;
    try {
      remaining = MailApp.getRemainingDailyQuota();
    } catch (error) {
      return mails.map(() => ({ ok: false, status: null, detail: errorText(error) }));
    }
    return mails.map((mail): SendOutcome => {
      const recipients = mail.to.split(',').filter((address) => address.trim()).length;
      if (recipients > remaining) return { ok: false, status: null, detail: 'the daily email quota is used up' };
      try {
        MailApp.sendEmail(mail.to, mail.subject, mail.body, {
          name: this.options.senderName,
          ...(mail.htmlBody !== undefined ? { htmlBody: mail.htmlBody } : {}),
        });
        remaining -= recipients;
        return { ok: true, status: null, detail: '' };
      } catch (error) {
        return { ok: false, status: null, detail: errorText(error) };
      }
    });
  }
}

/**
 * The reminder ports over a spreadsheet (wrapped by the meter or not: the id is read through it, so a
 * metered action counts that read; ScriptApp is given the spreadsheet itself).
 */
export function createGasReminders(spreadsheet: Spreadsheet, timeZone: () => string, handler: string = REMINDER_HANDLER): ReminderPorts {
  const spreadsheetId = idOf(spreadsheet);
  return {
    store: new UserReminderStore(spreadsheetId),
    trigger: new SheetsReminderTrigger(spreadsheet, spreadsheetId, timeZone, handler),
    scopes: new SheetsReminderScopes(),
    now: () => Date.now(),
    // A person's own test waits for the posts, as the trigger does.
    sender: (options) => new SheetsReminderSender(options),
  };
}
