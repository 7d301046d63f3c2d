/** Global functions of the sop feature: its menu items and the functions its sidebar calls. */
import { runMenu, serve } from '../dispatch';

export function showSopSidebar(): void {
  runMenu('showSopSidebar');
}
export function getSopState(...args: unknown[]) {
  return serve('getSopState', args);
}
export function previewSop(...args: unknown[]) {
  return serve('previewSop', args);
}
export function generateSop(...args: unknown[]) {
  return serve('generateSop', args);
}
export function saveSopTemplate(...args: unknown[]) {
  return serve('saveSopTemplate', args);
}
