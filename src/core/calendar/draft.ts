/**
 * Draft month (起草本月): proposes the month's activities from a rhythm — camps every N weeks,
 * a weekly live marketing class, a promotion on each 节气 and festival with the advisors' 1V1
 * follow-up after it, weekly 朋友圈 content — as rows marked 草稿 to append to the activity list.
 * Existing rows are never changed; whatever the list already holds is not proposed again.
 *
 * Drafts are named as an operator would name them for their slot (双12直播专场, 冬至福利日·定金膨胀,
 * 元旦复盘分享会), from the 节气 or festival they serve, and owned by the Team tab's person for the
 * role that does that kind of work (DRAFT_ROLES), 未分配 when the team has no one for it.
 */
import { dayInfo, festivalsInRange, solarTermsInRange, type NamedDay } from '../cn-calendar';
import { firstOfMonth, lastOfMonth, toIso, weekday, type DaySerial, type Weekday } from '../dates';
import { AppError, type Problem } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import type { WeekStart } from '../settings';
import type { Person, Role } from '../team/team';
import { ACTIVITY_TYPES, typeLabel, type ActivityRow, type ActivityType } from './activities';
import { slotText } from './day-slots';
import { monthGrid } from './grid';
import { draftConflicts } from './warnings';

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
  /** The Team tab's people: each draft's owner is the one for its role (rhythm.owners first). */
  team?: ReadonlyArray<Pick<Person, 'name' | 'role'>>;
}

/** The kinds of draft, each with its own name and its own owner's role. */
export type DraftKind = 'camp' | 'live' | 'promotion' | 'followUp' | 'moments';

/**
 * Who runs each kind of draft, in order of preference (seed 000's roles): the 班主任 a camp (else the
 * 社群运营 who runs the groups), the 讲师 (IP号) a live class, the 社群运营 promotions and 朋友圈, the
 * 课程顾问 the 1V1 follow-up that closes a ¥万 course.
 */
export const DRAFT_ROLES: Record<DraftKind, readonly Role[]> = {
  camp: ['headTeacher', 'operator'],
  live: ['lecturer'],
  promotion: ['operator'],
  followUp: ['advisor'],
  moments: ['operator'],
};

/** The seeds' content matrix for 朋友圈 and 社群种草, one theme a week in turn. */
const MOMENTS_THEMES = ['industry', 'trust', 'desire', 'knowhow'] as const;
/** Topics of the weekly live classes that no festival names, in turn (at most five Saturdays a month). */
const LIVE_THEMES = ['industry', 'trust', 'desire', 'knowhow', 'qa'] as const;

/**
 * What a promotion for a ¥万 course sells (seed 000, issue 13): not the course but a step that
 * surfaces high intent — a deposit that grows (定金膨胀) on festivals and 冬至, a voucher or a ¥9.9
 * trial class, in turn, on the other 节气 — which the advisors then follow up one by one.
 */
type PromotionTool = 'deposit' | 'voucher' | 'trial';
/** Solar terms kept as festivals (冬至大如年), by their Chinese name. */
const FESTIVE_TERMS = ['冬至'];

/** Days a live class looks ahead to a festival it warms up for, and back to one it follows. */
const WARM_UP_DAYS = 6;
const ENCORE_DAYS = 3;
/** The advisors' 1V1 follow-up starts the evening of the promotion (seed 000: 当晚跟进成交效果最佳) and runs this many days. */
const FOLLOW_UP_DAYS = 3;

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

/** A named day of the Chinese calendar, with what kind of day it is. */
interface MarkedDay extends NamedDay {
  festival: boolean;
  newYear: boolean;
  festiveTerm: boolean;
}

/** The 节气 and festivals from `first` to `last`, festivals first on a day they share with a term. */
function markedDays(first: DaySerial, last: DaySerial, lang: Lang): MarkedDay[] {
  const zhTerms = new Map(solarTermsInRange(first, last, 'zh-CN').map((term) => [term.serial, term.name]));
  const festivals = festivalsInRange(first, last, lang).map((day): MarkedDay => ({
    serial: day.serial,
    name: day.name,
    festival: true,
    newYear: day.key === 'newYear',
    festiveTerm: false,
  }));
  const terms = solarTermsInRange(first, last, lang).map((day): MarkedDay => ({
    ...day,
    festival: false,
    newYear: false,
    festiveTerm: FESTIVE_TERMS.includes(zhTerms.get(day.serial) ?? ''),
  }));
  return [...festivals, ...terms].sort((a, b) => a.serial - b.serial || Number(b.festival) - Number(a.festival));
}

