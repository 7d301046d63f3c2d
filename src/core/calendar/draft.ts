/**
 * Draft month (起草本月): proposes the month's activities from a rhythm — camps every N weeks,
 * a weekly live marketing class, a promotion on each 节气 and festival, weekly 朋友圈 content — as
 * rows marked 草稿 to append to the activity list. Existing rows are never changed; whatever the
 * list already holds is not proposed again.
 */
import { dayInfo, festivalsInRange, solarTermsInRange } from '../cn-calendar';
import { firstOfMonth, lastOfMonth, toIso, weekday, type DaySerial, type Weekday } from '../dates';
import { AppError, type Problem } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import type { WeekStart } from '../settings';
import { ACTIVITY_TYPES, type ActivityRow, type ActivityType } from './activities';
import { monthGrid } from './grid';

export interface Rhythm {
  /** A camp every this many weeks; 0 for no camps. */
  campEveryWeeks: number;
  /** The weekday camps start on (0 = Sunday). */
  campWeekday: Weekday;
  /** Length of a camp in days (the seeds' low-price camps run 3–5 days). */
  campDays: number;
  /** The weekday of the weekly live marketing class; null for none. */
  weeklyLiveWeekday: Weekday | null;
  /** A promotion on each 节气 and festival of the month. */
  promoOnFestivals: boolean;
  /** 朋友圈 content every day (one row per week). */
  dailyMoments: boolean;
  /** The owner proposed for each type; blank when not given. */
  owners?: Partial<Record<ActivityType, string>>;
  /** Target groups of the proposed camps, classes and promotions. */
  targetGroups?: string[];
}

/** The sample month's rhythm: a 3-day camp every other Tuesday, a live class every Saturday. */
export const DEFAULT_RHYTHM: Rhythm = {
  campEveryWeeks: 2,
  campWeekday: 2,
  campDays: 3,
  weeklyLiveWeekday: 6,
  promoOnFestivals: true,
  dailyMoments: true,
};

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** 0–6, or a weekday name in English (sun, Monday …) or Chinese (周一, 星期日 …); null otherwise. */
export function parseWeekday(value: unknown): Weekday | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 6 ? (value as Weekday) : null;
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  if (/^[0-6]$/.test(text)) return Number(text) as Weekday;
  const english = WEEKDAY_NAMES.findIndex((name) => text === name || text === name.slice(0, 3));
  if (english >= 0) return english as Weekday;
  const chinese = /^(?:周|星期|礼拜)([日天一二三四五六])$/.exec(text);
  if (chinese) return '日一二三四五六'.indexOf(chinese[1] === '天' ? '日' : chinese[1]) as Weekday;
  return null;
}

/**
 * Fills the defaults and rejects values out of range (CLI flags and sidebar fields arrive as text);
 * every bad value is named in one AppError, so the person fixes them all at once.
 */
export function normalizeRhythm(input: Partial<Record<keyof Rhythm, unknown>>): Rhythm {
  const rhythm: Rhythm = { ...DEFAULT_RHYTHM };
  const problems: Problem[] = [];
  const bad = (name: keyof Rhythm, value: unknown): void => {
    problems.push({ code: 'calendar.error.rhythm', params: { name, value: String(value) } });
  };
  const integer = (name: 'campEveryWeeks' | 'campDays', min: number, max: number): void => {
    const value = input[name];
    if (value === undefined || value === null || value === '') return;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) bad(name, value);
    else rhythm[name] = n;
  };
  const readWeekday = (name: 'campWeekday' | 'weeklyLiveWeekday', value: unknown): void => {
    const day = parseWeekday(value);
    if (day === null) bad(name, value);
    else rhythm[name] = day;
  };
  integer('campEveryWeeks', 0, 8);
  integer('campDays', 1, 14);
  if (input.campWeekday !== undefined) readWeekday('campWeekday', input.campWeekday);
  if (input.weeklyLiveWeekday === null || input.weeklyLiveWeekday === 'none') rhythm.weeklyLiveWeekday = null;
  else if (input.weeklyLiveWeekday !== undefined) readWeekday('weeklyLiveWeekday', input.weeklyLiveWeekday);
  for (const flag of ['promoOnFestivals', 'dailyMoments'] as const) {
    const value = input[flag];
    if (value === undefined) continue;
    if (value === true || value === 'true') rhythm[flag] = true;
    else if (value === false || value === 'false') rhythm[flag] = false;
    else bad(flag, value);
  }
  if (problems.length) throw new AppError(problems);
  if (input.owners !== undefined) rhythm.owners = input.owners as Rhythm['owners'];
  if (input.targetGroups !== undefined) rhythm.targetGroups = (input.targetGroups as string[]).map(String);
  return rhythm;
}

export interface DraftInput {
  year: number;
  month: number;
  rhythm: Rhythm;
  /** The rows already in the activity list, whatever their status. */
  existing: readonly ActivityRow[];
  lang: Lang;
  /** Weeks of the 朋友圈 rows follow the calendar's week start. */
  weekStart: WeekStart;
}

/** The seeds' content matrix for 朋友圈 and 社群种草, one theme a week in turn. */
const MOMENTS_THEMES = ['industry', 'trust', 'desire', 'knowhow'] as const;

/** "12-05": dates inside names stay short and the same in both languages. */
function monthDay(serial: DaySerial): string {
  return toIso(serial).slice(5);
}

