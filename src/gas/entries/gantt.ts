/** Global functions of the gantt feature: its menu items and the functions its sidebar calls. */
import { runMenu, serve } from '../dispatch';

export function showGanttSidebar(): void {
  runMenu('showGanttSidebar');
}
export function getGanttState(...args: unknown[]) {
  return serve('getGanttState', args);
}
export function previewGantt(...args: unknown[]) {
  return serve('previewGantt', args);
}
export function createPlanTab(...args: unknown[]) {
  return serve('createPlanTab', args);
}
export function generateGantt(...args: unknown[]) {
  return serve('generateGantt', args);
}
