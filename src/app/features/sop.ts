/** The sop feature's entries: the functions its sidebar calls and its menu items. */
import type { AppContext } from '../../ports';
import type { MenuItem } from '../menu';
import { generateSopTabs, getSopState, previewSop, saveSopTemplate, type SaveTemplateRequest, type SopRequest } from '../sop';

export const sopApi = {
  getSopState: (ctx: AppContext) => getSopState(ctx),
  previewSop: (ctx: AppContext, request: SopRequest) => previewSop(ctx, request),
  generateSop: (ctx: AppContext, request: SopRequest) => generateSopTabs(ctx, request),
  saveSopTemplate: (ctx: AppContext, request: SaveTemplateRequest) => saveSopTemplate(ctx, request),
};

export const sopMenu: MenuItem[] = [{ label: 'sop.menu', fn: 'showSopSidebar', page: 'sop' }];
