/**
 * Calendar files read back with a real parser, ical.js (Mozilla's, used by Thunderbird): what a
 * calendar application would make of the text the add-on writes.
 */
import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  location: string | null;
  categories: string[];
  status: string | null;
  /** "2026-12-07" for an all-day event, "2026-12-07T12:00:00Z" for a timed one. */
  start: string;
  end: string;
  allDay: boolean;
  sequence: number;
  /** Each VALARM's trigger, as written ("-PT15M"). */
  alarms: string[];
}

export interface ParsedCalendar {
  properties: Record<string, string>;
  events: ParsedEvent[];
}

function text(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

export function parseIcs(source: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(source));
  const properties: Record<string, string> = {};
  for (const property of calendar.getAllProperties()) properties[property.name.toUpperCase()] = String(property.getFirstValue());
  const events = calendar.getAllSubcomponents('vevent').map((component): ParsedEvent => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: text(component, 'location'),
      categories: component.getAllProperties('categories').flatMap((property) => property.getValues().map(String)),
      status: text(component, 'status'),
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      sequence: Number(component.getFirstPropertyValue('sequence')),
      alarms: component.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger'))),
    };
  });
  return { properties, events };
}

/** The lines of a calendar file as bytes, split at CRLF, each decoded strictly: a line cut inside a character throws. */
export function physicalLines(source: string): string[] {
  const bytes = Buffer.from(source, 'utf8');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(decoder.decode(bytes.subarray(start, i)));
      start = i + 2;
      i++;
    }
  }
  if (start !== bytes.length) throw new Error('the file does not end with CRLF');
  return lines;
}
