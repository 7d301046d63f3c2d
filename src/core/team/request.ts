/**
 * The Team & settings sidebar's requests, as they arrive over the wire, checked for shape before a
 * use case runs. normalizeTeam and normalizeSettings judge the values and name what is wrong.
 */
import { parseListRequest, parseObjectRequest } from '../request';
import type { Settings } from '../settings';
import { CONTACT_COLUMNS, type Person } from './team';

const SETTING_NAMES = [
  'language',
  'weekStart',
  'classMinutes',
  'completionShare',
  'workingDays',
  'overloadThreshold',
  'benchmarkBands',
  'todayDaysAhead',
] as const satisfies ReadonlyArray<keyof Settings>;

/** The people of the Team sidebar; a problem names its row as on the Team tab (below its header). */
export function parseTeamRequest(raw: unknown): Array<Partial<Person>> {
  return parseListRequest(
    'team.error.request',
    raw,
    (index) => ({ row: index + 2 }),
    (fields) => {
      const person: Partial<Person> = {};
      for (const key of ['name', 'role', 'email', 'color', ...CONTACT_COLUMNS] as const) {
        const value = fields.optionalText(key);
        // A role the add-on does not know becomes "other" in normalizeTeam, as on the Team tab.
        if (value !== undefined) (person as Record<typeof key, string>)[key] = value;
      }
      return person;
    },
  );
}

/** The settings form: only known names; each value is judged by normalizeSettings (error.invalidSetting). */
export function parseSettingsRequest(raw: unknown): Partial<Record<keyof Settings, unknown>> {
  return parseObjectRequest('team.error.request', raw, (fields) => {
    const settings: Partial<Record<keyof Settings, unknown>> = {};
    for (const name of SETTING_NAMES) {
      const value = fields.any(name);
      if (value !== undefined) settings[name] = value;
    }
    return settings;
  });
}
