/**
 * The push plan (推进表): reading a plan grid pasted or typed by the user, and the empty plan tab the
 * sidebar creates. A plan is read whole: every problem is collected, then thrown in one AppError, so
 * the user fixes them all at once and nothing is written from a half-read plan.
 */
import { parseDate, toHalfWidth, toIso, type DaySerial } from '../dates';
import { AppError, type Problem } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import { markerKeyOf, markerOf, type TabMarker } from '../tab/marker';
import { printSetupFor } from '../tab/print';
import { range, type CellValue, type TabSpec } from '../tab/spec';
import { ownerDropdown } from '../team/tab';
import { splitKnownList, splitList } from '../text/split-list';
import { cellText, columnDropdowns, findHeader, headerCells, problemAt, readCell, tableRows, type CellReading, type TableSchema } from '../table/schema';

export interface PlanTask {
  /** 1-based row on the plan tab, for messages. */
  row: number;
  /** From the ID column, else the task's position (1, 2, 3 …). */
  id: string;
  phase: string;
  name: string;
  requirement: string;
  participants: string[];
  owner: string;
  start: DaySerial | null;
  end: DaySerial | null;
  /** Days as typed (calendar or working days, per the setting); 0 = milestone; null when blank. */
  duration: number | null;
  /** Predecessors as typed (names or IDs, each whole even when it holds a separator), for display. */
  predecessorRefs: string[];
  /** Predecessors as indexes into the task list. */
  predecessors: number[];
  /** 0..1. */
  progress: number;
  status: string;
}

export interface Plan {
  tab?: string;
  tasks: PlanTask[];
}

export const PLAN_FIELDS = [
  'id',
  'phase',
  'name',
  'requirement',
  'participants',
  'owner',
  'start',
  'end',
  'duration',
  'predecessors',
  'progress',
  'status',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

function readDate(cell: CellValue): CellReading<DaySerial | null> {
  if (cellText(cell) === '') return { value: null };
  const serial = parseDate(cell);
  return serial === null ? { problem: 'gantt.error.badDate', params: { value: cellText(cell) } } : { value: serial };
}

export const STATUS_KEYS: MessageKey[] = ['gantt.status.notStarted', 'gantt.status.inProgress', 'gantt.status.done', 'gantt.status.delayed'];

/**
 * The push plan's table, declared once: the plan tab the sidebar creates is written from it, and plans
 * typed or pasted in either language (under title rows) are read with it. Its header is the first row
 * naming the task column and another plan column.
 */
export const PLAN_SCHEMA: TableSchema<PlanField> = {
  order: PLAN_FIELDS,
  required: ['name'],
  header: { minColumns: 2 },
  columns: {
    id: { header: 'gantt.header.id', synonyms: ['id', '编号', '序号', '任务id', '事项id', '#', 'no.'], width: 40, format: 'text' },
    phase: { header: 'gantt.header.phase', synonyms: ['阶段', '时期', 'phase', 'stage'], width: 70, format: 'text' },
    name: {
      header: 'gantt.header.task',
      synonyms: ['事项', '执行事项', '任务', '任务名称', '事项名称', '行动', 'task', 'name', 'item', 'action'],
      width: 180,
      format: 'text',
      read: (cell) => (cellText(cell) ? { value: cellText(cell) } : { problem: 'gantt.error.taskMissing' }),
    },
    requirement: {
      header: 'gantt.header.requirement',
      synonyms: ['要求', '具体要求', '说明', '具体事项', 'requirement', 'requirements', 'detail', 'details'],
      width: 160,
      format: 'text',
    },
    participants: {
      header: 'gantt.header.participants',
      synonyms: ['参与人', '参与者', '参与人员', '协作人', 'participants', 'participant'],
      width: 110,
      format: 'text',
      read: (cell) => ({ value: splitList(cell) }),
    },
    owner: {
      header: 'gantt.header.owner',
      synonyms: ['负责人', '执行人', 'owner', 'assignee'],
      width: 80,
      format: 'text',
      dropdown: ({ teamTab }) => (teamTab === null ? null : ownerDropdown(teamTab)),
    },
    start: {
      header: 'gantt.header.start',
      synonyms: ['开始日期', '开始', '开始时间', '起始日期', 'start', 'startdate'],
      width: 96,
      format: 'date',
      read: readDate,
    },
    end: {
      header: 'gantt.header.end',
      synonyms: ['结束日期', '结束', '结束时间', '截止日期', '完成日期', 'end', 'enddate', 'due', 'finish'],
      width: 96,
      format: 'date',
      read: readDate,
    },
    duration: {
      header: 'gantt.header.duration',
      synonyms: ['工期(天)', '工期', '天数', '工期天数', '持续天数', 'duration(days)', 'duration', 'days'],
      width: 70,
      format: 'integer',
      read: (cell): CellReading<number | null> => {
        if (cellText(cell) === '') return { value: null };
        const days = parseDuration(cell);
        return days === null ? { problem: 'gantt.error.badDuration', params: { value: cellText(cell) } } : { value: days };
      },
    },
    // Read by readPlanGrid once every task's name is known (splitKnownList): a name may hold a separator.
    predecessors: {
      header: 'gantt.header.predecessors',
      synonyms: ['前置事项', '前置', '前置任务', '依赖', '依赖事项', 'predecessors', 'predecessor', 'dependson', 'dependencies'],
      width: 160,
      format: 'text',
    },
    progress: {
      header: 'gantt.header.progress',
      synonyms: ['进度', '完成度', '完成进度', 'progress', '%done', 'done%'],
      width: 64,
      format: 'percent',
      read: readProgress,
      dropdown: () => ({ type: 'list', values: ['0%', '25%', '50%', '75%', '100%'], strict: false }),
    },
    status: {
      header: 'gantt.header.status',
      synonyms: ['状态', '完成情况', 'status'],
      width: 72,
      format: 'text',
      dropdown: ({ lang }) => ({ type: 'list', values: STATUS_KEYS.map((key) => t(lang, key)), strict: false }),
    },
  },
};

/** Whole days ≥ 0 from 3, "3", "3天", "３ 天", "3 days"; null when unreadable. */
export function parseDuration(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const m = /^(\d+)\s*(?:天|日|d|day|days)?$/i.exec(toHalfWidth(cellText(value)));
  return m ? Number(m[1]) : null;
}

/**
 * Progress as 0..1 from "60%", 0.6 (a percent cell) or 60. A number above 1 is read as a percentage,
 * the same rule the Gantt tab's bar formulas use, so typed 60 and 60% draw the same bar. A percentage
 * written with its sign is taken as written: "150%" is over 100%, not 1.5%.
 */
export function readProgress(value: CellValue): CellReading<number> {
  if (cellText(value) === '') return { value: 0 };
  const unreadable = { problem: 'gantt.error.badProgress', params: { value: cellText(value) } } as const;
  const over = { problem: 'gantt.error.progressOver100', params: { value: cellText(value) } } as const;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return unreadable;
    if (value > 100) return over;
    return { value: value > 1 ? value / 100 : value };
  }
  const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(toHalfWidth(cellText(value)));
  if (!m) return unreadable;
  const n = Number(m[1]);
  if (m[2]) return n > 100 ? over : { value: n / 100 };
  if (n > 100) return over;
  return { value: n > 1 ? n / 100 : n };
}

