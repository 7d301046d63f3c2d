/**
 * Generation: a template placed at an anchor date for one group and cohort, with owners taken from
 * the team. Pure: the same options give the same rows, IDs included.
 */
import { dayInfo, festivalsInRange, unpublishedScheduleSpan } from '../cn-calendar';
import { toIso, weekday, type DaySerial } from '../dates';
import type { Problem } from '../errors';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { CellValue } from '../tab/spec';
import { peopleWithRole, roleLabel, type Person, type Role } from '../team/team';
import { calendarLabel } from './calendar-label';
import type { SopColumn, SopTextColumn } from './columns';
import { fillPlaceholders } from './placeholders';
import { statusLabel } from './status';
import { channelLabel, rowIds, type SopTemplate } from './template';

/** Where a row of an SOP tab comes from. */
export type RowOrigin =
  /** A row of the current template. */
  | 'template'
  /** A row whose template row is gone, kept because someone typed in it (status 已移除). */
  | 'removed'
  /** A row someone added by hand (no generated ID). */
  | 'manual';

export interface SopRow {
  /** Stable row ID ("B28-0K7QZ"); "" for a row added by hand. */
  id: string;
  /** The template row it was generated from; "" when it is not (or no longer) from the template. */
  rowKey: string;
  date: DaySerial | null;
  weekday: string;
  /** "HH:MM" or "". */
  time: string;
  phase: string;
  /** As shown in the tab (the channel's label in the tab's language). */
  channel: string;
  item: string;
  detail: string;
  script: string;
  materials: string;
  role: Role | null;
  owner: string;
  /**
   * The owner generation last put in this row. Regeneration compares it with `owner` to tell an
   * owner someone picked (kept) from one the team assigned (updated when the team changes).
   */
  generatedOwner: string;
  /** As shown in the tab (a status label, or whatever was typed). */
  status: string;
  proof: string;
  note: string;
  /** 节日/节气 text; "" when not marked. */
  calendar: string;
  origin: RowOrigin;
  /**
   * For rows carried over from an existing tab without a template row behind them ('removed',
   * 'manual'): their cells as read, written back unchanged. The text fields above mirror them.
   */
  cells?: Partial<Record<SopColumn, CellValue>>;
  /** The row of the existing tab this row continues (0-based); undefined or null for a new row. */
  source?: number | null;
  /** Fingerprints of the template texts as the generator last wrote them (the hidden text-check column). */
  generatedTexts?: string;
  /** Template texts kept because someone edited them, with the template's text to show in a note. */
  editedTexts?: Partial<Record<SopTextColumn, { template: string; changed: boolean }>>;
}

export interface GenerateOptions {
  template: SopTemplate;
  anchor: DaySerial;
  group: string;
  cohort: string;
  team: Person[];
  /** Role → person chosen in the sidebar; overrides the team for every group. */
  assignments?: Partial<Record<Role, string>>;
  /** Position of this group among the groups generated together: group i gets person i mod n of a role. */
  groupIndex?: number;
  lang: Lang;
  /** Fill the 节日/节气 column from the Chinese calendar. */
  markCalendar: boolean;
}

export interface SopGeneration {
  rows: SopRow[];
  /**
   * Things the user should know, in i18n form: a role nobody on the team has, each row that falls on
   * a legal holiday or on 除夕, and years whose holiday schedule is not published yet.
   */
  warnings: Problem[];
}

export function weekdayLabel(serial: DaySerial, lang: Lang): string {
  return t(lang, `sop.weekday.${weekday(serial)}`);
}

/** The person acting in a role for one group: the sidebar's choice, else the team's people in turn. */
export function ownerFor(role: Role, team: Person[], assignments: Partial<Record<Role, string>> | undefined, groupIndex: number): string {
  const chosen = assignments?.[role]?.trim();
  if (chosen) return chosen;
  const people = peopleWithRole(team, role);
  if (people.length === 0) return '';
  const index = ((groupIndex % people.length) + people.length) % people.length;
  return people[index].name;
}

/** Orders rows by date, then time (rows without a time first), keeping the given order otherwise. */
export function compareByDateTime(a: Pick<SopRow, 'date' | 'time'>, b: Pick<SopRow, 'date' | 'time'>): number {
  const da = a.date ?? Number.POSITIVE_INFINITY;
  const db = b.date ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
}

