/**
 * The Gantt tab: the task columns on the left, one column per day on the right, and the bars drawn
 * by conditional-format rules over the day block, so that editing a start, an end, an owner or the
 * progress in the sheet redraws the bar without running anything. Rules grow with the team, never
 * with the tasks: one rule per team member plus a constant few.
 *
 * The task cells that come from the plan are live links to it (links.ts), so editing the plan redraws
 * the Gantt too; generating again keeps what people typed on the Gantt tab (edits.ts).
 *
 * Milestones (0-day tasks) are a ◆ that a rule cannot draw (a rule sets colours, not text), so the
 * day cells of a milestone row hold `=IF(L$4=$F9,"◆","")`: the ◆ follows an edited date too, and
 * only milestone rows carry formulas in the day block. Every other day cell is blank.
 */
import { isWeekend, toIso, weekday, ymdFromSerial, type DaySerial } from '../dates';
import { AppError, formatProblem, type Problem } from '../errors';
import { t, translator, type Lang, type MessageKey } from '../i18n';
import type { DayInfo } from '../cn-calendar/types';
import { fillFormulaValues } from '../formula';
import {
  a1,
  cellValue,
  columnLetter,
  isFormulaCell,
  range,
  type Cell,
  type CellValue,
  type ColumnSpec,
  type ConditionalFormatSpec,
  type FormatRun,
  type NoteSpec,
  type RangeRef,
  type StyleRun,
  type TabSpec,
} from '../tab/spec';
import { SHEETS_LIMITS } from '../tab/limits';
import { textWidth } from '../tab/row-heights';
import { markerOf } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { ownerDropdown } from '../team/tab';
import type { Person } from '../team/team';
import { applyGanttEdits, type GanttAnalysis } from './analyze';
import {
  COL,
  DATE_ROW,
  DAY_ROW,
  GANTT_FIRST_DAY_COLUMN,
  GANTT_HEADER_ROWS,
  GANTT_HIDDEN_COLUMNS,
  GANTT_TASK_COLUMNS,
  HIDDEN_COLUMN_FORMATS,
  HIDDEN_COLUMN_LABELS,
  MONTH_ROW,
  TASK_COLUMN_FORMATS,
  TASK_COLUMN_LABELS,
  TASK_COLUMN_WIDTHS,
  WEEKDAY_ROW,
  ganttTableKeys,
  type TaskColumn,
} from './columns';
import { computedPrint, readGanttEdits, type GanttEdits, type GanttRowCells } from './edits';
import { planLinks, type LinkedColumn, type PlanLinks } from './links';
import { STATUS_KEYS } from './plan';
import type { ScheduledTask } from './schedule';
import type { WorkingCalendar } from './working-days';

export interface GanttCalendar extends WorkingCalendar {
  dayInfo(serial: DaySerial, lang: Lang): DayInfo;
}

export const GANTT_COLORS = {
  done: '#5f6368',
  doneText: '#ffffff',
  unassigned: '#dadce0',
  today: '#fde293',
  weekend: '#f1f3f4',
  holiday: '#fce8e6',
  header: '#e8eaed',
  alert: '#d93025',
  hidden: '#ffffff',
} as const;

const DAY_COLUMN_WIDTH = 26;
const MARGIN_BEFORE = 2;
const MARGIN_AFTER = 3;
export const GANTT_MAX_DAYS = 366;
const MAX_WARNING_ROWS = 100;
const FROZEN_COLUMNS = COL.task + 1;
/** Hidden columns take the day columns' width: one run of widths with them (one call in Sheets). */
const HIDDEN_COLUMN_WIDTH = DAY_COLUMN_WIDTH;

export interface GanttTabInput {
  analysis: GanttAnalysis;
  team: Person[];
  lang: Lang;
  calendar: GanttCalendar;
  teamTabName: string;
  planTabName: string;
  /** "YYYY-MM-DD HH:MM" in the spreadsheet's time zone, for the first-cell note. */
  generatedAt: string;
  /** The plan tab's values as read: the task cells that come straight from the plan become live links to it. */
  planGrid?: CellValue[][];
  /** The Gantt tab's values as read, when it exists: what people typed on it is kept. */
  existing?: CellValue[][];
  /** That tab's name, for messages. */
  existingTab?: string;
}

/** A Gantt tab, the edits typed on the previous one that it keeps, and the analysis with those edits applied. */
export interface GanttTab {
  spec: TabSpec;
  edits: GanttEdits;
  /** What the tab shows: the plan's schedule with the kept edits (owners, dates, progress…) applied. */
  analysis: GanttAnalysis;
  /**
   * The tab as a table whose rows continue the existing tab's: its column keys (ganttTableKeys), and for
   * each data row (the tasks, then the kept rows' title and the kept rows) the row of the existing tab
   * it continues, or null. The header rows above and the workload block below (led by the blank row
   * under the tasks) are the add-on's blocks (spec.blocks).
   */
  table: { keys: string[]; sources: Array<number | null> };
}

/**
 * The first and last day columns: two days before the first start to three days after the last end.
 * Both dates of every task count, since a date typed on the Gantt tab may put a start after its end.
 */