/** readProgress's share, or null for anything it refuses. */
export function parseProgress(value: CellValue): number | null {
  const reading = readProgress(value);
  return 'value' in reading ? reading.value : null;
}

export interface PlanHeader {
  /** 0-based row of the header. */
  index: number;
  /** 0-based column of each plan field found. */
  columns: Partial<Record<PlanField, number>>;
  labels: CellValue[];
}

/** The first row naming the task column and at least one other plan column (title rows above are skipped). */
export function findPlanHeader(grid: CellValue[][]): PlanHeader | null {
  const header = findHeader(grid, PLAN_SCHEMA);
  return header && { index: header.row, columns: header.columns, labels: grid[header.row] };
}

/**
 * Reads a plan grid (a tab's values or a .tsv split into cells; dates as serials or text) into tasks
 * with predecessors resolved to indexes: a reference is a task name, or an ID when there is an ID column.
 * Throws one AppError with every problem found, each naming the task and its row.
 */
export function readPlanGrid(grid: CellValue[][], options: { tab?: string } = {}): Plan {
  const tab = options.tab;
  const header = findHeader(grid, PLAN_SCHEMA);
  if (!header) throw new AppError({ code: 'gantt.error.noHeader', location: tab ? { tab } : undefined });
  const problems: Problem[] = [];
  const hasIds = header.columns.id !== undefined;
  const tasks: PlanTask[] = [];
  const predecessorCells: CellValue[] = [];
  const at = (row: number, key: PlanField | null, code: MessageKey, params?: Problem['params']): Problem =>
    problemAt(PLAN_SCHEMA, header, row, key, code, params, { tab });

  for (const row of tableRows(grid, PLAN_SCHEMA, header)) {
    const name = readCell<PlanField, string>(PLAN_SCHEMA, header, row, 'name', problems, { tab });
    if (name === undefined) continue;
    const read = <V>(key: PlanField): V | undefined => readCell<PlanField, V>(PLAN_SCHEMA, header, row, key, problems, { tab, params: { task: name } });
    const start = read<DaySerial | null>('start');
    const end = read<DaySerial | null>('end');
    const duration = read<number | null>('duration');
    const progress = read<number>('progress') ?? 0;
    const predecessorCell = row.cells.predecessors ?? null;
    if (typeof start === 'number' && typeof end === 'number' && end < start) {
      problems.push(at(row.row, 'end', 'gantt.error.endBeforeStart', { task: name, start: toIso(start), end: toIso(end) }));
    }
    if (start === null && cellText(predecessorCell) === '') problems.push(at(row.row, 'start', 'gantt.error.noStart', { task: name }));
    predecessorCells.push(predecessorCell);
    const id = cellText(row.cells.id);
    tasks.push({
      row: row.row + 1,
      id: hasIds && id !== '' ? id : String(tasks.length + 1),
      phase: cellText(row.cells.phase),
      name,
      requirement: cellText(row.cells.requirement),
      participants: read<string[]>('participants') ?? [],
      owner: cellText(row.cells.owner),
      start: start ?? null,
      end: end ?? null,
      duration: duration ?? null,
      predecessorRefs: [],
      predecessors: [],
      progress,
      status: cellText(row.cells.status),
    });
  }
  if (tasks.length === 0 && problems.length === 0) throw new AppError({ code: 'gantt.error.noTasks', location: tab ? { tab } : undefined });

  const byName = new Map<string, number>();
  const byId = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (byName.has(task.name)) problems.push(at(task.row - 1, null, 'gantt.error.duplicateTask', { task: task.name }));
    else byName.set(task.name, i);
    if (!hasIds) return;
    if (byId.has(task.id)) problems.push(at(task.row - 1, null, 'gantt.error.duplicateId', { id: task.id, task: task.name }));
    else byId.set(task.id, i);
  });
  const isKnown = (ref: string): boolean => byName.has(ref) || byId.has(ref);
  tasks.forEach((task, i) => {
    task.predecessorRefs = splitKnownList(predecessorCells[i], isKnown);
    for (const ref of task.predecessorRefs) {
      const target = byName.get(ref) ?? byId.get(ref);
      if (target === undefined) problems.push(at(task.row - 1, 'predecessors', 'gantt.error.unknownPredecessor', { task: task.name, predecessor: ref }));
      else if (!task.predecessors.includes(target)) task.predecessors.push(target);
    }
  });
  if (problems.length) throw new AppError(problems);
  return { tab, tasks };
}

