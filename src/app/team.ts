/** Team & settings: the first feature through the whole pipe (sidebar → use case → Team tab). */
import type { Lang } from '../core/i18n';
import { normalizeSettings, Settings } from '../core/settings';
import { cellText } from '../core/table/schema';
import { buildTeamTab } from '../core/team/tab';
import { keepTypedContacts, normalizeTeam, Person, Role, ROLES, roleLabel, TEAM_SCHEMA, teamColumns } from '../core/team/team';
import type { AppContext } from '../ports';
import { selectMessages, type PageMessages } from './page-messages';
import { findGeneratedTab, generatedNote, layerSummary, openSession, planRowTab, readTeam, writeGeneratedTabs } from './session';

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

/**
 * Creates or updates the Team tab; colours are assigned to people who have none. A person's row is
 * found by name, so columns people added to the tab (电话, 微信…) and their notes stay with them; a
 * row whose person left the team and that holds something of the user's goes to the old version.
 * A contact (手机号, 企业微信 userid…) the input leaves out keeps what the tab holds for that person.
 */
export function saveTeam(ctx: AppContext, input: Array<Partial<Person>>): SaveTeamResult {
  const session = openSession(ctx);
  const given = normalizeTeam(input);
  const note = generatedNote(ctx, session, session.tr('menu.team'));
  const existing = findGeneratedTab(ctx, 'team');
  // The tab is read once, by planRowTab: the people with the contacts they keep are known from there on.
  let people = given;
  const planned = planRowTab(
    ctx,
    session,
    existing,
    TEAM_SCHEMA,
    (table) => {
      people = keepTypedContacts(given, table?.rows ?? []);
      return teamColumns(people, Object.keys(table?.header.columns ?? {}));
    },
    (layout) => buildTeamTab(people, session.lang, note, layout),
    (table) => {
      const byName = new Map<string, number>();
      for (const row of table?.rows ?? []) if (!byName.has(cellText(row.cells.name))) byName.set(cellText(row.cells.name), row.row);
      return people.map((p) => byName.get(p.name) ?? null);
    },
    { styledColumns: ['color'] },
  );
  const [result] = writeGeneratedTabs(ctx, [planned]);
  const parts = [session.tr('team.saved', { count: people.length, tab: result.name }), ...layerSummary(planned.layers, result.oldVersion, session.tr)];
  const message = parts.join(' · ');
  ctx.ui.toast(message, session.tr('app.name'));
  return { tab: result.name, people, message };
}

export interface SaveSettingsResult {
  settings: Settings;
  lang: Lang;
  message: string;
  /** The Team & settings sidebar's messages in `lang`, so the sidebar follows a language change at once. */
  messages: PageMessages;
}

/**
 * The Team & settings page's messages (its feature declares them: app/features/team.ts). The help
 * link's label, which every page receives, is named too: saving a language remounts the page with these.
 */
export const TEAM_PAGE_MESSAGES = ['team.sidebar', 'team.header', 'settings', 'metrics.metric', 'help.link'] as const;

export function saveSettings(ctx: AppContext, input: Partial<Record<keyof Settings, unknown>>): SaveSettingsResult {
  const settings = normalizeSettings(input);
  ctx.settings.save(settings);
  const session = openSession(ctx);
  return { settings, lang: session.lang, message: session.tr('settings.saved'), messages: selectMessages(session.lang, TEAM_PAGE_MESSAGES) };
}
