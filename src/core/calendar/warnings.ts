/**
 * Checks of a month's plan: clashes for one target group, an overloaded owner, a gap in the selling
 * rhythm, a camp during a legal holiday, group pushes above WeCom's daily cap, a draft landing on a
 * promotion or a public holiday, and a month whose holiday schedule is not published yet (only its
 * statutory days off are marked). Warnings are
 * values (an i18n code and its parameters) so the calendar tab, the sidebar and the CLI each say
 * them in the user's language.
 */
import { dayInfo, unpublishedScheduleYears } from '../cn-calendar';
import { firstOfMonth, lastOfMonth, toIso, type DaySerial } from '../dates';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n';
import { activitiesOn, coversDay, type Activity, type ActivityRow, type ActivityType } from './activities';

export type WarningKind =
  'unpublishedHolidays' | 'groupClash' | 'ownerOverload' | 'cadenceGap' | 'campOnHoliday' | 'draftOnPromotion' | 'draftOnHoliday' | 'pushCap';

export interface CalendarWarning {
  kind: WarningKind;
  code: MessageKey;
  params: MessageParams;
  /** The days the warning is about (inside the month). */
  start: DaySerial;
  end: DaySerial;
}

/** Planned group pushes (群发) for one group on one day, counted by the app from the month's SOP tabs. */
export interface GroupPushCount {
  group: string;
  date: DaySerial;
  count: number;
}

/** Activities whose same-day overlap on one group is a clash: two sales pitches to the same people. */
const PITCH_TYPES: ActivityType[] = ['marketingClass', 'promotion'];
/** The activities that keep the selling rhythm going. */
const CADENCE_TYPES: ActivityType[] = ['marketingClass', 'camp'];
/** A run of this many days or more without a marketing class or camp is flagged. */
export const CADENCE_GAP_DAYS = 14;
/** WeCom delivers one group push per customer group per day. */
export const WECOM_DAILY_PUSHES_PER_GROUP = 1;

export interface MonthCheckInput {
  year: number;
  month: number;
  activities: Activity[];
  /** An owner with more activities than this on one day is flagged (Settings.overloadThreshold). */
  overloadThreshold: number;
  pushesByGroupDay?: GroupPushCount[];
  /** Language of the holiday names put into the parameters. */
  lang: Lang;
}

const KIND_ORDER: WarningKind[] = [
  'unpublishedHolidays',
  'groupClash',
  'ownerOverload',
  'cadenceGap',
  'campOnHoliday',
  'draftOnPromotion',
  'draftOnHoliday',
  'pushCap',
];

