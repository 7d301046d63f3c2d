/** The gantt feature's entries: the functions its sidebar calls and its menu items. */
import type { MenuItem } from '../menu';

export const ganttApi = {};

export const ganttMenu: MenuItem[] = [];
