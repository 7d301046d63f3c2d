/** The gantt feature's entries: the functions its sidebar calls and its menu items. */
import type { AppContext } from '../../ports';
import { createPlanTab, generateGantt, getGanttState, previewGantt, type GanttRequest } from '../gantt';
import type { MenuItem } from '../menu';

export const ganttApi = {
  getGanttState: (ctx: AppContext) => getGanttState(ctx),
  previewGantt: (ctx: AppContext, request: GanttRequest) => previewGantt(ctx, request),
  createPlanTab: (ctx: AppContext) => createPlanTab(ctx),
  generateGantt: (ctx: AppContext, request: GanttRequest) => generateGantt(ctx, request),
};

export const ganttMenu: MenuItem[] = [{ label: 'gantt.menu', fn: 'showGanttSidebar', page: 'gantt' }];
