/**
 * The calendar tab: a month (or a quarter) as weeks of rows. Each week is a block: a row of day
 * numbers, a row of labels (节气 / festival / 休 / 班), then the activity slots, whose formulas read
 * the activity list live (see day-slots.ts). Type colours and the "today" mark are conditional
 * formats, so they follow the list and the date too; the warnings block below is computed when the
 * tab is generated.
 */
import { toIso, weekday, ymdFromSerial, type DaySerial } from '../dates';
import { t, type Lang, type MessageKey } from '../i18n';
import type { WeekStart } from '../settings';
import { a1, range, type Cell, type CellValue, type ConditionalFormatSpec, type RangeRef, type StyleRun, type TabSpec } from '../tab/spec';
import { markerOf, type MarkerKeyOf } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { ACTIVITY_TYPES, DRAFT_STYLE, typeLabel, type Activity, type ActivityType } from './activities';
import { listFirstRow, slotFormula, slotTexts, type ActivityListRef } from './day-slots';
import { calendarMonth, dayMarks, firstWeekday, monthKey, type CalendarDay, type CalendarMonth } from './grid';
import type { GroupPushCount } from './warnings';

export const TYPE_COLORS: Record<ActivityType, string> = {
  camp: '#d9ead3',
  marketingClass: '#cfe2f3',
  openClass: '#d0e0e3',
  survey: '#fff2cc',
  promotion: '#f4cccc',
  dailyContent: '#ead1dc',
  other: '#eeeeee',
};

/** Slots under each day: at least this many, so a few activities can be added without regenerating … */
export const MIN_SLOTS = 4;
/** … and at most this many; busier days show "…另有 N 项" in the last slot. */
export const MAX_SLOTS = 10;

const DAY_COLUMNS = 7;
const DAY_WIDTH = 150;
const HEADER_ROWS = 2;

const COLORS = {
  headerBackground: '#e8eaed',
  weekendBackground: '#f8f9fa',
  outsideBackground: '#f1f3f4',
  outsideFont: '#9aa0a6',
  holidayBackground: '#fce8e6',
  holidayFont: '#d93025',
  makeUpFont: '#e37400',
  markFont: '#188038',
  todayBackground: '#fbbc04',
};

export interface CalendarTabInput {
  year: number;
  month: number;
  weekStart: WeekStart;
  /** The list's activities as readActivityGrid returned them (list order). */
  activities: Activity[];
  /** The list tab the slot formulas read, and its layout. */
  list: ActivityListRef;
  lang: Lang;
  /** The generation day, named in the first cell's note. */
  today: DaySerial;
  overloadThreshold?: number;
  pushesByGroupDay?: GroupPushCount[];
}

export interface QuarterTabInput extends Omit<CalendarTabInput, 'month'> {
  quarter: 1 | 2 | 3 | 4;
}

export function calendarTabName(year: number, month: number, lang: Lang): string {
  return t(lang, 'calendar.tabName', { month: monthKey(year, month) });
}

function monthName(month: number, lang: Lang): string {
  return t(lang, `calendar.month.${month}` as MessageKey);
}

/** What a calendar tab shows: one month, or one quarter (its three months on one tab). */
export type CalendarPeriod = { year: number; month: number } | { year: number; quarter: 1 | 2 | 3 | 4 };

/** A calendar tab's identity in its marker: "2026-12" for a month, "2026-Q4" for a quarter. */
export function calendarPeriodKey(period: CalendarPeriod): MarkerKeyOf<'calendar'> {
  return { months: 'quarter' in period ? `${period.year}-Q${period.quarter}` : monthKey(period.year, period.month) };
}

/** The period a calendar tab's marker names; null when it names none (a marker from elsewhere, a broken one). */
export function readCalendarPeriodKey(key: MarkerKeyOf<'calendar'>): CalendarPeriod | null {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key.months);
  if (quarter) return { year: Number(quarter[1]), quarter: Number(quarter[2]) as 1 | 2 | 3 | 4 };
  const month = /^(\d{4})-(\d{2})$/.exec(key.months);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { year: Number(month[1]), month: Number(month[2]) };
  return null;
}

