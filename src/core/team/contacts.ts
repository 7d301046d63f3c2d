/**
 * Each person's ways of being reached, read from the Team tab, as reminders use them: an email
 * address, and for @mentions in a work chat a phone number, a WeCom userid, a Feishu open_id or a
 * DingTalk userid. Blank where the tab says nothing.
 */
import type { CellValue } from '../tab/spec';
import { CONTACT_COLUMNS, normalizePhone, readTeamGrid, type Person, type PersonContacts } from './team';

export interface Contact extends PersonContacts {
  /** The name as the Team tab writes it: what the owner columns hold. */
  name: string;
  email: string;
}

/** Contacts of these people, in team order; a phone is given as the platforms take it (normalizePhone). */
export function contactsOf(team: readonly Person[]): Contact[] {
  return team.map((person) => {
    const contact: Contact = { name: person.name, email: person.email.trim(), phone: '', wecomUserId: '', feishuOpenId: '', dingtalkUserId: '' };
    for (const key of CONTACT_COLUMNS) contact[key] = String(person[key] ?? '').trim();
    contact.phone = normalizePhone(contact.phone);
    return contact;
  });
}

/** The contacts on a Team tab's grid (readTab of the tab the 'team' marker finds). */
export function readTeamContacts(grid: CellValue[][]): Contact[] {
  return contactsOf(readTeamGrid(grid));
}
