/** What every use case needs first: the settings, the language, and a way to write generated tabs. */
import { resolveLang, translator, Lang, Translate } from '../core/i18n';
import { normalizeSettings, Settings } from '../core/settings';
import { sameKey, type MarkerKey } from '../core/tab/marker';
import type { TabKind, TabSpec } from '../core/tab/spec';
import { Person, readTeamGrid } from '../core/team/team';
import type { AppContext, TabInfo, WriteResult } from '../ports';

export interface Session {
  settings: Settings;
  lang: Lang;
  tr: Translate;
}

export function openSession(ctx: AppContext): Session {
  let settings: Settings;
  try {
    settings = normalizeSettings(ctx.settings.load());
  } catch {
    // A stored value that no longer validates must not lock the user out: fall back to defaults.
    settings = normalizeSettings({});
  }
  const lang = resolveLang(settings.language, ctx.locale);
  return { settings, lang, tr: translator(lang) };
}

export function findGeneratedTab(ctx: AppContext, kind: TabKind, key?: MarkerKey): TabInfo | undefined {
  return ctx.workbook.listTabs().find((tab) => tab.marker?.kind === kind && (key === undefined || sameKey(tab.marker.key, key)));
}

/** The team as the Team tab says now (empty when there is no Team tab yet). */
export function readTeam(ctx: AppContext): { team: Person[]; teamTab: string | null } {
  const tab = findGeneratedTab(ctx, 'team');
  if (!tab) return { team: [], teamTab: null };
  return { team: readTeamGrid(ctx.workbook.readTab(tab.name)), teamTab: tab.name };
}

/** The first-cell note of a generated tab: how it was made, so a colleague can reproduce it. */
export function generatedNote(ctx: AppContext, session: Session, what: string): string {
  return session.tr('tab.note.generated', { what, time: ctx.clock.nowText() });
}

/** Writes generated tabs under the document lock and activates the last one. */
export function writeGeneratedTabs(ctx: AppContext, specs: TabSpec[]): WriteResult[] {
  return ctx.workbook.withLock(() => {
    const results = specs.map((spec) => ctx.workbook.writeTab(spec));
    if (results.length) ctx.workbook.activate(results[results.length - 1].name);
    return results;
  });
}