/** One month on one tab: "2026-12 活动日历" / "Calendar 2026-12", marker calendar:2026-12. */
export function buildCalendarTab(input: CalendarTabInput): TabSpec {
  const key = calendarPeriodKey({ year: input.year, month: input.month });
  return buildMonthsTab(input, [input.month], {
    name: calendarTabName(input.year, input.month, input.lang),
    key,
    title: t(input.lang, 'calendar.title', { year: input.year, monthName: monthName(input.month, input.lang) }),
    what: t(input.lang, 'calendar.noteWhat', { month: key.months }),
  });
}

/** Three months on one tab: "2026-Q4 活动日历", marker calendar:2026-Q4. */
export function buildQuarterTab(input: QuarterTabInput): TabSpec {
  const key = calendarPeriodKey({ year: input.year, quarter: input.quarter });
  const firstMonth = (input.quarter - 1) * 3 + 1;
  return buildMonthsTab(input, [firstMonth, firstMonth + 1, firstMonth + 2], {
    name: t(input.lang, 'calendar.tabName', { month: key.months }),
    key,
    title: t(input.lang, 'calendar.quarterTitle', { year: input.year, quarter: input.quarter }),
    what: t(input.lang, 'calendar.noteWhat', { month: key.months }),
  });
}

/** Enough slots for the busiest day of the month plus one free slot, within MIN_SLOTS…MAX_SLOTS. */
export function slotCount(calendar: CalendarMonth): number {
  let busiest = 0;
  for (const week of calendar.weeks) for (const day of week) busiest = Math.max(busiest, day.activities.length);
  return Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, busiest + 1));
}

/** The label under a day number: its 节气 and festivals, then 休 or 班. */
export function dayLabel(day: CalendarDay, lang: Lang): string {
  const parts: string[] = [];
  const marks = dayMarks(day);
  if (marks.length) parts.push(marks.join(t(lang, 'calendar.joiner')));
  if (day.holiday) parts.push(t(lang, 'calendar.mark.holiday'));
  if (day.makeUpWorkday) parts.push(t(lang, 'calendar.mark.makeUpWorkday'));
  return parts.join(' ');
}

/** Conditional-format test: the slot text starts with the type's label (in either language). */
function typeRuleFormula(type: ActivityType, anchor: string, lang: Lang): string {
  const prefixes = (['zh-CN', 'en'] as Lang[]).map((l) => t(lang, 'calendar.slot.open') + typeLabel(type, l) + t(lang, 'calendar.slot.close'));
  const tests = [...new Set(prefixes)].map((prefix) => `LEFT(${anchor},${prefix.length})="${prefix.replace(/"/g, '""')}"`);
  return `=OR(${tests.join(',')})`;
}

/** What a calendar tab says about how it was made: the list its slots read and its week start. */
export interface CalendarSource {
  listTab: string | null;
  weekStart: WeekStart | null;
}

/**
 * Reads back from a calendar tab's values the list it was made from (the row after the legend) and
 * its week start (the weekday header), in either language; null for what cannot be found.
 */
export function readCalendarSource(grid: CellValue[][]): CalendarSource {
  const labels = (['zh-CN', 'en'] as Lang[]).map((l) => t(l, 'calendar.source'));
  const sourceRow = grid.find((cells) => typeof cells[0] === 'string' && labels.includes(cells[0].trim()));
  const listTab = sourceRow && typeof sourceRow[1] === 'string' && sourceRow[1] !== '' ? sourceRow[1] : null;
  const firstDay = String(grid[1]?.[0] ?? '').trim();
  const isWeekday = (n: number): boolean => (['zh-CN', 'en'] as Lang[]).some((l) => t(l, `calendar.weekday.${n}` as MessageKey) === firstDay);
  const weekStart: WeekStart | null = isWeekday(1) ? 'mon' : isWeekday(0) ? 'sun' : null;
  return { listTab, weekStart };
}