export function ganttDayRange(tasks: ScheduledTask[]): { first: DaySerial; last: DaySerial } {
  let start = Infinity;
  let end = -Infinity;
  for (const task of tasks) {
    start = Math.min(start, task.start, task.end);
    end = Math.max(end, task.start, task.end);
  }
  return { first: start - MARGIN_BEFORE, last: end + MARGIN_AFTER };
}

export function ganttTabName(planTabName: string, lang: Lang): string {
  const defaultPlanNames = [t('zh-CN', 'gantt.tabName.plan'), t('en', 'gantt.tabName.plan')];
  return defaultPlanNames.includes(planTabName) ? t(lang, 'gantt.tabName.gantt') : t(lang, 'gantt.tabName.ganttOf', { plan: planTabName });
}

function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The colour of a bar's done part for an owner's colour: the colour taken 45% of the way to the done
 * grey's darkness (#3c4043), dark enough for the white ◆ and for "done" to read at a glance, with the
 * owner's hue kept. Bars of no one on the team take GANTT_COLORS.done.
 */
export function doneColorOf(color: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) return GANTT_COLORS.done;
  const dark = [0x3c, 0x40, 0x43];
  const channels = [0, 2, 4].map((at, i) => {
    const value = parseInt(match[1].slice(at, at + 2), 16);
    return Math.round(value + (dark[i] - value) * 0.45);
  });
  return `#${channels.map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

/** The weekday row's marks that shade a day column: weekend days, and legal holidays (休). */
export interface DayShading {
  weekend: string[];
  holiday: string;
}

/**
 * The conditional-format rules, in priority order (first match wins), for `taskCount` task rows and
 * `dayCount` day columns. Weekends and holidays shade the task rows by rule too, from the mark of the
 * weekday row (六, 日, 休; not 班), under the bars and today's column: the task rows' day cells carry no
 * style of their own, which spares a regeneration two writes in Sheets.
 */
export function ganttRules(team: Person[], taskCount: number, dayCount: number, shading?: DayShading): ConditionalFormatSpec[] {
  const top = GANTT_HEADER_ROWS;
  const r = top + 1; // the 1-based row of the first task, for relative references
  const dayBlock = range(top, GANTT_FIRST_DAY_COLUMN, taskCount, dayCount);
  const date = a1(DATE_ROW, GANTT_FIRST_DAY_COLUMN, true, false); // L$4
  const cell = (column: TaskColumn): string => `$${columnLetter(COL[column])}${r}`;
  const [owner, start, end, progress] = [cell('owner'), cell('start'), cell('end'), cell('progress')];
  const inBar = `${date}>=${start},${date}<=${end}`;
  const share = `IF(${progress}>1,${progress}/100,${progress})`;
  const donePart = `${inBar},${date}<${start}+ROUND(${share}*(${end}-${start}+1),0)`;
  return [
    // The done part keeps its owner's hue, darkened, so a finished bar still says whose it was.
    ...team.map((person) => ({
      ranges: [dayBlock],
      formula: `=AND(${donePart},${owner}=${formulaText(person.name)})`,
      style: { background: doneColorOf(person.color), fontColor: GANTT_COLORS.doneText },
    })),
    { ranges: [dayBlock], formula: `=AND(${donePart})`, style: { background: GANTT_COLORS.done, fontColor: GANTT_COLORS.doneText } },
    ...team.map((person) => ({
      ranges: [dayBlock],
      formula: `=AND(${inBar},${owner}=${formulaText(person.name)})`,
      style: { background: person.color },
    })),
    { ranges: [dayBlock], formula: `=AND(${inBar})`, style: { background: GANTT_COLORS.unassigned } },
    {
      ranges: [range(0, GANTT_FIRST_DAY_COLUMN, WEEKDAY_ROW + 1, dayCount), dayBlock],
      formula: `=${date}=TODAY()`,
      style: { background: GANTT_COLORS.today, bold: true },
    },
    {
      ranges: [range(top, COL.task, taskCount, 1)],
      formula: `=AND(ISNUMBER(${end}),${end}<TODAY(),${share}<1)`,
      style: { fontColor: GANTT_COLORS.alert, bold: true },
    },
    ...(shading ? shadingRules(dayBlock, shading) : []),
  ];
}

function shadingRules(dayBlock: RangeRef, shading: DayShading): ConditionalFormatSpec[] {
  const mark = a1(WEEKDAY_ROW, GANTT_FIRST_DAY_COLUMN, true, false); // L$3
  const weekend = shading.weekend.map((label) => `${mark}=${formulaText(label)}`);
  return [
    { ranges: [dayBlock], formula: `=${mark}=${formulaText(shading.holiday)}`, style: { background: GANTT_COLORS.holiday } },
    { ranges: [dayBlock], formula: weekend.length === 1 ? `=${weekend[0]}` : `=OR(${weekend.join(',')})`, style: { background: GANTT_COLORS.weekend } },
  ];
}

/** Refuses, before anything is built, a plan too long or too large for one tab. */
function preflight(first: DaySerial, last: DaySerial, rowCount: number): void {
  const columns = GANTT_FIRST_DAY_COLUMN + (last - first + 1) + GANTT_HIDDEN_COLUMNS.length;
  if (columns > SHEETS_LIMITS.columns) throw new AppError({ code: 'error.tooManyColumns', params: { columns, limit: SHEETS_LIMITS.columns } });
  const planStart = first + MARGIN_BEFORE;
  const planEnd = last - MARGIN_AFTER;
  const days = planEnd - planStart + 1;
  if (days > GANTT_MAX_DAYS) {
    throw new AppError({ code: 'gantt.error.tooLong', params: { start: toIso(planStart), end: toIso(planEnd), days, limit: GANTT_MAX_DAYS } });
  }
  const cells = columns * rowCount;
  if (cells > SHEETS_LIMITS.cells) throw new AppError({ code: 'error.tooLarge', params: { cells, limit: SHEETS_LIMITS.cells } });
}

export function buildGanttTab(input: GanttTabInput): TabSpec {
  return generateGanttTab(input).spec;
}

export function generateGanttTab(input: GanttTabInput): GanttTab {
  const { team, lang, calendar, teamTabName, planTabName, generatedAt } = input;
  if (input.analysis.errors.length) throw new AppError(input.analysis.errors);
  if (input.analysis.tasks.length === 0) throw new AppError({ code: 'error.emptyInput', location: { tab: planTabName } });
  const tr = translator(lang);
  const planned = input.analysis.tasks;
  const participantsJoin = lang === 'zh-CN' ? '、' : ', ';

  // Each task's cells as the plan gives them (a live link where there can be one), then what was typed on the Gantt tab.
  const computed = (task: ScheduledTask, column: TaskColumn): Cell => {
    switch (column) {
      case 'id':
        return task.id;
      case 'phase':
        return task.phase;
      case 'task':
        return task.name;
      case 'owner':
        return task.owner;
      case 'participants':
        return task.participants.join(participantsJoin);
      case 'start':
        return task.start;
      case 'end':
        return task.end;
      case 'days':
        return task.days;
      case 'progress':
        return task.progress;
      case 'status':
        return task.status;
      case 'predecessors':
        return task.predecessorRefs.join('; ');
    }
  };
  const links: PlanLinks = input.planGrid
    ? planLinks(planTabName, input.planGrid, planned, (task, column) => cellValue(computed(task, column)))
    : { byId: false, tasks: planned.map(() => ({})) };
  const planCell = (i: number, column: TaskColumn): Cell => links.tasks[i][column as LinkedColumn] ?? computed(planned[i], column);
  const edits = readGanttEdits({
    existing: input.existing ?? [],
    tasks: planned,
    byId: links.byId,
    planValue: (i, column) => cellValue(planCell(i, column)),
    tab: input.existingTab,
  });
  const analysis = applyGanttEdits(input.analysis, edits.overrides, { team, calendar });
  const tasks = analysis.tasks;

  // The days cover the bars as the tab shows them; a typed date so far off that they could not is left outside.
  let { first, last } = ganttDayRange(tasks);
  if (last - first + 1 - MARGIN_BEFORE - MARGIN_AFTER > GANTT_MAX_DAYS) ({ first, last } = ganttDayRange(planned));
  const dayCount = last - first + 1;
  const hiddenCol = GANTT_FIRST_DAY_COLUMN + dayCount;
  const keptBlock = edits.keptRows.length ? 1 + edits.keptRows.length : 0;
  // Rows added by hand stay after the task they followed; with the tasks they make the table's rows.
  const following = new Map<number | null, GanttEdits['handRows']>();
  for (const hand of edits.handRows) following.set(hand.after, [...(following.get(hand.after) ?? []), hand]);
  const order: Array<{ task: number } | { hand: GanttEdits['handRows'][number] }> = (following.get(null) ?? []).map((hand) => ({ hand }));
  planned.forEach((_, i) => order.push({ task: i }, ...(following.get(i) ?? []).map((hand) => ({ hand }))));
  const tableRows = order.length;
  const countsDay = analysis.workingDays ? (day: DaySerial) => calendar.isWorkingDay(day) : () => true;
  const layout = footerLayout({
    analysis,
    team,
    lang,
    firstRow: GANTT_HEADER_ROWS + tableRows + keptBlock + 1,
    tableRow: GANTT_HEADER_ROWS,
    tableRows,
    first,
    dayCount,
    countsDay,
    hiddenCol,
  });
  const footer = layout.build();
  preflight(first, last, footer.firstRow + footer.rows.length);
  const keyCol = hiddenCol + GANTT_HIDDEN_COLUMNS.indexOf('listKey');
  const listKey = (): Cell => ({ formula: listKeyFormula(rows.length, GANTT_HEADER_ROWS, layout), value: '' });

  const rows: Cell[][] = [];
  const styles: StyleRun[] = [];
  const formats: FormatRun[] = [];
  const notes: NoteSpec[] = [];
  const dayCol = (day: DaySerial): number => GANTT_FIRST_DAY_COLUMN + (day - first);
  const taskRows = range(GANTT_HEADER_ROWS, 0, tableRows, 1);

  // Header rows: title, then month / day / weekday over the day columns, task headers beside the date row.
  for (let r = 0; r < GANTT_HEADER_ROWS; r++) rows.push([]);
  rows[0][0] = tr('gantt.title', { plan: planTabName });
  GANTT_TASK_COLUMNS.forEach((column, c) => (rows[DATE_ROW][c] = tr(TASK_COLUMN_LABELS[column])));
  GANTT_HIDDEN_COLUMNS.forEach((column, c) => (rows[DATE_ROW][hiddenCol + c] = tr(HIDDEN_COLUMN_LABELS[column])));
  let yearShown = false;
  for (const span of monthSpans(first, last)) {
    const label = monthLabel(span, !yearShown, tr);
    if (label === null) continue;
    rows[MONTH_ROW][dayCol(span.first)] = label.text;
    yearShown ||= label.withYear;
  }
  for (let day = first; day <= last; day++) {
    const col = dayCol(day);
    const dayOfMonth = ymdFromSerial(day).day;
    rows[DAY_ROW][col] = dayOfMonth;
    rows[DATE_ROW][col] = day;
    const info = calendar.dayInfo(day, lang);
    rows[WEEKDAY_ROW][col] = info.makeUpWorkday
      ? tr('gantt.mark.makeUpWorkday')
      : info.holiday
        ? tr('gantt.mark.holiday')
        : tr(`gantt.weekday.${weekday(day)}` as MessageKey);
    // The header's shade; the task rows take it from a rule (ganttRules).
    if (info.holiday || (isWeekend(day) && !info.makeUpWorkday)) {
      styles.push({ range: range(0, col, WEEKDAY_ROW + 1, 1), style: { background: info.holiday ? GANTT_COLORS.holiday : GANTT_COLORS.weekend } });
    }
    if (info.makeUpWorkday) styles.push({ range: range(WEEKDAY_ROW, col, 1, 1), style: { fontColor: GANTT_COLORS.alert, bold: true } });
    if (info.holidayName) {
      const key: MessageKey = info.holiday ? 'gantt.note.holiday' : 'gantt.note.makeUpWorkday';
      notes.push({ row: WEEKDAY_ROW, col, text: tr(key, { name: info.holidayName }) });
    }
  }

  // Task rows: typed edits kept as values, else the plan's cells; milestone rows carry the ◆ formula in
  // every day cell; the hidden columns record what this run wrote, for the next one.
  order.forEach((entry) => {
    if ('hand' in entry) {
      const values = keptRowValues(entry.hand.cells, hiddenCol);
      values[keyCol] = listKey();
      rows.push(values);
      return;
    }
    const i = entry.task;
    const task = planned[i];
    const values: Cell[] = GANTT_TASK_COLUMNS.map((column) => {
      const typed = edits.overrides[i][column as LinkedColumn];
      return typed !== undefined ? typed : planCell(i, column);
    });
    if (tasks[i].milestone) {
      const startRef = `$${columnLetter(COL.start)}${rows.length + 1}`;
      for (let day = first; day <= last; day++) {
        const dateRef = a1(DATE_ROW, dayCol(day), true, false);
        values[dayCol(day)] = { formula: `=IF(${dateRef}=${startRef},"◆","")`, value: null };
      }
    }
    values[hiddenCol] = links.byId ? task.id : '';
    values[hiddenCol + 1] = task.name;
    values[hiddenCol + 2] = task.start;
    values[hiddenCol + 3] = task.end;
    values[hiddenCol + 4] = computedPrint(values);
    values[keyCol] = listKey();
    rows.push(values);
  });

  // Rows of tasks gone from the plan that hold typed edits: as they were, below a title, without bars.
  if (keptBlock) {
    styles.push({ range: range(rows.length, 0, 1, FROZEN_COLUMNS), style: { bold: true, fontColor: GANTT_COLORS.alert } });
    notes.push({ row: rows.length, col: 0, text: tr('gantt.note.notInPlan') });
    rows.push([tr('gantt.block.notInPlan')]);
    for (const kept of edits.keptRows) rows.push(keptRowValues(kept, hiddenCol));
    styles.push({ range: range(rows.length - edits.keptRows.length, 0, edits.keptRows.length, GANTT_FIRST_DAY_COLUMN), style: { italic: true } });
  }
  const bookkept = range(GANTT_HEADER_ROWS, 0, tableRows + keptBlock, 1);
  for (const column of GANTT_TASK_COLUMNS) formats.push({ range: { ...bookkept, col: COL[column] }, format: TASK_COLUMN_FORMATS[column] });
  GANTT_HIDDEN_COLUMNS.forEach((column, c) => formats.push({ range: { ...bookkept, col: hiddenCol + c }, format: HIDDEN_COLUMN_FORMATS[column] }));

  // The blank row under the tasks leads the workload block, so that the tasks' rectangle and the
  // block's touch and are written as one (a call per matrix, not two). It is the add-on's only while
  // it is blank (core/tab/layers.ts): a task typed there is a row added by hand, and a cell of a
  // person's that would land on it keeps its place, the block then starting below it.
  rows.push([]);
  rows.push(...footer.rows);
  styles.push(...footer.styles);
  formats.push(...footer.formats);

  formats.push({ range: range(DATE_ROW, GANTT_FIRST_DAY_COLUMN, 1, dayCount), format: 'date' });
  styles.push(
    { range: range(0, 0, 1, 1), style: { bold: true, fontSize: 12 } },
    { range: range(DATE_ROW, 0, 1, GANTT_FIRST_DAY_COLUMN), style: { bold: true, background: GANTT_COLORS.header } },
    { range: range(0, GANTT_FIRST_DAY_COLUMN, WEEKDAY_ROW + 1, dayCount), style: { hAlign: 'center', fontSize: 9 } },
    { range: range(MONTH_ROW, GANTT_FIRST_DAY_COLUMN, 1, dayCount), style: { bold: true, hAlign: 'left' } },
    // The serials the rules compare against stay in the sheet but out of sight.
    { range: range(DATE_ROW, GANTT_FIRST_DAY_COLUMN, 1, dayCount), style: { fontColor: GANTT_COLORS.hidden, fontSize: 6 } },
  );

  const what = tr('gantt.note.what', {
    plan: planTabName,
    count: tasks.length,
    rule: tr(analysis.workingDays ? 'gantt.rule.working' : 'gantt.rule.calendar'),
  });
  notes.unshift(
    { row: 0, col: 0, text: tr('tab.note.generated', { what, time: generatedAt }) },
    { row: DATE_ROW, col: GANTT_FIRST_DAY_COLUMN, text: tr('gantt.note.dateRow') },
  );

  const columns: ColumnSpec[] = [
    ...GANTT_TASK_COLUMNS.map((key) => ({ key, width: TASK_COLUMN_WIDTHS[key] })),
    ...Array.from({ length: dayCount }, (_, i) => ({ key: toIso(first + i), width: DAY_COLUMN_WIDTH })),
    ...GANTT_HIDDEN_COLUMNS.map((key) => ({ key, width: HIDDEN_COLUMN_WIDTH, hidden: true })),
  ];
  const width = hiddenCol + GANTT_HIDDEN_COLUMNS.length;
  const spec: TabSpec = {
    name: ganttTabName(planTabName, lang),
    marker: markerOf('gantt', { plan: planTabName }),
    columns,
    rows,
    headerRows: GANTT_HEADER_ROWS,
    frozenRows: GANTT_HEADER_ROWS,
    frozenColumns: FROZEN_COLUMNS,
    formats,
    styles,
    notes,
    validations: [
      { range: { ...taskRows, col: COL.owner }, rule: ownerDropdown(teamTabName) },
      { range: { ...taskRows, col: COL.status }, rule: { type: 'list', values: STATUS_KEYS.map((key) => tr(key)), strict: false } },
    ],
    conditionalFormats: [...ganttRules(team, tableRows, dayCount, dayShading(tr)), ...footer.conditionalFormats],
    blocks: [range(0, 0, DATE_ROW, width), range(footer.firstRow - 1, 0, footer.rows.length + 1, width)],
    // Every page starts with the month, day and weekday rows its bars are read by.
    print: printSetupFor('gantt', GANTT_HEADER_ROWS),
  };
  cacheComputedValues(spec, footer.firstRow);
  const sources = [...order.map((entry) => ('hand' in entry ? entry.hand.row : edits.taskRows[entry.task])), ...(keptBlock ? [null, ...edits.keptRowsAt] : [])];
  return { spec, edits, analysis, table: { keys: ganttTableKeys(dayCount), sources } };
}

/** The weekday row's marks of the days the rules shade. */
function dayShading(tr: ReturnType<typeof translator>): DayShading {
  return { weekend: [tr('gantt.weekday.6'), tr('gantt.weekday.0')], holiday: tr('gantt.mark.holiday') };
}

/** The days of one month that the day columns show. */
interface MonthSpan {
  year: number;
  month: number;
  first: DaySerial;
  days: number;
}

function monthSpans(first: DaySerial, last: DaySerial): MonthSpan[] {
  const spans: MonthSpan[] = [];
  for (let day = first; day <= last; day++) {
    const { year, month, day: dayOfMonth } = ymdFromSerial(day);
    if (day === first || dayOfMonth === 1) spans.push({ year, month, first: day, days: 0 });
    spans[spans.length - 1].days++;
  }
  return spans;
}

/** The month row's font size and weight (the header's 9 pt, bold), which the labels are measured in. */
const MONTH_LABEL_FONT_SIZE = 9;
const MONTH_LABEL_PADDING = 6;
const POINTS_PER_PIXEL = 0.75;

/**
 * The label over a month's day columns, in the month's first day cell, unmerged (a merge is a call
 * per month in Sheets): left-aligned, it spills over the month's empty day cells as unwrapped text
 * does, and being no wider than they are it never runs into the next month's: with its year on the first month labelled and on January ("2026年12月"), else the month
 * alone ("12月"), or none over a month of a day or two at the edge of the chart.
 */
function monthLabel(span: MonthSpan, firstLabel: boolean, tr: ReturnType<typeof translator>): { text: string; withYear: boolean } | null {
  const room = span.days * DAY_COLUMN_WIDTH * POINTS_PER_PIXEL - MONTH_LABEL_PADDING;
  const fits = (text: string): boolean => textWidth(text, MONTH_LABEL_FONT_SIZE) * BOLD_WIDTH <= room;
  const short = tr(`gantt.monthShort.${span.month}` as MessageKey);
  const long = tr('gantt.month', { year: span.year, monthShort: short });
  if ((firstLabel || span.month === 1) && fits(long)) return { text: long, withYear: true };
  return fits(short) ? { text: short, withYear: false } : null;
}

/** Bold glyphs are a little wider than regular ones. */
const BOLD_WIDTH = 1.1;

/** A kept row as it was read, its name from the hidden column when its lookup came back blank. */
function keptRowValues(kept: GanttRowCells, hiddenCol: number): Cell[] {
  const values: Cell[] = GANTT_TASK_COLUMNS.map((column) => kept[column] ?? null);
  if (values[COL.task] === null || values[COL.task] === '') values[COL.task] = kept.planName ?? null;
  GANTT_HIDDEN_COLUMNS.forEach((column, c) => (values[hiddenCol + c] = column === 'listKey' ? null : (kept[column] ?? null)));
  return values;
}

/**
 * The values of the tab's own formulas (the ◆ of milestones, the list keys, the workload and the
 * lists), computed by the formula engine over the tab as written, for the preview, the .xlsx cache and
 * the tests; the cells linked to the plan keep the value the core read from it (the engine would need
 * the plan tab to compute them, and they are what it holds).
 */
function cacheComputedValues(spec: TabSpec, footerRow: number): void {
  const rows = spec.rows.map((row, r) => row.map((cell, c) => (r < footerRow && c < GANTT_FIRST_DAY_COLUMN && isFormulaCell(cell) ? cellValue(cell) : cell)));
  fillFormulaValues([{ ...spec, rows }], 0);
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const computed = rows[r][c];
      if (isFormulaCell(cell) && isFormulaCell(computed)) row[c] = { formula: cell.formula, value: computed.value };
    }),
  );
}

interface Footer {
  firstRow: number;
  rows: Cell[][];
  styles: StyleRun[];
  formats: FormatRun[];
  conditionalFormats: ConditionalFormatSpec[];
}

/** Where the footer's live formulas find the task rows and the day columns. */
interface FooterInput {
  analysis: GanttAnalysis;
  team: Person[];
  lang: Lang;
  firstRow: number;
  /** 0-based row of the first task row, and how many table rows (tasks and rows added by hand) follow. */
  tableRow: number;
  tableRows: number;
  /** The day columns: the first one's date and column, and whether a day counts towards the workload. */
  first: DaySerial;
  dayCount: number;
  countsDay: (day: DaySerial) => boolean;
  hiddenCol: number;
}

/** The footer's formulas, placed before the task rows are written: the task rows' list key reads the owners' labels. */
interface FooterLayout {
  /** 1-based rows of the owners' workload lines (team members, then other owners), as a range, or null with none. */
  ownerLabels: string | null;
  owners: number;
  build(): Footer;
}

/** List keys: owner index × LIST_KEY_STRIDE + the row's place among the task rows (a header line has place 0). */
const LIST_KEY_STRIDE = 100000;

/**
 * The formula of a row's hidden list key: its owner's place in the workload block (team members, then
 * the other owners the plan had, then owners typed since, then no owner), then its place among the
 * rows, so that the k-th smallest key is the k-th line of the per-owner task lists. Blank on a blank row.
 */
function listKeyFormula(row: number, tableRow: number, layout: Pick<FooterLayout, 'ownerLabels' | 'owners'>): string {
  const r = row + 1;
  const task = `$${columnLetter(COL.task)}${r}`;
  const owner = `$${columnLetter(COL.owner)}${r}`;
  const other = layout.owners + 1;
  const index = layout.ownerLabels ? `IFERROR(MATCH(${owner},${layout.ownerLabels},0),${other})` : String(other);
  return `=IF(AND(${task}="",${owner}=""),"",IF(${owner}="",${other + 1},${index})*${LIST_KEY_STRIDE}+${row - tableRow + 1})`;
}

/** A message with two parameters as a formula joining its text around two expressions. */
function messageFormula(template: string, parts: Record<string, string>): string {
  const pieces: string[] = [];
  let text = '';
  for (const char of template) {
    if (parts[char] === undefined) {
      text += char;
      continue;
    }
    if (text) pieces.push(formulaText(text));
    pieces.push(parts[char]);
    text = '';
  }
  if (text) pieces.push(formulaText(text));
  return pieces.join('&');
}

/**
 * Below the tasks: the legend with each owner's workload, then each owner's task list, then the
 * warnings. The workload and the lists are formulas over the task rows, so an owner or a date edited
 * on the tab or in the plan updates them as it redraws the bars (only functions LibreOffice 7.4 and
 * Excel compute as ordinary formulas: COUNTIF(S), SUMPRODUCT, SMALL, MATCH, INDEX):
 * - per owner, the task count (COUNTIF on the owner column) and, under each day column that counts,
 *   the owner's tasks that day (COUNTIFS on owner, start ≤ day ≤ end); busy and overloaded days count
 *   those cells, and a rule marks the overloaded ones;
 * - the lists: each row has a hidden key (listKeyFormula), each owner's workload line a header key
 *   when the owner has tasks; list line k shows the row holding the k-th smallest key (SMALL, then
 *   MATCH for its place, kept in a hidden cell of the line), as a header or as the task's cells.
 * Their values here are left to the formula engine (generateGanttTab). Text sits in the left columns;
 * the warnings start in the first scrolling column so long lines can overflow to the right.
 */
function footerLayout(input: FooterInput): FooterLayout {
  const { analysis, team, lang, firstRow, tableRow, tableRows, first, dayCount, countsDay, hiddenCol } = input;
  const { workload } = analysis;
  const others = workload.owners.filter((load) => !load.inTeam).map((load) => load.owner);
  const ownerNames = [...team.map((person) => person.name), ...others];
  const ownersRow = firstRow + 2;
  const owners = ownerNames.length;
  const ownerLabels = owners ? `$B$${ownersRow + 1}:$B$${ownersRow + owners}` : null;

  const build = (): Footer => {
    const tr = translator(lang);
    const rows: Cell[][] = [];
    const styles: StyleRun[] = [];
    const formats: FormatRun[] = [];
    const conditionalFormats: ConditionalFormatSpec[] = [];
    const here = (): number => firstRow + rows.length;
    const swatch = (color: string): void => void styles.push({ range: range(here(), 0, 1, 1), style: { background: color } });
    const title = (key: MessageKey): void => {
      styles.push({ range: range(here(), 0, 1, 1), style: { bold: true, fontSize: 11 } });
      rows.push([tr(key)]);
    };
    const keyCol = hiddenCol + GANTT_HIDDEN_COLUMNS.indexOf('listKey');
    const column = (col: number, top: number, bottom: number): string => `$${columnLetter(col)}$${top + 1}:$${columnLetter(col)}$${bottom + 1}`;
    const lastTask = tableRow + tableRows - 1;
    const tasksOf = (col: number): string => column(col, tableRow, lastTask);
    const [ownerCells, startCells, endCells, taskCells] = [tasksOf(COL.owner), tasksOf(COL.start), tasksOf(COL.end), tasksOf(COL.task)];
    const dayColumn = (i: number): string => columnLetter(GANTT_FIRST_DAY_COLUMN + i);
    const threshold = workload.threshold;

    title('gantt.block.workload');
    styles.push({ range: range(here(), 0, 1, 6), style: { bold: true, background: GANTT_COLORS.header } });
    rows.push([
      tr('gantt.block.color'),
      tr('gantt.block.owner'),
      tr('gantt.block.tasks'),
      tr('gantt.block.busyDays'),
      tr('gantt.block.overloadedDays', { threshold }),
      tr('gantt.block.overloadedDates'),
    ]);
    ownerNames.forEach((name, i) => {
      const row = here();
      const r = row + 1;
      const label = `$B${r}`;
      const line: Cell[] = ['', name, { formula: `=COUNTIF(${ownerCells},"="&${label})`, value: 0 }];
      const days = `${dayColumn(0)}${r}:${dayColumn(dayCount - 1)}${r}`;
      line[3] = { formula: `=COUNT(${days})`, value: 0 };
      line[4] = { formula: `=COUNTIF(${days},">${threshold}")`, value: 0 };
      for (let d = 0; d < dayCount; d++) {
        if (!countsDay(first + d)) continue;
        const date = a1(DATE_ROW, GANTT_FIRST_DAY_COLUMN + d, true, false);
        const count = `COUNTIFS(${ownerCells},"="&${label},${startCells},"<="&${date},${endCells},">="&${date})`;
        line[GANTT_FIRST_DAY_COLUMN + d] = { formula: `=IF(${count}=0,"",${count})`, value: '' };
      }
      line[keyCol] = { formula: `=IF($C${r}>0,${i + 1}*${LIST_KEY_STRIDE},"")`, value: '' };
      swatch(i < team.length ? team[i].color : GANTT_COLORS.unassigned);
      rows.push(line);
    });
    if (owners) {
      const block = range(ownersRow, GANTT_FIRST_DAY_COLUMN, owners, dayCount);
      const cell = a1(ownersRow, GANTT_FIRST_DAY_COLUMN, false, false);
      styles.push({ range: block, style: { hAlign: 'center', fontSize: 9 } });
      formats.push({ range: block, format: 'integer' });
      conditionalFormats.push({
        ranges: [block],
        formula: `=AND(ISNUMBER(${cell}),${cell}>${threshold})`,
        style: { background: GANTT_COLORS.holiday, fontColor: GANTT_COLORS.alert, bold: true },
      });
    }
    // Rows with a task and no owner (a row with neither is blank).
    const noOwnerRow = here();
    swatch(GANTT_COLORS.unassigned);
    const noOwner: Cell[] = ['', tr('gantt.noOwner'), { formula: `=SUMPRODUCT((${taskCells}<>"")*(${ownerCells}=""))`, value: 0 }];
    noOwner[keyCol] = { formula: `=IF($C${noOwnerRow + 1}>0,${owners + 2}*${LIST_KEY_STRIDE},"")`, value: '' };
    rows.push(noOwner);
    formats.push({ range: range(ownersRow, 2, owners + 1, 3), format: 'integer' });
    const legendRow = (color: string, label: string): void => {
      swatch(color);
      rows.push(['', label]);
    };
    legendRow(GANTT_COLORS.unassigned, tr('gantt.legend.unknownOwner'));
    legendRow(GANTT_COLORS.done, tr('gantt.legend.done'));
    legendRow(GANTT_COLORS.today, tr('gantt.legend.today'));
    legendRow(GANTT_COLORS.weekend, tr('gantt.legend.nonWorking'));
    rows.push(['◆', tr('gantt.legend.milestone')]);
    rows.push([]);

    // The lists: one line per row that can be listed and per header, blank below the last.
    title('gantt.block.myTasks');
    const listStart = here();
    const lines = tableRows + owners + 1;
    const keys = column(keyCol, tableRow, noOwnerRow);
    const source = (col: number): string => column(col, tableRow, noOwnerRow);
    const [before, mid] = ['\u0000', '\u0001'];
    const header = tr('gantt.block.ownerTasks', { owner: before, count: mid });
    const placeCol = hiddenCol + GANTT_HIDDEN_COLUMNS.indexOf('planId');
    const headerOwnerCol = hiddenCol + GANTT_HIDDEN_COLUMNS.indexOf('planName');
    const lastTaskPlace = tableRows;
    for (let k = 1; k <= lines; k++) {
      const r = here() + 1;
      const place = `$${columnLetter(placeCol)}${r}`;
      const pick = (col: number): string => `INDEX(${source(col)},${place})`;
      const shown = (formula: string): Cell => ({ formula: `=IF(${place}="","",${formula})`, value: '' });
      const line: Cell[] = [];
      for (const key of GANTT_TASK_COLUMNS) {
        if (key === 'predecessors') continue;
        const col = COL[key];
        const numeric = TASK_COLUMN_FORMATS[key] !== 'text';
        const task = numeric ? `IF(${pick(col)}="","",${pick(col)})` : `${pick(col)}&""`;
        const headerText = key === 'phase' ? messageFormula(header, { [before]: pick(COL.phase), [mid]: pick(COL.task) }) : '""';
        line[col] = shown(`IF(${place}>${lastTaskPlace},${headerText},${task})`);
      }
      line[placeCol] = { formula: `=IFERROR(MATCH(SMALL(${keys},${k}),${keys},0),"")`, value: '' };
      line[headerOwnerCol] = shown(`IF(${place}>${lastTaskPlace},${pick(COL.phase)},"")`);
      rows.push(line);
    }
    const list = range(listStart, 0, lines, 1);
    const headerOwner = a1(listStart, headerOwnerCol, false, true);
    // A header line: bold, with its owner's colour in the first column (grey for no one on the team).
    conditionalFormats.push(
      ...team.map((person) => ({ ranges: [list], formula: `=${headerOwner}=${formulaText(person.name)}`, style: { background: person.color } })),
      { ranges: [list], formula: `=${headerOwner}<>""`, style: { background: GANTT_COLORS.unassigned } },
      { ranges: [range(listStart, COL.phase, lines, 2)], formula: `=${headerOwner}<>""`, style: { bold: true } },
    );
    for (const key of GANTT_TASK_COLUMNS) {
      if (key !== 'predecessors') formats.push({ range: range(listStart, COL[key], lines, 1), format: TASK_COLUMN_FORMATS[key] });
    }
    rows.push([]);

    title('gantt.block.warnings');
    const warningCol = FROZEN_COLUMNS;
    const warningRow = (text: string): void => {
      const row: Cell[] = [];
      row[warningCol] = text;
      rows.push(row);
    };
    for (const problem of analysis.warnings.slice(0, MAX_WARNING_ROWS)) warningRow(formatProblem(problem, tr));
    if (analysis.warnings.length > MAX_WARNING_ROWS) warningRow(tr('gantt.warning.more', { count: analysis.warnings.length - MAX_WARNING_ROWS }));
    if (analysis.warnings.length === 0) warningRow(tr('gantt.block.noWarnings'));
    return { firstRow, rows, styles, formats, conditionalFormats };
  };
  return { ownerLabels, owners, build };
}

/** The CLI's `--json` output. */
export interface GanttJson {
  tasks: Array<{
    name: string;
    owner: string;
    participants: string[];
    start: string;
    end: string;
    days: number;
    progress: number;
    dependsOn: string[];
  }>;
  workload: Record<string, { tasks: number; busyDays: number; overloadedDays: string[] }>;
  warnings: string[];
  errors: string[];
}

/**
 * The analysis as the CLI prints it: dates as YYYY-MM-DD, progress as a share (0.6 for 60%),
 * predecessors by name, warnings and errors as sentences in `lang` with their row.
 */
export function ganttToJson(analysis: GanttAnalysis, lang: Lang): GanttJson {
  const tr = translator(lang);
  const sentence = (problem: Problem): string => formatProblem(problem, tr);
  const workload: GanttJson['workload'] = {};
  for (const load of analysis.workload.owners) {
    workload[load.owner] = { tasks: load.taskIndexes.length, busyDays: load.busyDays, overloadedDays: load.overloadedDays.map(toIso) };
  }
  return {
    tasks: analysis.tasks.map((task) => ({
      name: task.name,
      owner: task.owner,
      participants: task.participants,
      start: toIso(task.start),
      end: toIso(task.end),
      days: task.days,
      progress: task.progress,
      dependsOn: task.predecessors.map((p) => analysis.tasks[p].name),
    })),
    workload,
    warnings: analysis.warnings.map(sentence),
    errors: analysis.errors.map(sentence),
  };
}
