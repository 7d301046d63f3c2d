/** Global functions of Team & settings and Help. */
import { runMenu, serve } from '../dispatch';

export function showTeamSidebar(): void {
  runMenu('showTeamSidebar');
}
export function showHelp(): void {
  runMenu('showHelp');
}
export function getTeamState(...args: unknown[]) {
  return serve('getTeamState', args);
}
export function saveTeam(...args: unknown[]) {
  return serve('saveTeam', args);
}
export function saveSettings(...args: unknown[]) {
  return serve('saveSettings', args);
}