/**
 * A live class's name: a festival on its day makes it that day's special (双12直播专场), one in the
 * week ahead its warm-up (双12预热直播; before 元旦 the year's review, 元旦复盘分享会), one just past
 * its encore (返场); otherwise the week's topic in turn, dated so each week's is its own.
 */
function liveName(day: DaySerial, index: number, lang: Lang): string {
  const around = markedDays(day - ENCORE_DAYS, day + WARM_UP_DAYS, lang);
  const on = around.find((marked) => marked.serial === day);
  if (on) return t(lang, 'calendar.draft.live.on', { name: on.name });
  const ahead = around.find((marked) => marked.serial > day);
  if (ahead) {
    const key: MessageKey = ahead.newYear ? 'calendar.draft.live.yearReview' : ahead.festival ? 'calendar.draft.live.warmUp' : 'calendar.draft.live.termWarmUp';
    return t(lang, key, { name: ahead.name });
  }
  const past = around.filter((marked) => marked.serial < day).pop();
  if (past) return t(lang, 'calendar.draft.live.encore', { name: past.name });
  const theme = LIVE_THEMES[index % LIVE_THEMES.length];
  return t(lang, `calendar.draft.live.theme.${theme}`, { date: monthDay(day) });
}

interface Proposal {
  row: ActivityRow;
  kind: DraftKind;
  /** The promotion a follow-up follows: proposed only with it. */
  follows?: ActivityRow;
}

/** The rows to append, in date order, all with status draft. */
export function draftMonth(input: DraftInput): ActivityRow[] {
  const { year, month, rhythm, lang } = input;
  const first = firstOfMonth(year, month);
  const last = lastOfMonth(year, month);
  const groups = rhythm.targetGroups ?? [];
  const monthName = t(lang, `calendar.month.${month}` as MessageKey);
  const proposals: Proposal[] = [];
  const propose = (
    kind: DraftKind,
    type: ActivityType,
    name: string,
    start: DaySerial,
    end: DaySerial,
    targetGroups: string[],
    follows?: ActivityRow,
  ): ActivityRow => {
    const row: ActivityRow = { name, type, start, end, owner: '', targetGroups, goal: '', status: 'draft' };
    proposals.push({ row, kind, follows });
    return row;
  };

  if (rhythm.campEveryWeeks > 0) {
    let earliest = first;
    let number = 1;
    const firstPlanned = first + ((rhythm.campWeekday - weekday(first) + 7) % 7);
    for (let planned = firstPlanned; planned <= last; planned += 7 * rhythm.campEveryWeeks) {
      const start = holidayFreeStart(Math.max(planned, earliest), rhythm.campDays, last);
      if (start === null) continue;
      const name = t(lang, 'calendar.draft.campName', { monthName, n: number++, days: rhythm.campDays });
      propose('camp', 'camp', name, start, start + rhythm.campDays - 1, groups);
      earliest = start + rhythm.campDays;
    }
  }

  if (rhythm.weeklyLiveWeekday !== null) {
    let index = 0;
    for (let day = first + ((rhythm.weeklyLiveWeekday - weekday(first) + 7) % 7); day <= last; day += 7) {
      propose('live', 'marketingClass', liveName(day, index++, lang), day, day, groups);
    }
  }

  if (rhythm.promoOnFestivals) {
    const byDay = new Map<DaySerial, MarkedDay[]>();
    for (const marked of markedDays(first, last, lang)) {
      const onDay = byDay.get(marked.serial) ?? [];
      if (!onDay.some((other) => other.name === marked.name)) onDay.push(marked);
      byDay.set(marked.serial, onDay);
    }
    // One promotion a day, even when a term and a festival share it: two would clash for the same groups.
    let termPromotions = 0;
    for (const [day, marks] of byDay) {
      const name = marks.map((marked) => marked.name).join(t(lang, 'calendar.joiner'));
      const festive = marks.some((marked) => marked.festival || marked.festiveTerm);
      const tool: PromotionTool = festive ? 'deposit' : termPromotions++ % 2 === 0 ? 'voucher' : 'trial';
      const promotion = propose('promotion', 'promotion', t(lang, `calendar.draft.promotion.${tool}`, { name }), day, day, groups);
      propose('followUp', 'other', t(lang, `calendar.draft.followUp.${tool}`, { name }), day, day + FOLLOW_UP_DAYS - 1, groups, promotion);
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
      propose('moments', 'dailyContent', name, start, end, [t(lang, 'calendar.draft.momentsGroup')]);
    });
  }

  const kept: Proposal[] = [];
  for (const proposal of proposals.sort((a, b) => byDateThenType(a.row, b.row))) {
    // A follow-up belongs to its promotion: none for a festival the list already has its own promotion on.
    if (proposal.follows && !kept.some((other) => other.row === proposal.follows)) continue;
    if (![...input.existing, ...kept.map((other) => other.row)].some((row) => alreadyPlanned(row, proposal.row))) kept.push(proposal);
  }
  assignOwners(kept, rhythm, input.team ?? [], lang);
  return kept.map((proposal) => proposal.row);
}

