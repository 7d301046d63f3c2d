/** The metrics feature's entries: the functions its sidebar calls and its menu items. */
import type { MenuItem } from '../menu';

export const metricsApi = {};

export const metricsMenu: MenuItem[] = [];
