/**
 * A day's reminders from the due items, the team's contacts, the date and the settings: the messages
 * for the group chat (one per chat, split to its limit) or one email per executor. Pure: the host
 * reads the items (core/today), signs each call when it posts (chat.ts signedRequest) and sends.
 */
import type { DaySerial } from '../dates';
import { t, type Lang } from '../i18n';
import type { Contact } from '../team/contacts';
import type { DueItem } from '../today/due';
import { composeChatMessages, type ChatPlan } from './chat';
import { buildDigest, type Digest } from './digest';
import { composeEmails, type EmailPlan } from './email';
import type { ReminderSettings } from './settings';

export type ReminderPlan = ChatPlan | EmailPlan;

export interface ReminderInput {
  items: readonly DueItem[];
  /** The Team tab's people (core/team/contacts.ts): their order is the order executors are listed in. */
  contacts: readonly Contact[];
  date: DaySerial;
  settings: Pick<ReminderSettings, 'channel' | 'include' | 'mention'>;
  lang: Lang;
  /** URL of each source tab by name, to link each item to its row; without it, no links. */
  tabLinks?: Readonly<Record<string, string>>;
}

/** What to send for the day. A plan without messages (or mails) means nothing is due: send nothing. */
export function composeReminders(input: ReminderInput): ReminderPlan {
  const digestInput = {
    items: input.items,
    date: input.date,
    include: input.settings.include,
    lang: input.lang,
    teamOrder: input.contacts.map((contact) => contact.name),
    tabLinks: input.tabLinks,
  };
  if (input.settings.channel === 'email') return composeEmails({ ...digestInput, contacts: input.contacts });
  return composeChatMessages({
    digest: buildDigest(digestInput),
    channel: input.settings.channel,
    mention: input.settings.mention,
    contacts: input.contacts,
    lang: input.lang,
  });
}

/**
 * "Send a test now": one short message in the chosen channel saying reminders are connected and when
 * they go out, so a person sees at once whether the webhook, the secret and the robot's keyword
 * settings let it through. For email, `mailTo` is the person testing.
 */
export function composeTestReminder(settings: ReminderSettings, lang: Lang, mailTo = ''): ReminderPlan {
  const time = `${String(settings.hour).padStart(2, '0')}:${String(settings.minute).padStart(2, '0')}`;
  const digest: Digest = { title: t(lang, 'remind.test.title'), summary: t(lang, 'remind.test.body', { time }), blocks: [], executors: [] };
  if (settings.channel === 'email') {
    const mails = mailTo ? [{ to: mailTo, subject: digest.title, body: digest.summary }] : [];
    return { channel: 'email', mails, executors: [], withoutEmail: [], minIntervalMs: 0 };
  }
  return composeChatMessages({ digest, channel: settings.channel, mention: false, contacts: [], lang, evenIfEmpty: true });
}
