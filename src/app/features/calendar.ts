/** The calendar feature's entries: the functions its sidebar calls and its menu items. */
import type { MenuItem } from '../menu';

export const calendarApi = {};

export const calendarMenu: MenuItem[] = [];
