/** Global functions of the calendar feature: its menu items and the functions its sidebar calls. */
import { runMenu, serve } from '../dispatch';

export function showCalendarSidebar(): void {
  runMenu('showCalendarSidebar');
}
export function refreshCalendars(): void {
  runMenu('refreshCalendars');
}
export function getCalendarState(...args: unknown[]) {
  return serve('getCalendarState', args);
}
export function createActivityList(...args: unknown[]) {
  return serve('createActivityList', args);
}
export function generateCalendar(...args: unknown[]) {
  return serve('generateCalendar', args);
}
export function draftMonth(...args: unknown[]) {
  return serve('draftMonth', args);
}