interface TabNames {
  name: string;
  key: MarkerKeyOf<'calendar'>;
  title: string;
  what: string;
}

function buildMonthsTab(input: Omit<CalendarTabInput, 'month'>, months: number[], names: TabNames): TabSpec {
  const { lang, year } = input;
  const rows: Cell[][] = [];
  const styles: StyleRun[] = [];
  const merges: RangeRef[] = [];
  const conditionalFormats: ConditionalFormatSpec[] = [];
  const slotRanges: RangeRef[] = [];
  const warningLines: string[] = [];
  const slotCounts: number[] = [];
  const style = (r: RangeRef, s: StyleRun['style']): void => {
    styles.push({ range: r, style: s });
  };
  const setRow = (row: number, cells: Cell[]): void => {
    rows[row] = cells;
  };

  setRow(0, [names.title]);
  merges.push(range(0, 0, 1, DAY_COLUMNS));
  style(range(0, 0), { bold: true, fontSize: 14 });
  const startDay = firstWeekday(input.weekStart);
  setRow(
    1,
    Array.from({ length: DAY_COLUMNS }, (_, c) => t(lang, `calendar.weekday.${(startDay + c) % 7}` as MessageKey)),
  );
  style(range(1, 0, 1, DAY_COLUMNS), { bold: true, hAlign: 'center', background: COLORS.headerBackground });

  let row = HEADER_ROWS;
  for (const month of months) {
    const calendar = calendarMonth({
      year,
      month,
      weekStart: input.weekStart,
      activities: input.activities,
      lang,
      overloadThreshold: input.overloadThreshold,
      pushesByGroupDay: input.pushesByGroupDay,
    });
    if (months.length > 1) {
      setRow(row, [t(lang, 'calendar.monthHeading', { year, monthName: monthName(month, lang) })]);
      merges.push(range(row, 0, 1, DAY_COLUMNS));
      style(range(row, 0, 1, DAY_COLUMNS), { bold: true, background: COLORS.headerBackground });
      row++;
    }
    const slots = slotCount(calendar);
    slotCounts.push(slots);
    const blockRows = 2 + slots;
    const gridTop = row;
    const todayRanges: RangeRef[] = [];

    for (const week of calendar.weeks) {
      const numbers: Cell[] = [];
      const labels: Cell[] = [];
      const slotRows: Cell[][] = Array.from({ length: slots }, () => []);
      week.forEach((day, c) => {
        numbers.push(ymdFromSerial(day.serial).day);
        labels.push(dayLabel(day, lang) || null);
        const texts = slotTexts(day.activities, slots, lang);
        for (let k = 0; k < slots; k++) {
          slotRows[k].push({ formula: '=' + slotFormula(input.list, day.serial, k + 1, slots, lang), value: texts[k] });
        }
        if (!day.inMonth) {
          style(range(row, c, blockRows, 1), { background: COLORS.outsideBackground, fontColor: COLORS.outsideFont });
          return;
        }
        if (day.holiday) style(range(row, c, 2, 1), { background: COLORS.holidayBackground });
        const labelFont = day.holiday ? COLORS.holidayFont : day.makeUpWorkday ? COLORS.makeUpFont : COLORS.markFont;
        style(range(row + 1, c), { fontColor: labelFont, bold: day.holiday || day.makeUpWorkday });
      });
      setRow(row, numbers);
      setRow(row + 1, labels);
      slotRows.forEach((cells, k) => setRow(row + 2 + k, cells));
      const inMonthColumns = week.map((day, c) => (day.inMonth ? c : -1)).filter((c) => c >= 0);
      todayRanges.push(range(row, inMonthColumns[0], 1, inMonthColumns.length));
      slotRanges.push(range(row + 2, 0, slots, DAY_COLUMNS));
      style(range(row, 0, 1, DAY_COLUMNS), { bold: true });
      style(range(row + 1, 0, 1, DAY_COLUMNS), { fontSize: 9 });
      style(range(row + 2, 0, slots, DAY_COLUMNS), { fontSize: 9, wrap: true, vAlign: 'top' });
      row += blockRows;
    }

    // Weekend tint first in the list, so the out-of-month grey (added above, per day) is not
    // overridden: runs apply in order, so the tint goes to the front.
    const weekendRuns: StyleRun[] = [];
    for (let c = 0; c < DAY_COLUMNS; c++) {
      const w = weekday(calendar.weeks[0][c].serial);
      if (w === 0 || w === 6) weekendRuns.push({ range: range(gridTop, c, row - gridTop, 1), style: { background: COLORS.weekendBackground } });
    }
    styles.unshift(...weekendRuns);

    const anchor = a1(todayRanges[0].row, todayRanges[0].col);
    conditionalFormats.push({
      ranges: todayRanges,
      formula: `=AND(${anchor}=DAY(TODAY()),MONTH(TODAY())=${month},YEAR(TODAY())=${year})`,
      style: { background: COLORS.todayBackground, bold: true },
    });
    for (const warning of calendar.warnings) warningLines.push('• ' + t(lang, warning.code, warning.params));
  }

  const slotAnchor = a1(slotRanges[0].row, slotRanges[0].col);
  // A list with a status column may hold drafts. Their rule comes first: a rule that holds stops the
  // later ones in Sheets and LibreOffice (and comes first in Excel); a draft's slot does not start with
  // its type anyway.
  const hasDrafts = input.list.layout.columns.status >= 0;
  if (hasDrafts) {
    const draftPrefix = t(lang, 'calendar.slot.draft');
    conditionalFormats.push({
      ranges: slotRanges,
      formula: `=LEFT(${slotAnchor},${draftPrefix.length})="${draftPrefix.replace(/"/g, '""')}"`,
      style: { ...DRAFT_STYLE },
    });
  }
  for (const type of ACTIVITY_TYPES) {
    conditionalFormats.push({ ranges: slotRanges, formula: typeRuleFormula(type, slotAnchor, lang), style: { background: TYPE_COLORS[type] } });
  }

  row++;
  // With drafts possible, a draft sample sits at the right end of the legend's title row, in its own cell.
  setRow(row, hasDrafts ? [t(lang, 'calendar.legend'), null, null, null, null, null, t(lang, 'calendar.legend.draft')] : [t(lang, 'calendar.legend')]);
  style(range(row, 0), { bold: true });
  if (hasDrafts) style(range(row, DAY_COLUMNS - 1), { ...DRAFT_STYLE, hAlign: 'center' });
  row++;
  setRow(
    row,
    ACTIVITY_TYPES.map((type) => typeLabel(type, lang)),
  );
  ACTIVITY_TYPES.forEach((type, c) => style(range(row, c), { background: TYPE_COLORS[type], hAlign: 'center' }));
  row++;
  // Says which list the slots read; Refresh reads it back to regenerate the tab from the same list.
  setRow(row, [t(lang, 'calendar.source'), input.list.tabName]);
  style(range(row, 0), { fontColor: COLORS.outsideFont });
  row += 2;
  setRow(row, [t(lang, 'calendar.warnings.title')]);
  style(range(row, 0), { bold: true });
  row++;
  for (const line of warningLines.length ? warningLines : [t(lang, 'calendar.warnings.none')]) setRow(row++, [line]);

  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  const note = t(lang, 'calendar.note', {
    generated: t(lang, 'tab.note.generated', { what: names.what, time: toIso(input.today) }),
    list: input.list.tabName,
    first: listFirstRow(input.list),
    slots: Math.min(...slotCounts),
  });

  return {
    name: names.name,
    marker: markerOf('calendar', names.key),
    columns: Array.from({ length: DAY_COLUMNS }, (_, c) => ({ key: `day${c + 1}`, width: DAY_WIDTH })),
    rows,
    headerRows: HEADER_ROWS,
    frozenRows: HEADER_ROWS,
    styles,
    merges,
    conditionalFormats,
    notes: [{ row: 0, col: 0, text: note }],
    // A week across, as on a wall calendar; later pages repeat the title and the weekday row.
    print: printSetupFor('calendar', HEADER_ROWS),
  };
}