export function generateSop(options: GenerateOptions): SopGeneration {
  const { template, anchor, group, cohort, team, assignments, lang, markCalendar } = options;
  const groupIndex = options.groupIndex ?? 0;
  const ids = rowIds(template);
  const personFor = (role: Role): string | undefined => ownerFor(role, team, assignments, groupIndex) || undefined;
  const unowned = new Map<Role, number>();
  const todo = statusLabel('todo', lang);

  const rows = template.rows.map((row): SopRow => {
    const date = anchor + row.dayOffset;
    const owner = ownerFor(row.role, team, assignments, groupIndex);
    if (!owner) unowned.set(row.role, (unowned.get(row.role) ?? 0) + 1);
    const fill = (text: string): string => fillPlaceholders(text, { group, cohort, date, anchor, time: row.time, personFor, lang });
    return {
      id: ids.get(row.rowKey) ?? '',
      rowKey: row.rowKey,
      date,
      weekday: weekdayLabel(date, lang),
      time: row.time,
      phase: row.phase,
      channel: channelLabel(row.channel, lang),
      item: fill(row.item),
      detail: fill(row.detail),
      script: fill(row.script),
      materials: fill(row.materials),
      role: row.role,
      owner,
      generatedOwner: owner,
      status: todo,
      proof: '',
      note: '',
      calendar: markCalendar ? calendarLabel(date, lang) : '',
      origin: 'template',
    };
  });
  rows.sort(compareByDateTime);

  const warnings: Problem[] = [...unowned].map(([role, count]) => ({
    code: 'sop.warning.noPersonForRole',
    params: { role: roleLabel(role, lang), count },
  }));
  warnings.push(...holidayWarnings(rows, lang));
  return { rows, warnings };
}

/**
 * The rows that fall on a legal holiday (休) or on 除夕 — the members are away, a class or a push
 * that day reaches few — each with its date and item, as the calendar flags a camp on a holiday; and,
 * first, the years of the rows whose schedule is not published, where only the statutory days are known.
 */
function holidayWarnings(rows: readonly SopRow[], lang: Lang): Problem[] {
  const dates = rows.flatMap((row) => (row.date === null ? [] : [row.date]));
  if (dates.length === 0) return [];
  const first = dates.reduce((a, b) => Math.min(a, b));
  const last = dates.reduce((a, b) => Math.max(a, b));
  const span = unpublishedScheduleSpan(first, last);
  const warnings: Problem[] = span ? [{ code: 'sop.warning.unpublishedHolidays', params: { years: span } }] : [];
  const holidays = new Map<DaySerial, string | null>();
  const holidayOn = (date: DaySerial): string | null => {
    if (!holidays.has(date)) {
      const eve = festivalsInRange(date, date, lang).find((festival) => festival.key === 'newYearsEve');
      const info = dayInfo(date, lang);
      holidays.set(date, eve ? eve.name : info.holiday ? info.holidayName : null);
    }
    return holidays.get(date) ?? null;
  };
  for (const row of rows) {
    const holiday = row.date === null ? null : holidayOn(row.date);
    if (holiday === null || row.date === null) continue;
    warnings.push({ code: 'sop.warning.onHoliday', params: { date: toIso(row.date), weekday: row.weekday, item: row.item, holiday } });
  }
  return warnings;
}

export interface PreviewSummary {
  rows: number;
  first: DaySerial | null;
  last: DaySerial | null;
  /** Distinct owners named in the rows. */
  owners: number;
}

/** Counts for the sidebar's line before generating. */
export function previewSummary(rows: SopRow[]): PreviewSummary {
  let first: DaySerial | null = null;
  let last: DaySerial | null = null;
  const owners = new Set<string>();
  for (const row of rows) {
    if (row.date !== null) {
      if (first === null || row.date < first) first = row.date;
      if (last === null || row.date > last) last = row.date;
    }
    if (row.owner) owners.add(row.owner);
  }
  return { rows: rows.length, first, last, owners: owners.size };
}

/** "28 rows · 2026-12-07 → 2027-01-03 · 3 executors" / "28 行 · 2026-12-07 → 2027-01-03 · 3 位执行人". */
export function previewLine(summary: PreviewSummary, lang: Lang): string {
  const count = (kind: 'rows' | 'owners', n: number): string => t(lang, n === 1 ? `sop.count.${kind}.one` : `sop.count.${kind}.other`, { count: n });
  return t(lang, 'sop.preview', {
    rows: count('rows', summary.rows),
    first: summary.first === null ? '—' : toIso(summary.first),
    last: summary.last === null ? '—' : toIso(summary.last),
    owners: count('owners', summary.owners),
  });
}
