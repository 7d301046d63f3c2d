/** The activity-calendar feature: its sidebar page, its menu items and the functions its sidebar calls. */
import { PRINT_PAGE_MESSAGES } from '../../core/tab/print-messages';
import { parseDraftMonthRequest, parseGenerateCalendarRequest } from '../../core/calendar/request';
import { parseCalendarIcsRequest } from '../../core/ics/request';
import { createActivityList, draftMonth, generateCalendar, getCalendarState, refreshCalendars, rememberSopRows } from '../calendar';
import { defineFeature, withRequest, withStateRequest, type TriggerHost } from '../feature';
import type { AppContext } from '../../ports';
import { exportCalendarIcs } from '../ics';

export const calendarFeature = defineFeature({
  page: 'calendar',
  pageMessages: ['calendar.sidebar', 'calendar.error.month', 'calendar.joiner', 'calendar.weekday', 'settings.weekStart', ...PRINT_PAGE_MESSAGES],
  menu: [
    { label: 'calendar.menu.sidebar', fn: 'showCalendarSidebar', page: 'calendar' },
    { label: 'calendar.menu.refresh', fn: 'refreshCalendars', action: (ctx) => void refreshCalendars(ctx) },
  ],
  api: {
    getCalendarState: withStateRequest('calendar.error.request', getCalendarState),
    createActivityList,
    generateCalendar: withRequest(parseGenerateCalendarRequest, generateCalendar),
    draftMonth: withRequest(parseDraftMonthRequest, draftMonth),
    exportCalendarIcs: withRequest(parseCalendarIcsRequest, exportCalendarIcs),
  },
  triggers: {
    // Sheets' simple trigger: a person edited a cell. An SOP tab's marker keeps its group pushes for
    // the calendar's WeCom cap warning; a re-dated or added 群发 row updates them (one read of the tab).
    onEdit: (ctx: AppContext, host: TriggerHost): boolean => {
      const tab = host.editedTab?.() ?? null;
      return tab === null ? false : rememberSopRows(ctx, tab);
    },
  },
});