function spanHasHoliday(start: DaySerial, days: number): boolean {
  for (let day = start; day < start + days; day++) if (dayInfo(day, 'zh-CN').holiday) return true;
  return false;
}

/**
 * The first start on or after `from`, and no later than `last`, whose whole span is free of legal
 * holidays. Camps move later rather than earlier: the weeks before a camp are its enrolment
 * (营前) time, which an earlier start would cut short.
 */
function holidayFreeStart(from: DaySerial, days: number, last: DaySerial): DaySerial | null {
  for (let start = from; start <= last; start++) if (!spanHasHoliday(start, days)) return start;
  return null;
}

/** The rows to append, in date order, all with status draft. */
export function draftMonth(input: DraftInput): ActivityRow[] {
  const { year, month, rhythm, lang } = input;
  const first = firstOfMonth(year, month);
  const last = lastOfMonth(year, month);
  const owner = (type: ActivityType): string => rhythm.owners?.[type] ?? '';
  const groups = rhythm.targetGroups ?? [];
  const monthName = t(lang, `calendar.month.${month}` as MessageKey);
  const proposals: ActivityRow[] = [];
  const propose = (type: ActivityType, name: string, start: DaySerial, end: DaySerial, targetGroups: string[]): void => {
    proposals.push({ name, type, start, end, owner: owner(type), targetGroups, goal: '', status: 'draft' });
  };

  if (rhythm.campEveryWeeks > 0) {
    let earliest = first;
    let number = 1;
    const firstPlanned = first + ((rhythm.campWeekday - weekday(first) + 7) % 7);
    for (let planned = firstPlanned; planned <= last; planned += 7 * rhythm.campEveryWeeks) {
      const start = holidayFreeStart(Math.max(planned, earliest), rhythm.campDays, last);
      if (start === null) continue;
      const name = t(lang, 'calendar.draft.campName', { monthName, n: number++ });
      propose('camp', name, start, start + rhythm.campDays - 1, groups);
      earliest = start + rhythm.campDays;
    }
  }

  if (rhythm.weeklyLiveWeekday !== null) {
    for (let day = first + ((rhythm.weeklyLiveWeekday - weekday(first) + 7) % 7); day <= last; day += 7) {
      propose('marketingClass', t(lang, 'calendar.draft.liveName', { date: monthDay(day) }), day, day, groups);
    }
  }

  if (rhythm.promoOnFestivals) {
    const namesByDay = new Map<DaySerial, string[]>();
    for (const named of [...solarTermsInRange(first, last, lang), ...festivalsInRange(first, last, lang)]) {
      const names = namesByDay.get(named.serial) ?? [];
      if (!names.includes(named.name)) names.push(named.name);
      namesByDay.set(named.serial, names);
    }
    // One promotion a day, even when a term and a festival share it: two would clash for the same groups.
    for (const [day, names] of namesByDay) {
      propose('promotion', t(lang, 'calendar.draft.promoName', { name: names.join(t(lang, 'calendar.joiner')) }), day, day, groups);
    }
  }

  // One 日常产出 row per week rather than one for the month: each week gets its own theme from the
  // content matrix, its own owner if the manager changes it, and a status that can be ticked done
  // when the week is over instead of staying open until the month ends.
  if (rhythm.dailyMoments) {
    const weeks = monthGrid(year, month, input.weekStart);
    weeks.forEach((week, index) => {
      const start = Math.max(week[0], first);
      const end = Math.min(week[6], last);
      const theme = t(lang, `calendar.draft.theme.${MOMENTS_THEMES[index % MOMENTS_THEMES.length]}`);
      const name = t(lang, 'calendar.draft.momentsName', { theme, start: monthDay(start), end: monthDay(end) });
      propose('dailyContent', name, start, end, [t(lang, 'calendar.draft.momentsGroup')]);
    });
  }

  const kept: ActivityRow[] = [];
  for (const proposal of proposals.sort(byDateThenType)) {
    if (![...input.existing, ...kept].some((row) => alreadyPlanned(row, proposal))) kept.push(proposal);
  }
  return kept;
}

function byDateThenType(a: ActivityRow, b: ActivityRow): number {
  return a.start - b.start || ACTIVITY_TYPES.indexOf(a.type) - ACTIVITY_TYPES.indexOf(b.type) || a.end - b.end;
}

/**
 * A proposal is already planned when a row has its name, or is of its type and covers all its days
 * (the same dates, or a longer row: a month-long 朋友圈 row covers every weekly one).
 */
function alreadyPlanned(row: ActivityRow, proposal: ActivityRow): boolean {
  if (row.name.trim() === proposal.name) return true;
  return row.type === proposal.type && row.start <= proposal.start && row.end >= proposal.end;
}

export interface DraftJsonRow {
  name: string;
  type: ActivityType;
  start: string;
  end: string;
  owner: string;
  targetGroups: string[];
  goal: string;
  status: string;
}

/** The `calendar --draft --json` output. */
export function draftToJson(rows: ActivityRow[]): DraftJsonRow[] {
  return rows.map((row) => ({
    name: row.name,
    type: row.type,
    start: toIso(row.start),
    end: toIso(row.end),
    owner: row.owner,
    targetGroups: row.targetGroups,
    goal: row.goal,
    status: row.status ?? '',
  }));
}
