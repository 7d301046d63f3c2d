/** The push-plan (Gantt) feature: its sidebar page, its menu item and the functions its sidebar calls. */
import { PRINT_PAGE_MESSAGES } from '../../core/tab/print-messages';
import { parseGanttRequest } from '../../core/gantt/request';
import { defineFeature, withRequest, withStateRequest } from '../feature';
import { createPlanTab, generateGantt, getGanttState, previewGantt } from '../gantt';

export const ganttFeature = defineFeature({
  page: 'gantt',
  pageMessages: ['gantt.sidebar', 'gantt.summary.warnings', 'gantt.error.noTasks', ...PRINT_PAGE_MESSAGES],
  menu: [{ label: 'gantt.menu', fn: 'showGanttSidebar', page: 'gantt' }],
  api: {
    getGanttState: withStateRequest('gantt.error.request', getGanttState),
    previewGantt: withRequest(parseGanttRequest, previewGantt),
    createPlanTab,
    generateGantt: withRequest(parseGanttRequest, generateGantt),
  },
});