/**
 * Each draft's owner: the one the rhythm names for its type, else a person of the first role of
 * DRAFT_ROLES the team has — the one given fewest drafts so far, so two advisors share the follow-ups —
 * else 未分配, which the manager sees in the list and the calendar and replaces.
 */
function assignOwners(proposals: Proposal[], rhythm: Rhythm, team: ReadonlyArray<Pick<Person, 'name' | 'role'>>, lang: Lang): void {
  const given = new Map<string, number>();
  for (const { row, kind } of proposals) {
    const named = rhythm.owners?.[row.type]?.trim();
    if (named) {
      row.owner = named;
      continue;
    }
    const role = DRAFT_ROLES[kind].find((wanted) => team.some((person) => person.role === wanted));
    const people = role ? team.filter((person) => person.role === role) : [];
    if (!people.length) {
      row.owner = t(lang, 'calendar.draft.unassigned');
      continue;
    }
    const owner = people.reduce((best, person) => ((given.get(person.name) ?? 0) < (given.get(best.name) ?? 0) ? person : best));
    given.set(owner.name, (given.get(owner.name) ?? 0) + 1);
    row.owner = owner.name;
  }
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

/**
 * The notes for the rows of a list: on each draft that lands on a promotion or a public holiday, its
 * warnings (draftConflicts), one add-on line each, so the person deciding on the draft reads why on its
 * row; null for every other row.
 */
export function draftNotes(rows: readonly ActivityRow[], lang: Lang): Array<string | null> {
  const notes: Array<string | null> = rows.map(() => null);
  for (const { index, warning } of draftConflicts(rows, lang)) {
    const line = t(lang, 'calendar.draft.note', { warning: t(lang, warning.code, warning.params) });
    notes[index] = notes[index] === null ? line : `${notes[index]}\n${line}`;
  }
  return notes;
}

/** One draft as the sidebar previews it: its days and its slot text, then its warnings. */
export interface DraftPreviewLine {
  text: string;
  warnings: string[];
}

/** The drafts just added, as the sidebar lists them, each with what it lands on among the list's rows. */
export function draftPreview(drafts: readonly ActivityRow[], existing: readonly ActivityRow[], lang: Lang): DraftPreviewLine[] {
  const all = [...existing, ...drafts];
  const conflicts = draftConflicts(all, lang);
  return drafts.map((draft, i) => {
    const days = draft.start === draft.end ? monthDay(draft.start) : `${monthDay(draft.start)}–${monthDay(draft.end)}`;
    return {
      text: `${days} ${slotText({ ...draft, typeText: typeLabel(draft.type, lang) }, lang)}`,
      warnings: conflicts
        .filter((conflict) => conflict.index === existing.length + i)
        .map((conflict) => t(lang, conflict.warning.code, conflict.warning.params)),
    };
  });
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
