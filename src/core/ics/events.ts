/**
 * What goes into a calendar file: the rows of an SOP tab and the activities of a month, as events.
 *
 * UIDs stay the same from one export to the next, so importing the file again updates the events
 * rather than adding them twice. Each is made of the identity the add-on already keeps for the row:
 * - an SOP row: its tab's marker key (group and cohort: the tab may be renamed) and its row ID (it
 *   stays with the row through every regeneration, whatever the date, time or texts become); a row
 *   added by hand has no ID and is known by its row in the sheet;
 * - an activity: its list (our list's marker key, or a pasted tab's name) and its row in that list,
 *   which is how the calendar's formulas and Draft month know it too (rows keep their places: drafts
 *   are appended, never inserted). Not the month: an activity that runs from November into December
 *   is in both months' files, and must be one event.
 * Every status is exported and said in the description; cancelled and removed rows are CANCELLED
 * events, so a re-import takes them off the calendar, and drafts are TENTATIVE.
 */
import { parseDate, toHalfWidth, type DaySerial } from '../dates';
import { AppError } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import { ACTIVITY_SCHEMA, readActivityGrid, statusLabel as activityStatusLabel, typeLabel, type Activity } from '../calendar/activities';
import { findSopHeader, sopHeader, SOP_SCHEMA, type SopCells, type SopColumn } from '../sop/columns';
import { parseStatus, statusLabel as sopStatusLabel } from '../sop/status';
import { cellText, findHeader, tableRows } from '../table/schema';
import type { CellValue } from '../tab/spec';
import type { IcsEvent, IcsEventStatus, LocalTime } from './calendar-file';

const UID_DOMAIN = 'sop-planner';
/** A script (话术) is a few hundred characters; the event says what it begins with, the tab has the rest. */
export const SCRIPT_SUMMARY_LENGTH = 200;
/** Timed SOP items remind their owner shortly before. */
export const SOP_ALARM_MINUTES = 15;

/**
 * A short, stable hash of a text (two FNV-1a 32-bit hashes, 16 hex digits): identities hold names in
 * any script, and a UID is better kept to ASCII (some calendars mangle anything else).
 */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x85ebca6b) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** A row ID as a UID part: as it is when it is plain ASCII (generated IDs are), else its hash. */
function idPart(id: string): string {
  return /^[A-Za-z0-9._-]{1,64}$/.test(id) ? id : `x${stableHash(id)}`;
}

export function sopEventUid(group: string, cohort: string, rowId: string | null, sheetRow: number): string {
  const row = rowId ? idPart(rowId) : `row${sheetRow}`;
  return `sop-${stableHash(`${group}\u0000${cohort}`)}-${row}@${UID_DOMAIN}`;
}

export function activityEventUid(listIdentity: string, sheetRow: number): string {
  return `activity-${stableHash(listIdentity)}-row${sheetRow}@${UID_DOMAIN}`;
}

/** Two rows carrying the same ID (a row copied with its ID) must not make one event of two. */
function uniqueUids(events: IcsEvent[]): IcsEvent[] {
  const seen = new Map<string, number>();
  return events.map((event) => {
    const count = (seen.get(event.uid) ?? 0) + 1;
    seen.set(event.uid, count);
    return count === 1 ? event : { ...event, uid: event.uid.replace(`@${UID_DOMAIN}`, `-${count}@${UID_DOMAIN}`) };
  });
}

/** "20:00", "8:30", "19:30-21:00" (also with –, ~, 至, 到) as start and length in minutes; null for anything else. */
export function readTimeCell(value: CellValue | undefined): { startMinute: number; minutes?: number } | null {
  if (typeof value === 'number') {
    if (value < 0 || value >= 1) return null;
    return { startMinute: Math.round(value * 1440) % 1440 };
  }
  const m = /^(\d{1,2})[:：](\d{2})(?:\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2}))?$/.exec(toHalfWidth(cellText(value)));
  if (!m) return null;
  const [h1, m1, h2, m2] = m.slice(1).map((part) => (part === undefined ? null : Number(part)));
  if ((h1 as number) > 23 || (m1 as number) > 59) return null;
  const startMinute = (h1 as number) * 60 + (m1 as number);
  if (h2 === null || m2 === null || h2 > 24 || m2 > 59) return { startMinute };
  const end = h2 * 60 + m2;
  return end > startMinute ? { startMinute, minutes: end - startMinute } : { startMinute };
}

function field(lang: Lang, label: MessageKey, value: string): string | null {
  return value ? t(lang, 'ics.field', { label: t(lang, label), value }) : null;
}

function shortened(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length <= length ? text : `${characters.slice(0, length).join('')}…`;
}

export interface SopTabSource {
  grid: CellValue[][];
  tab: string;
  group: string;
  cohort: string;
  lang: Lang;
}

export interface EventsRead {
  events: IcsEvent[];
  /** Rows that could not become events (an SOP row without a date). */
  skipped: number;
}

