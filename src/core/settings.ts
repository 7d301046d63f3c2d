/** Document settings (document properties in Sheets), with defaults and validation. */
import type { LanguageSetting } from './i18n';
import { AppError } from './errors';

export type WeekStart = 'mon' | 'sun';
export type WorkingDaysRule = 'calendar' | 'working';

/** Colour bands for a rate on the metrics tab: red below one share, green from another. */
export interface BenchmarkBand {
  metric: 'participationRate' | 'completionRate' | 'conversionRate';
  redBelow: number;
  greenFrom: number;
}

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
  /** Metrics colour bands (high-ticket course defaults from practice). */
  benchmarkBands: BenchmarkBand[];
  /** The Today board lists items due up to this many days after today (besides today's and overdue ones). */
  todayDaysAhead: number;
}

export const BENCHMARK_METRICS: Array<BenchmarkBand['metric']> = ['participationRate', 'completionRate', 'conversionRate'];

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  weekStart: 'mon',
  classMinutes: 90,
  completionShare: 0.8,
  workingDays: 'calendar',
  overloadThreshold: 3,
  benchmarkBands: [
    { metric: 'participationRate', redBelow: 0.1, greenFrom: 0.2 },
    { metric: 'completionRate', redBelow: 0.3, greenFrom: 0.6 },
    { metric: 'conversionRate', redBelow: 0.01, greenFrom: 0.03 },
  ],
  todayDaysAhead: 1,
};

/** Fills defaults and rejects values out of range (named in the error). */
export function normalizeSettings(input: Partial<Record<keyof Settings, unknown>>): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, benchmarkBands: DEFAULT_SETTINGS.benchmarkBands.map((b) => ({ ...b })) };
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
  const num = (name: 'classMinutes' | 'completionShare' | 'overloadThreshold' | 'todayDaysAhead', min: number, max: number, whole = false): void => {
    const value = input[name];
    if (value === undefined || value === null || value === '') return;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) bad(name, value);
    s[name] = n;
  };
  num('classMinutes', 1, 1440);
  num('completionShare', 0.01, 1);
  num('overloadThreshold', 1, 100);
  num('todayDaysAhead', 0, 14, true);
  if (input.benchmarkBands !== undefined) s.benchmarkBands = normalizeBands(input.benchmarkBands, bad);
  return s;
}

/** One band per known metric (missing ones keep their default); shares between 0 and 1, red ≤ green. */
function normalizeBands(input: unknown, bad: (name: keyof Settings, value: unknown) => never): BenchmarkBand[] {
  if (!Array.isArray(input)) return bad('benchmarkBands', input);
  return BENCHMARK_METRICS.map((metric) => {
    const fallback = DEFAULT_SETTINGS.benchmarkBands.find((b) => b.metric === metric)!;
    const given = input.find((b: Partial<BenchmarkBand> | null) => b && b.metric === metric) as Partial<Record<keyof BenchmarkBand, unknown>> | undefined;
    if (!given) return { ...fallback };
    const redBelow = Number(given.redBelow ?? fallback.redBelow);
    const greenFrom = Number(given.greenFrom ?? fallback.greenFrom);
    const share = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1;
    if (!share(redBelow) || !share(greenFrom) || redBelow > greenFrom) bad('benchmarkBands', `${metric} ${given.redBelow} / ${given.greenFrom}`);
    return { metric, redBelow, greenFrom };
  });
}
