/** The SOP schedule feature: its sidebar page, its menu item and the functions its sidebar calls. */
import { PRINT_PAGE_MESSAGES } from '../../core/tab/print-messages';
import { parseSopIcsRequest } from '../../core/ics/request';
import { parseSaveTemplateRequest, parseSopRequest } from '../../core/sop/request';
import { defineFeature, withRequest, withStateRequest } from '../feature';
import { exportSopIcs } from '../ics';
import { generateSopTabs, getSopState, previewSop, saveSopTemplate } from '../sop';

export const sopFeature = defineFeature({
  page: 'sop',
  pageMessages: ['sop.sidebar', ...PRINT_PAGE_MESSAGES],
  menu: [{ label: 'sop.menu', fn: 'showSopSidebar', page: 'sop' }],
  api: {
    getSopState: withStateRequest('sop.error.request', getSopState),
    previewSop: withRequest(parseSopRequest, previewSop),
    generateSop: withRequest(parseSopRequest, generateSopTabs),
    saveSopTemplate: withRequest(parseSaveTemplateRequest, saveSopTemplate),
    exportSopIcs: withRequest(parseSopIcsRequest, exportSopIcs),
  },
});