/** Every warning of the month, by first day then kind. Cancelled activities are left out; drafts count. */
export function checkMonth(input: MonthCheckInput): CalendarWarning[] {
  const first = firstOfMonth(input.year, input.month);
  const last = lastOfMonth(input.year, input.month);
  const warnings = [
    ...unpublishedHolidays(first, last),
    ...groupClashes(input.activities, first, last),
    ...ownerOverloads(input.activities, first, last, input.overloadThreshold),
    ...cadenceGaps(input.activities, first, last),
    ...campsOnHolidays(input.activities, first, last, input.lang),
    ...draftConflicts(input.activities, input.lang, { first, last }).map((conflict) => conflict.warning),
    ...pushesAboveCap(input.pushesByGroupDay ?? [], first, last),
  ];
  return warnings.sort((a, b) => a.start - b.start || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/**
 * A month of a year whose State Council schedule is not out yet: its 休 are the statutory days only,
 * its 班 and bridging days are missing, so the holiday marks (and a camp avoiding them) may move.
 */
function unpublishedHolidays(first: DaySerial, last: DaySerial): CalendarWarning[] {
  return unpublishedScheduleYears(first, last).map((year) => ({
    kind: 'unpublishedHolidays' as const,
    code: 'calendar.warning.unpublishedHolidays' as MessageKey,
    params: { year },
    start: first,
    end: last,
  }));
}

/** Days in [first, last] collapsed into runs of consecutive days. */
function runsOf(days: DaySerial[]): Array<[DaySerial, DaySerial]> {
  const runs: Array<[DaySerial, DaySerial]> = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const lastRun = runs[runs.length - 1];
    if (lastRun && day === lastRun[1] + 1) lastRun[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/**
 * A group written as "全部引流群" / "所有社群" / "all groups" reaches every group, so it clashes with
 * any other group; otherwise groups clash when their names are equal.
 */
export function isAllGroups(group: string): boolean {
  return /^(全部|所有|all\b)/i.test(group.trim());
}

function sharedGroup(a: Activity, b: Activity): string | null {
  for (const group of a.targetGroups) if (b.targetGroups.includes(group)) return group;
  const everyone = [...a.targetGroups, ...b.targetGroups].find(isAllGroups);
  if (everyone && a.targetGroups.length && b.targetGroups.length) return everyone;
  return null;
}

function groupClashes(activities: Activity[], first: DaySerial, last: DaySerial): CalendarWarning[] {
  const clashes = new Map<string, { a: Activity; b: Activity; group: string; days: DaySerial[] }>();
  for (let day = first; day <= last; day++) {
    const pitches = activitiesOn(activities, day).filter((activity) => PITCH_TYPES.includes(activity.type));
    for (let i = 0; i < pitches.length; i++) {
      for (let j = i + 1; j < pitches.length; j++) {
        const group = sharedGroup(pitches[i], pitches[j]);
        if (group === null) continue;
        const key = `${activities.indexOf(pitches[i])}|${activities.indexOf(pitches[j])}`;
        const clash = clashes.get(key) ?? { a: pitches[i], b: pitches[j], group, days: [] };
        clash.days.push(day);
        clashes.set(key, clash);
      }
    }
  }
  const warnings: CalendarWarning[] = [];
  for (const clash of clashes.values()) {
    for (const [start, end] of runsOf(clash.days)) {
      warnings.push({
        kind: 'groupClash',
        code: 'calendar.warning.groupClash',
        params: { start: toIso(start), end: toIso(end), group: clash.group, first: clash.a.name, second: clash.b.name },
        start,
        end,
      });
    }
  }
  return warnings;
}

function ownerOverloads(activities: Activity[], first: DaySerial, last: DaySerial, threshold: number): CalendarWarning[] {
  const overloaded = new Map<string, Map<DaySerial, number>>();
  for (let day = first; day <= last; day++) {
    const counts = new Map<string, number>();
    for (const activity of activitiesOn(activities, day)) {
      // Drafts nobody could be found for all say 未分配: that is no one's overload.
      if (activity.owner && !isUnassigned(activity.owner)) counts.set(activity.owner, (counts.get(activity.owner) ?? 0) + 1);
    }
    for (const [owner, count] of counts) {
      if (count <= threshold) continue;
      const days = overloaded.get(owner) ?? new Map<DaySerial, number>();
      days.set(day, count);
      overloaded.set(owner, days);
    }
  }
  const warnings: CalendarWarning[] = [];
  for (const [owner, days] of overloaded) {
    for (const [start, end] of runsOf([...days.keys()])) {
      let count = 0;
      for (let day = start; day <= end; day++) count = Math.max(count, days.get(day) ?? 0);
      warnings.push({
        kind: 'ownerOverload',
        code: 'calendar.warning.ownerOverload',
        params: { owner, start: toIso(start), end: toIso(end), count, threshold },
        start,
        end,
      });
    }
  }
  return warnings;
}

/**
 * Runs of 14 days or more inside the month with no marketing class or camp. The month is judged on
 * its own: a run that starts on the 1st counts from the 1st, and one that reaches the last day
 * counts up to it, whatever happened in the months around it.
 */
function cadenceGaps(activities: Activity[], first: DaySerial, last: DaySerial): CalendarWarning[] {
  const rhythm = activities.filter((activity) => CADENCE_TYPES.includes(activity.type));
  const quiet: DaySerial[] = [];
  for (let day = first; day <= last; day++) if (activitiesOn(rhythm, day).length === 0) quiet.push(day);
  return runsOf(quiet)
    .filter(([start, end]) => end - start + 1 >= CADENCE_GAP_DAYS)
    .map(([start, end]) => ({
      kind: 'cadenceGap' as const,
      code: 'calendar.warning.cadenceGap' as MessageKey,
      params: { start: toIso(start), end: toIso(end), days: end - start + 1 },
      start,
      end,
    }));
}

function campsOnHolidays(activities: Activity[], first: DaySerial, last: DaySerial, lang: Lang): CalendarWarning[] {
  const warnings: CalendarWarning[] = [];
  for (const camp of activities) {
    if (camp.type !== 'camp' || camp.status === 'cancelled') continue;
    const holidays: DaySerial[] = [];
    for (let day = Math.max(camp.start, first); day <= Math.min(camp.end, last); day++) {
      if (dayInfo(day, lang).holiday) holidays.push(day);
    }
    for (const [start, end] of runsOf(holidays)) {
      warnings.push({
        kind: 'campOnHoliday',
        code: 'calendar.warning.campOnHoliday',
        params: { name: camp.name, holiday: dayInfo(start, lang).holidayName ?? '', start: toIso(start), end: toIso(end) },
        start,
        end,
      });
    }
  }
  return warnings;
}

/** The owner Draft month writes when the team has no one for the role (in either language). */
export function isUnassigned(owner: string): boolean {
  const text = owner.trim();
  return (['zh-CN', 'en'] as Lang[]).some((lang) => t(lang, 'calendar.draft.unassigned') === text);
}

/**
 * Drafts of these types are checked against promotions and public holidays: they need the members'
 * attention (a second pitch the same day splits it) and the team's hands (few are on duty on a
 * holiday). A drafted promotion sits on its festival on purpose, 朋友圈 runs every day anyway, and a
 * camp is already moved off holidays (campOnHoliday speaks of one that is not).
 */
const ON_PROMOTION_TYPES: ActivityType[] = ['camp', 'marketingClass', 'openClass', 'survey'];
const ON_HOLIDAY_TYPES: ActivityType[] = ['marketingClass', 'openClass', 'survey'];

/** "2026-12-12", or "2026-12-12–2026-12-13" for several days. */
function daysText(start: DaySerial, end: DaySerial): string {
  return start === end ? toIso(start) : `${toIso(start)}–${toIso(end)}`;
}

/** The warning over the days a draft shares with something, from the first to the last of them; null when none. */
function spanning(days: readonly DaySerial[], warn: (start: DaySerial, end: DaySerial) => CalendarWarning): CalendarWarning | null {
  return days.length ? warn(days[0], days[days.length - 1]) : null;
}

export interface DraftConflict {
  /** Index of the draft in the activities given. */
  index: number;
  warning: CalendarWarning;
}

/**
 * Drafts (status 草稿) that land on a day another row holds a promotion on, or on a legal holiday
 * (法定节假日 休, from the Chinese calendar): at most one warning of each kind per draft, over the days
 * it shares, within `window` when given. The calendar's warnings block, the notes on the drafts' rows
 * and the sidebar's preview all say these.
 */
export function draftConflicts<T extends ActivityRow>(activities: readonly T[], lang: Lang, window?: { first: DaySerial; last: DaySerial }): DraftConflict[] {
  const conflicts: DraftConflict[] = [];
  activities.forEach((draft, index) => {
    if (draft.status !== 'draft') return;
    const from = Math.max(draft.start, window?.first ?? draft.start);
    const to = Math.min(draft.end, window?.last ?? draft.end);
    if (ON_PROMOTION_TYPES.includes(draft.type)) {
      const promotions: string[] = [];
      const days: DaySerial[] = [];
      for (let day = from; day <= to; day++) {
        const onDay = activities.filter((other, i) => i !== index && other.type === 'promotion' && coversDay(other, day));
        if (onDay.length) days.push(day);
        for (const promotion of onDay) if (!promotions.includes(promotion.name)) promotions.push(promotion.name);
      }
      const warning = spanning(days, (start, end) => ({
        kind: 'draftOnPromotion',
        code: 'calendar.warning.draftOnPromotion',
        params: { name: draft.name, dates: daysText(start, end), promotions: promotions.join(t(lang, 'calendar.joiner')) },
        start,
        end,
      }));
      if (warning) conflicts.push({ index, warning });
    }
    if (ON_HOLIDAY_TYPES.includes(draft.type)) {
      const days: DaySerial[] = [];
      for (let day = from; day <= to; day++) if (dayInfo(day, lang).holiday) days.push(day);
      const warning = spanning(days, (start, end) => ({
        kind: 'draftOnHoliday',
        code: 'calendar.warning.draftOnHoliday',
        params: { name: draft.name, dates: daysText(start, end), holiday: dayInfo(start, lang).holidayName ?? '' },
        start,
        end,
      }));
      if (warning) conflicts.push({ index, warning });
    }
  });
  return conflicts;
}

function pushesAboveCap(pushes: GroupPushCount[], first: DaySerial, last: DaySerial): CalendarWarning[] {
  const totals = new Map<string, GroupPushCount>();
  for (const push of pushes) {
    const date = Math.floor(push.date);
    if (date < first || date > last) continue;
    const group = push.group.trim();
    const key = `${date}|${group}`;
    const total = totals.get(key) ?? { group, date, count: 0 };
    total.count += push.count;
    totals.set(key, total);
  }
  return [...totals.values()]
    .filter((total) => total.count > WECOM_DAILY_PUSHES_PER_GROUP)
    .map((total) => ({
      kind: 'pushCap' as const,
      code: 'calendar.warning.pushCap' as MessageKey,
      params: { date: toIso(total.date), group: total.group, count: total.count, cap: WECOM_DAILY_PUSHES_PER_GROUP },
      start: total.date,
      end: total.date,
    }));
}
