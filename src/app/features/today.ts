/** The Today board: its menu action, and the functions a sidebar may call (generate it, list what is due). */
import { parseTodayRequest } from '../../core/today/request';
import { defineFeature, withRequest } from '../feature';
import { generateTodayBoard, getTodayItems, showTodayBoard } from '../today';

export const todayFeature = defineFeature({
  menu: [{ label: 'today.menu.board', fn: 'showTodayBoard', action: showTodayBoard }],
  api: {
    generateTodayBoard: withRequest(parseTodayRequest, generateTodayBoard),
    getTodayItems: withRequest(parseTodayRequest, getTodayItems),
  },
});
