/** Document settings (document properties in Sheets), with defaults and validation. */
import type { LanguageSetting } from './i18n';
import { AppError } from './errors';

export type WeekStart = 'mon' | 'sun';
export type WorkingDaysRule = 'calendar' | 'working';

export interface Settings {
  language: LanguageSetting;
  weekStart: WeekStart;
  /** Class length in minutes and the share of it that counts as 完课. */
  classMinutes: number;
  completionShare: number;
  /** How durations count in push plans: calendar days, or Chinese working days. */
  workingDays: WorkingDaysRule;
  /** A day with more than this many tasks (or activities) for one owner is flagged. */
  overloadThreshold: number;
}

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  weekStart: 'mon',
  classMinutes: 90,
  completionShare: 0.8,
  workingDays: 'calendar',
  overloadThreshold: 3,
};

/** Fills defaults and rejects values out of range (named in the error). */
export function normalizeSettings(input: Partial<Record<keyof Settings, unknown>>): Settings {
  const s = { ...DEFAULT_SETTINGS } as Settings;
  const bad = (name: keyof Settings, value: unknown): never => {
    throw new AppError({ code: 'error.invalidSetting', params: { name, value: String(value) } });
  };
  if (input.language !== undefined) {
    if (input.language !== 'auto' && input.language !== 'zh-CN' && input.language !== 'en') bad('language', input.language);
    s.language = input.language as LanguageSetting;
  }
  if (input.weekStart !== undefined) {
    if (input.weekStart !== 'mon' && input.weekStart !== 'sun') bad('weekStart', input.weekStart);
    s.weekStart = input.weekStart as WeekStart;
  }
  if (input.workingDays !== undefined) {
    if (input.workingDays !== 'calendar' && input.workingDays !== 'working') bad('workingDays', input.workingDays);
    s.workingDays = input.workingDays as WorkingDaysRule;
  }
  const num = (name: 'classMinutes' | 'completionShare' | 'overloadThreshold', min: number, max: number): void => {
    const value = input[name];
    if (value === undefined || value === null || value === '') return;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n) || n < min || n > max) bad(name, value);
    s[name] = n;
  };
  num('classMinutes', 1, 1440);
  num('completionShare', 0.01, 1);
  num('overloadThreshold', 1, 100);
  return s;
}