/** How far down a plan's header may sit below title rows, when telling plans from other tabs. */
const HEADER_SEARCH_ROWS = 10;

/** Whether a tab's grid reads as a push plan: its header (within the first rows) names a task column and another plan column. */
export function looksLikePlan(grid: CellValue[][]): boolean {
  return findPlanHeader(grid.slice(0, HEADER_SEARCH_ROWS)) !== null;
}

/** Rows of the new plan tab that get dropdowns and formats (a plan rarely runs longer). */
export const PLAN_TEMPLATE_ROWS = 300;

/** The new plan tab's columns: IDs are left out, tasks link by name until someone adds an ID column. */
const TEMPLATE_FIELDS: PlanField[] = PLAN_FIELDS.filter((field) => field !== 'id');

/**
 * The marker of a new plan tab: every "new plan" makes a plan of its own, numbered past the plan tabs
 * the workbook has ('' for the first, then "2", "3"…), so that no plan is written over.
 */
export function planMarker(existing: ReadonlyArray<Pick<TabMarker, 'kind' | 'key'> | null>): TabMarker {
  const taken = new Set(existing.flatMap((marker) => markerKeyOf(marker, 'plan')?.number ?? []));
  const numbered = (n: number): string => (n === 1 ? '' : String(n));
  let n = 1;
  while (taken.has(numbered(n))) n++;
  return markerOf('plan', { number: numbered(n) });
}

/** The empty push-plan tab the sidebar creates: headers, dropdowns, formats, and the examples in a note. */
export function buildPlanTemplateTab(lang: Lang, teamTabName: string): TabSpec {
  const column = (field: PlanField): number => TEMPLATE_FIELDS.indexOf(field);
  const dataRows = range(1, 0, PLAN_TEMPLATE_ROWS, 1);
  return {
    name: t(lang, 'gantt.tabName.plan'),
    marker: planMarker([]),
    columns: TEMPLATE_FIELDS.map((field) => ({ key: field, width: PLAN_SCHEMA.columns[field].width })),
    rows: [headerCells(PLAN_SCHEMA, TEMPLATE_FIELDS, lang)],
    headerRows: 1,
    frozenRows: 1,
    frozenColumns: 2,
    formats: TEMPLATE_FIELDS.map((field, col) => ({ range: { ...dataRows, col }, format: PLAN_SCHEMA.columns[field].format ?? 'text' })),
    styles: [{ range: range(0, 0, 1, TEMPLATE_FIELDS.length), style: { bold: true, background: '#e8eaed' } }],
    validations: columnDropdowns(PLAN_SCHEMA, TEMPLATE_FIELDS, column, { lang, teamTab: teamTabName }, { row: 1, rows: PLAN_TEMPLATE_ROWS }),
    notes: [
      { row: 0, col: 0, text: t(lang, 'gantt.template.note', { team: teamTabName }) },
      { row: 0, col: column('predecessors'), text: t(lang, 'gantt.template.predecessorsNote') },
    ],
    print: printSetupFor('plan', 1),
  };
}