/** The events of an SOP tab: one per row with a date; a row without a time is an all-day event. */
export function sopTabEvents(source: SopTabSource): EventsRead {
  const { grid, tab, group, cohort, lang } = source;
  const header = findSopHeader(grid);
  if (!header) throw new AppError({ code: 'sop.error.noSopHeader', location: { tab, row: 1 } });
  const events: IcsEvent[] = [];
  let skipped = 0;
  for (const { row, cells } of tableRows(grid, SOP_SCHEMA, header, ['weekday'])) {
    const day = parseDate(cells.date ?? null);
    if (day === null) {
      skipped++;
      continue;
    }
    events.push(sopRowEvent(cells, { day, row, tab, group, cohort, lang }));
  }
  return { events: uniqueUids(events), skipped };
}

function sopRowEvent(cells: SopCells, at: { day: DaySerial; row: number; tab: string; group: string; cohort: string; lang: Lang }): IcsEvent {
  const { lang } = at;
  const text = (column: SopColumn): string => cellText(cells[column]);
  const status = parseStatus(text('status'));
  const statusText = status ? sopStatusLabel(status, lang) : text('status') || sopStatusLabel('todo', lang);
  const channel = text('channel');
  const item = text('item') || text('detail') || text('phase') || text('id');
  const sopField = (column: SopColumn, value = text(column)): string | null => field(lang, SOP_SCHEMA.columns[column].header as MessageKey, value);
  const description = [
    sopField('status', statusText),
    [sopField('phase'), sopField('channel')].filter(Boolean).join(t(lang, 'ics.separator')) || null,
    sopField('owner'),
    sopField('detail'),
    sopField('script', shortened(text('script'), SCRIPT_SUMMARY_LENGTH)),
    sopField('materials'),
    sopField('proof'),
    sopField('note'),
    t(lang, 'ics.source', { tab: at.tab, row: at.row + 1 }) + (text('id') ? ` · ${sopHeader('id', lang)} ${text('id')}` : ''),
  ].filter((line): line is string => line !== null);
  const time = readTimeCell(cells.time);
  const cancelled = status === 'cancelled' || status === 'removed';
  const event: IcsEvent = {
    uid: sopEventUid(at.group, at.cohort, text('id') || null, at.row + 1),
    summary: `${channel ? `【${channel}】` : ''}${item} · ${at.group}`,
    description: description.join('\n'),
    location: at.group,
    categories: [text('phase'), channel].filter(Boolean),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    day: at.day,
  };
  if (time) {
    event.startMinute = time.startMinute;
    if (time.minutes !== undefined) event.minutes = time.minutes;
    if (!cancelled && status !== 'done') event.alarmMinutesBefore = SOP_ALARM_MINUTES;
  }
  return event;
}

export interface ActivityListSource {
  grid: CellValue[][];
  tab: string;
  /** Which list this is, for the UIDs (see activityListIdentity in the app). */
  identity: string;
  /** The month's first and last days: activities covering any day of it are exported. */
  first: DaySerial;
  last: DaySerial;
  lang: Lang;
}

/**
 * The activities of a list that cover a day of the month, as all-day events. The list is read as the
 * calendar reads it: a list with a mistake anywhere is refused with every problem located.
 */
export function activityEvents(source: ActivityListSource): IcsEvent[] {
  const { grid, tab, lang } = source;
  const { activities } = readActivityGrid(grid, { tab, lang });
  // readActivityGrid makes one activity of each filled row below the header, in order, or throws.
  const header = findHeader(grid, ACTIVITY_SCHEMA);
  const rows = header ? tableRows(grid, ACTIVITY_SCHEMA, header).map((row) => row.row) : [];
  return uniqueUids(
    activities.flatMap((activity, i) => (activity.start <= source.last && activity.end >= source.first ? [activityEvent(activity, rows[i] ?? i, source)] : [])),
  );
}

function activityEvent(activity: Activity, row: number, { tab, identity, lang }: ActivityListSource): IcsEvent {
  const type = activity.typeText || typeLabel(activity.type, lang);
  const status: IcsEventStatus = activity.status === 'cancelled' ? 'CANCELLED' : activity.status === 'draft' ? 'TENTATIVE' : 'CONFIRMED';
  const groups = activity.targetGroups.join(t(lang, 'calendar.joiner'));
  const description = [
    field(lang, 'calendar.header.status', activity.status ? activityStatusLabel(activity.status, lang) : t(lang, 'ics.noStatus')),
    field(lang, 'calendar.header.owner', activity.owner),
    field(lang, 'calendar.header.targetGroups', groups),
    field(lang, 'calendar.header.goal', activity.goal),
    t(lang, 'ics.source', { tab, row: row + 1 }),
  ].filter((line): line is string => line !== null);
  return {
    uid: activityEventUid(identity, row + 1),
    summary: `【${type}】${activity.name}`,
    description: description.join('\n'),
    location: groups,
    categories: [typeLabel(activity.type, lang)],
    status,
    day: activity.start,
    lastDay: activity.end,
  };
}

/** "2026-12-03 20:15" (Clock.nowText) as a local time; null when it does not read. */
export function readLocalTime(text: string): LocalTime | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/.exec(text.trim());
  const day = m ? parseDate(m[1]) : null;
  if (!m || day === null) return null;
  return { day, minute: Number(m[2]) * 60 + Number(m[3]) };
}

/** A file name people can keep: what the tab or month is called, without the characters file systems refuse. */
export function icsFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return `${cleaned || 'calendar'}.ics`;
}
