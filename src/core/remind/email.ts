/**
 * A day's reminder by email: one mail per executor, to the address on the Team tab, with their items
 * today, overdue and tomorrow. Plain text for every mail client, and HTML with links to the rows.
 */
import { t, type Lang } from '../i18n';
import type { Contact } from '../team/contacts';
import { buildPersonalDigest, ownersOf, type Digest, type DigestInput, type Line } from './digest';
import type { OutgoingMail } from './outgoing';

export interface EmailPlan {
  channel: 'email';
  mails: OutgoingMail[];
  /** Everyone with an item in the reminder. */
  executors: string[];
  /** Executors with items but no email on the Team tab: nothing is sent to them. */
  withoutEmail: string[];
  /** Mail has no per-minute limit to respect (Apps Script counts a daily quota). */
  minIntervalMs: number;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function textLine(line: Line): string {
  return line.map((segment) => (segment.kind === 'link' ? `${segment.text} ${segment.url}` : segment.kind === 'person' ? segment.name : segment.text)).join('');
}

function htmlLine(line: Line): string {
  return line
    .map((segment) =>
      segment.kind === 'link'
        ? `<a href="${escapeHtml(segment.url)}">${escapeHtml(segment.text)}</a>`
        : escapeHtml(segment.kind === 'person' ? segment.name : segment.text),
    )
    .join('');
}

function mailOf(digest: Digest, to: string, lang: Lang): OutgoingMail {
  const text = [digest.summary];
  const html = [`<p>${escapeHtml(digest.summary)}</p>`];
  for (const block of digest.blocks) {
    text.push('', textLine(block.heading), ...block.items.map((item) => `· ${textLine(item)}`));
    html.push(`<h3>${htmlLine(block.heading)}</h3>`, `<ul>${block.items.map((item) => `<li>${htmlLine(item)}</li>`).join('')}</ul>`);
  }
  text.push('', t(lang, 'remind.mail.footer'));
  html.push(`<p style="color:#5f6368">${escapeHtml(t(lang, 'remind.mail.footer'))}</p>`);
  return { to, subject: `${digest.title}${t(lang, 'remind.separator')}${digest.summary}`, body: text.join('\n'), htmlBody: html.join('\n') };
}

/** One mail per executor who has items and an email; the others are listed, not mailed. */
export function composeEmails(input: DigestInput & { contacts: readonly Contact[] }): EmailPlan {
  const emails = new Map(input.contacts.map((contact) => [contact.name, contact.email]));
  const digests = new Map<string, Digest>();
  const executors: string[] = [];
  const everyone = [...new Set([...input.teamOrder, ...input.items.flatMap(ownersOf)])];
  for (const name of everyone) {
    if (!name) continue;
    const digest = buildPersonalDigest(input, name);
    if (!digest.blocks.length) continue;
    executors.push(name);
    digests.set(name, digest);
  }
  const mails: OutgoingMail[] = [];
  const withoutEmail: string[] = [];
  for (const name of executors) {
    const to = emails.get(name) ?? '';
    if (to) mails.push(mailOf(digests.get(name) as Digest, to, input.lang));
    else withoutEmail.push(name);
  }
  return { channel: 'email', mails, executors, withoutEmail, minIntervalMs: 0 };
}
