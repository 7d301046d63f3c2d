/** The calendar feature's entries: the functions its sidebar calls and its menu items. */
import type { AppContext } from '../../ports';
import { createActivityList, draftMonth, generateCalendar, getCalendarState, refreshCalendars } from '../calendar';
import type { MenuItem } from '../menu';

export const calendarApi = {
  getCalendarState: (ctx: AppContext) => getCalendarState(ctx),
  createActivityList: (ctx: AppContext) => createActivityList(ctx),
  generateCalendar: (ctx: AppContext, input: Parameters<typeof generateCalendar>[1]) => generateCalendar(ctx, input),
  draftMonth: (ctx: AppContext, input: Parameters<typeof draftMonth>[1]) => draftMonth(ctx, input),
};

export const calendarMenu: MenuItem[] = [
  { label: 'calendar.menu.sidebar', fn: 'showCalendarSidebar', page: 'calendar' },
  { label: 'calendar.menu.refresh', fn: 'refreshCalendars', action: (ctx) => void refreshCalendars(ctx) },
];
