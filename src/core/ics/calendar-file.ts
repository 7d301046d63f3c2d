/**
 * iCalendar files (RFC 5545) for Google Calendar, 飞书日历 and Outlook: one VCALENDAR of VEVENTs.
 *
 * Written by hand rather than with a library: the serializers that run without Node (ical.js) add a
 * fifth to Code.js for the few properties used here, and count folding in UTF-16 units or let a
 * continuation line reach 76 octets. What matters, and what the tests check against ical.js's parser:
 * - TEXT values escape backslash, semicolon, comma and line breaks; other control characters, which
 *   TEXT may not hold, are dropped;
 * - lines end in CRLF and are folded before 75 octets of UTF-8, the leading space of a continuation
 *   included, and never inside a character (Chinese text takes 3 octets a character);
 * - an item without a time is an all-day event (DATE values: no time zone involved); a timed item is
 *   written in UTC, converted with the spreadsheet time zone's offset at that local time, which the
 *   caller looks up (the core knows no time zones);
 * - UIDs come from the caller, stable across exports; SEQUENCE grows with the export time, so a
 *   calendar importing the file again takes it as a newer version of the same events.
 */
import { ymdFromSerial, type DaySerial } from '../dates';

/** Minutes east of UTC (480 in Shanghai) of the spreadsheet's time zone at a local day and minute of the day. */
export type UtcOffsetLookup = (day: DaySerial, minuteOfDay: number) => number;

/** A local time: the day and the minute of the day, in the spreadsheet's time zone. */
export interface LocalTime {
  day: DaySerial;
  minute: number;
}

export type IcsEventStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';

export interface IcsEvent {
  /** Stable across exports: a calendar recognises the event by it when the file is imported again. */
  uid: string;
  summary: string;
  description: string;
  location?: string;
  categories?: string[];
  status?: IcsEventStatus;
  /** The first (local) day. */
  day: DaySerial;
  /** Minutes after local midnight; absent for an all-day event. */
  startMinute?: number;
  /** A timed event's length in minutes (DEFAULT_EVENT_MINUTES when absent). */
  minutes?: number;
  /** An all-day event's last day, included (the first day when absent). */
  lastDay?: DaySerial;
  /** A timed event reminds this many minutes before it starts. */
  alarmMinutesBefore?: number;
}

export interface IcsCalendar {
  /** X-WR-CALNAME: the name a calendar shows for an imported or subscribed file. */
  name: string;
  /** X-WR-TIMEZONE: the spreadsheet's time zone (an IANA name). */
  timeZone: string;
  /** When the file is made (DTSTAMP, SEQUENCE). */
  exportedAt: LocalTime;
  events: IcsEvent[];
}

/** A timed item that says nothing about its length: long enough to show in a day view, short enough not to block the day. */
export const DEFAULT_EVENT_MINUTES = 30;

const PRODID = '-//SOP Planner//SOP Planner//EN';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;
const CRLF = '\r\n';
const MINUTES_PER_DAY = 1440;
/** 2000-01-01 as a day serial: SEQUENCE counts minutes from then (it fits a 32-bit INTEGER for millennia). */
const SEQUENCE_EPOCH = 36526;

/** A TEXT value escaped (RFC 5545 §3.3.11); control characters TEXT may not hold are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * A content line folded (RFC 5545 §3.1): no line longer than 75 octets of UTF-8, the space that
 * starts a continuation line counted, each break between two characters (never inside one).
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0) as number);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function dateValue(day: DaySerial): string {
  const { year, month, day: dayOfMonth } = ymdFromSerial(day);
  return `${pad(year, 4)}${pad(month)}${pad(dayOfMonth)}`;
}

/** Minutes since 1899-12-30 00:00 UTC of a local time. */
function utcMinutes(at: LocalTime, offsetOf: UtcOffsetLookup): number {
  return at.day * MINUTES_PER_DAY + at.minute - offsetOf(at.day, at.minute);
}

/** A DATE-TIME in UTC ("20261207T120000Z") from minutes since 1899-12-30 00:00 UTC. */
function utcValue(minutes: number): string {
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  const minute = minutes - day * MINUTES_PER_DAY;
  return `${dateValue(day)}T${pad(Math.floor(minute / 60))}${pad(minute % 60)}00Z`;
}

function eventLines(event: IcsEvent, stamp: string, sequence: number, offsetOf: UtcOffsetLookup): string[] {
  const lines = [`BEGIN:VEVENT`, `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`, `SEQUENCE:${sequence}`];
  const timed = event.startMinute !== undefined;
  if (timed) {
    const start = utcMinutes({ day: event.day, minute: event.startMinute as number }, offsetOf);
    // The end is the start plus the length, whatever the wall clock does in between (a change to daylight time).
    lines.push(`DTSTART:${utcValue(start)}`, `DTEND:${utcValue(start + Math.max(1, event.minutes ?? DEFAULT_EVENT_MINUTES))}`);
  } else {
    // DTEND of an all-day event is the day after the last one (RFC 5545 §3.6.1: the end is not included).
    lines.push(`DTSTART;VALUE=DATE:${dateValue(event.day)}`, `DTEND;VALUE=DATE:${dateValue(Math.max(event.day, event.lastDay ?? event.day) + 1)}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  const categories = (event.categories ?? []).filter((category) => category.trim() !== '');
  if (categories.length) lines.push(`CATEGORIES:${categories.map(escapeText).join(',')}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  // An all-day activity (a camp, a week of 朋友圈) is a reminder of the day, not time someone is busy.
  lines.push(`TRANSP:${timed ? 'OPAQUE' : 'TRANSPARENT'}`);
  if (timed && event.alarmMinutesBefore !== undefined && event.status !== 'CANCELLED') {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(event.summary)}`, `TRIGGER:-PT${event.alarmMinutesBefore}M`, 'END:VALARM');
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The calendar as an .ics file's text: CRLF line ends, folded lines. */
export function serializeCalendar(calendar: IcsCalendar, offsetOf: UtcOffsetLookup): string {
  const exported = utcMinutes(calendar.exportedAt, offsetOf);
  const stamp = utcValue(exported);
  const sequence = Math.max(0, exported - SEQUENCE_EPOCH * MINUTES_PER_DAY);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${escapeText(calendar.timeZone)}`,
    ...calendar.events.flatMap((event) => eventLines(event, stamp, sequence, offsetOf)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
