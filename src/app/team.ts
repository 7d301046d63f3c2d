/** Team & settings: the first feature through the whole pipe (sidebar → use case → Team tab). */
import type { Lang } from '../core/i18n';
import { normalizeSettings, Settings } from '../core/settings';
import { buildTeamTab } from '../core/team/tab';
import { normalizeTeam, Person, Role, ROLES, roleLabel } from '../core/team/team';
import type { AppContext } from '../ports';
import { generatedNote, openSession, readTeam, writeGeneratedTabs } from './session';

export interface TeamState {
  lang: Lang;
  people: Person[];
  settings: Settings;
  roles: Array<{ key: Role; label: string }>;
  teamTab: string | null;
}

export function getTeamState(ctx: AppContext): TeamState {
  const session = openSession(ctx);
  const { team, teamTab } = readTeam(ctx);
  return {
    lang: session.lang,
    people: team,
    settings: session.settings,
    roles: ROLES.map((key) => ({ key, label: roleLabel(key, session.lang) })),
    teamTab,
  };
}

export interface SaveTeamResult {
  tab: string;
  people: Person[];
  message: string;
}

/** Creates or updates the Team tab; colours are assigned to people who have none. */
export function saveTeam(ctx: AppContext, input: Array<Partial<Person>>): SaveTeamResult {
  const session = openSession(ctx);
  const people = normalizeTeam(input);
  const note = generatedNote(ctx, session, session.tr('menu.team'));
  const [result] = writeGeneratedTabs(ctx, [buildTeamTab(people, session.lang, note)]);
  const message = session.tr('team.saved', { count: people.length, tab: result.name });
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: result.name, people, message };
}

export interface SaveSettingsResult {
  settings: Settings;
  lang: Lang;
  message: string;
}

export function saveSettings(ctx: AppContext, input: Partial<Settings>): SaveSettingsResult {
  const settings = normalizeSettings(input);
  ctx.settings.save(settings);
  const session = openSession(ctx);
  return { settings, lang: session.lang, message: session.tr('settings.saved') };
}
