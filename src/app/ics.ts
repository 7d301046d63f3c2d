/**
 * Calendar files (.ics) for Google Calendar, 飞书日历 and Outlook: an SOP tab's dated items, or a
 * month's activities from an activity list. Nothing is written to the workbook: the sidebar downloads
 * the text, the CLI writes it to a file. Timed items are converted to UTC with the spreadsheet's time
 * zone (the Clock port), so the file means the same wherever it is opened.
 */
import { monthKey, parseMonthKey } from '../core/calendar/grid';
import { firstOfMonth, lastOfMonth } from '../core/dates';
import { AppError } from '../core/errors';
import { serializeCalendar, type IcsCalendar } from '../core/ics/calendar-file';
import { activityEvents, icsFileName, readLocalTime, sopTabEvents } from '../core/ics/events';
import type { CalendarIcsRequest, SopIcsRequest } from '../core/ics/request';
import { markerKeyOf } from '../core/tab/marker';
import type { AppContext, TabInfo } from '../ports';
import { findActivityLists } from './calendar';
import { openSession, type Session } from './session';

export type { CalendarIcsRequest, SopIcsRequest };

export interface IcsExport {
  /** The name to save the file under ("SOP·Java引流5群·第12期.ics"). */
  filename: string;
  /** The file's text (CRLF line ends), to be saved as UTF-8. */
  text: string;
  events: number;
  /** "已导出 33 个日程到 ….ics", with rows left out said. */
  message: string;
}

function findTab(ctx: AppContext, name: string): TabInfo {
  const tab = ctx.workbook.findTab(name);
  if (!tab) throw new AppError({ code: 'error.tabNotFound', params: { tab: name } });
  return tab;
}

function calendarFile(ctx: AppContext, session: Session, calendar: Omit<IcsCalendar, 'timeZone' | 'exportedAt'>, filename: string, skipped: number): IcsExport {
  const now = ctx.clock.nowText();
  const exportedAt = readLocalTime(now);
  if (!exportedAt) throw new Error(`The clock said an unreadable time: ${now}`);
  const text = serializeCalendar({ ...calendar, timeZone: ctx.clock.timeZone(), exportedAt }, (day, minute) => ctx.clock.offsetMinutes(day, minute));
  const count = calendar.events.length;
  const lines = [session.tr('ics.exported', { count, file: filename })];
  if (skipped) lines.push(session.tr('ics.skipped', { count: skipped }));
  return { filename, text, events: count, message: lines.join(' · ') };
}

/** The items of an SOP tab with a date, as events: all-day, or at their time for 30 minutes with a reminder 15 minutes before. */
export function exportSopIcs(ctx: AppContext, request: SopIcsRequest): IcsExport {
  const session = openSession(ctx);
  const tab = findTab(ctx, request.tab);
  const key = markerKeyOf(tab.marker, 'sop');
  if (!key) throw new AppError({ code: 'sop.error.notSopTab', params: { tab: tab.name } });
  const { events, skipped } = sopTabEvents({ grid: ctx.workbook.readTab(tab.name), tab: tab.name, group: key.group, cohort: key.cohort, lang: session.lang });
  if (!events.length) throw new AppError({ code: 'ics.error.noSopEvents', params: { tab: tab.name } });
  return calendarFile(ctx, session, { name: tab.name, events }, icsFileName(tab.name), skipped);
}

/** The activities of a list covering any day of the month, as all-day events (the default list when none is named). */
export function exportCalendarIcs(ctx: AppContext, request: CalendarIcsRequest): IcsExport {
  const session = openSession(ctx);
  const { year, month } = parseMonthKey(request.month);
  const listName = request.list || findActivityLists(ctx)[0]?.name;
  if (!listName) throw new AppError({ code: 'calendar.error.noList' });
  const tab = findTab(ctx, listName);
  if (tab.marker !== null && tab.marker.kind !== 'activities') throw new AppError({ code: 'calendar.error.notAList', params: { tab: tab.name } });
  const key = monthKey(year, month);
  const events = activityEvents({
    grid: ctx.workbook.readTab(tab.name),
    tab: tab.name,
    identity: activityListIdentity(tab),
    first: firstOfMonth(year, month),
    last: lastOfMonth(year, month),
    lang: session.lang,
  });
  if (!events.length) throw new AppError({ code: 'ics.error.noActivities', params: { list: tab.name, month: key } });
  const name = session.tr('ics.calendarName.activities', { month: key, list: tab.name });
  return calendarFile(ctx, session, { name, events }, icsFileName(session.tr('ics.fileName.activities', { month: key })), 0);
}

/**
 * Which list an activity belongs to, for its UID: our list by its marker key (it may be renamed), a
 * pasted list by its tab name (all it has).
 */
function activityListIdentity(tab: TabInfo): string {
  const key = markerKeyOf(tab.marker, 'activities');
  return key ? `list:${key.list}` : `tab:${tab.name}`;
}
