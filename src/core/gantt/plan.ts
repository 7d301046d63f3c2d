/**
 * The push plan (推进表): reading a plan grid pasted or typed by the user, and the empty plan tab the
 * sidebar creates. A plan is read whole: every problem is collected, then thrown in one AppError, so
 * the user fixes them all at once and nothing is written from a half-read plan.
 */
import { parseDate, toHalfWidth, toIso, type DaySerial } from '../dates';
import { AppError, type Problem } from '../errors';
import { t, type Lang, type MessageKey } from '../i18n';
import { range, type CellValue, type ColumnSpec, type TabSpec, type ValidationSpec } from '../tab/spec';
import { normalizeHeader } from '../team/team';

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
  /** Predecessors as typed (names or IDs), for display. */
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

export type PlanField =
  | 'id' | 'phase' | 'name' | 'requirement' | 'participants' | 'owner' | 'start' | 'end' | 'duration'
  | 'predecessors' | 'progress' | 'status';

/** Header synonyms (compared after normalizeHeader: half-width, lower case, no spaces). */
const PLAN_HEADERS: Record<PlanField, string[]> = {
  id: ['id', '编号', '序号', '任务id', '事项id', '#', 'no.'],
  phase: ['阶段', '时期', 'phase', 'stage'],
  name: ['事项', '执行事项', '任务', '任务名称', '事项名称', '行动', 'task', 'name', 'item', 'action'],
  requirement: ['要求', '具体要求', '说明', '具体事项', 'requirement', 'requirements', 'detail', 'details'],
  participants: ['参与人', '参与者', '参与人员', '协作人', 'participants', 'participant'],
  owner: ['负责人', '执行人', 'owner', 'assignee'],
  start: ['开始日期', '开始', '开始时间', '起始日期', 'start', 'startdate'],
  end: ['结束日期', '结束', '结束时间', '截止日期', '完成日期', 'end', 'enddate', 'due', 'finish'],
  duration: ['工期(天)', '工期', '天数', '工期天数', '持续天数', 'duration(days)', 'duration', 'days'],
  predecessors: ['前置事项', '前置', '前置任务', '依赖', '依赖事项', 'predecessors', 'predecessor', 'dependson', 'dependencies'],
  progress: ['进度', '完成度', '完成进度', 'progress', '%done', 'done%'],
  status: ['状态', '完成情况', 'status'],
};

const FIELDS = Object.keys(PLAN_HEADERS) as PlanField[];

/** Separators between several participants or predecessors: ; , 、 and their full-width forms, new lines. */
const LIST_SEPARATORS = /[;,、，；\n]+/;

export function splitList(value: CellValue): string[] {
  return text(value).split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean);
}

function text(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function isBlank(value: CellValue | undefined): boolean {
  return text(value) === '';
}

function fieldOf(header: CellValue): PlanField | null {
  const wanted = normalizeHeader(header);
  if (!wanted) return null;
  return FIELDS.find((field) => PLAN_HEADERS[field].includes(wanted)) ?? null;
}

/** Whole days ≥ 0 from 3, "3", "3天", "３ 天", "3 days"; null when unreadable. */
export function parseDuration(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const m = /^(\d+)\s*(?:天|日|d|day|days)?$/i.exec(toHalfWidth(text(value)));
  return m ? Number(m[1]) : null;
}

/**
 * Progress as 0..1 from "60%", 0.6 (a percent cell) or 60. A number above 1 is read as a percentage,
 * the same rule the Gantt tab's bar formulas use, so typed 60 and 60% draw the same bar.
 */
export function parseProgress(value: CellValue): number | null {
  if (isBlank(value)) return 0;
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(toHalfWidth(text(value)));
    if (!m) return null;
    n = m[2] ? Number(m[1]) / 100 : Number(m[1]);
  }
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  return n > 1 ? n / 100 : n;
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
  for (let index = 0; index < grid.length; index++) {
    const columns: Partial<Record<PlanField, number>> = {};
    grid[index].forEach((cell, col) => {
      const field = fieldOf(cell);
      if (field && columns[field] === undefined) columns[field] = col;
    });
    if (columns.name !== undefined && Object.keys(columns).length >= 2) return { index, columns, labels: grid[index] };
  }
  return null;
}

/**
 * Reads a plan grid (a tab's values or a .tsv split into cells; dates as serials or text) into tasks
 * with predecessors resolved to indexes: a reference is a task name, or an ID when there is an ID column.
 * Throws one AppError with every problem found, each naming the task and its row.
 */
export function readPlanGrid(grid: CellValue[][], options: { tab?: string } = {}): Plan {
  const tab = options.tab;
  const header = findPlanHeader(grid);
  if (!header) throw new AppError({ code: 'gantt.error.noHeader', location: tab ? { tab } : undefined });
  const problems: Problem[] = [];
  const cols = header.columns;
  const hasIds = cols.id !== undefined;
  const tasks: PlanTask[] = [];

  for (let index = header.index + 1; index < grid.length; index++) {
    const cells = grid[index];
    if (cells.every((cell) => isBlank(cell))) continue;
    const row = index + 1;
    const cell = (field: PlanField): CellValue => (cols[field] === undefined ? null : cells[cols[field]!] ?? null);
    const at = (field?: PlanField): Problem['location'] => {
      const location: NonNullable<Problem['location']> = { tab, row };
      if (field && cols[field] !== undefined) {
        location.column = cols[field];
        location.columnName = text(header.labels[cols[field]!]);
      }
      return location;
    };
    const name = text(cell('name'));
    if (!name) {
      problems.push({ code: 'gantt.error.taskMissing', location: at('name') });
      continue;
    }
    const problem = (code: MessageKey, field: PlanField, params: Record<string, string | number> = {}): void => {
      problems.push({ code, params: { task: name, ...params }, location: at(field) });
    };
    const date = (field: 'start' | 'end'): DaySerial | null => {
      const value = cell(field);
      if (isBlank(value)) return null;
      const serial = parseDate(value);
      if (serial === null) problem('gantt.error.badDate', field, { value: text(value) });
      return serial;
    };
    const start = date('start');
    const end = date('end');
    let duration: number | null = null;
    if (!isBlank(cell('duration'))) {
      duration = parseDuration(cell('duration'));
      if (duration === null) problem('gantt.error.badDuration', 'duration', { value: text(cell('duration')) });
    }
    let progress = parseProgress(cell('progress'));
    if (progress === null) {
      problem('gantt.error.badProgress', 'progress', { value: text(cell('progress')) });
      progress = 0;
    }
    const predecessorRefs = splitList(cell('predecessors'));
    if (start !== null && end !== null && end < start) {
      problem('gantt.error.endBeforeStart', 'end', { start: toIso(start), end: toIso(end) });
    }
    if (start === null && isBlank(cell('start')) && predecessorRefs.length === 0) problem('gantt.error.noStart', 'start');
    tasks.push({
      row,
      id: hasIds && !isBlank(cell('id')) ? text(cell('id')) : String(tasks.length + 1),
      phase: text(cell('phase')),
      name,
      requirement: text(cell('requirement')),
      participants: splitList(cell('participants')),
      owner: text(cell('owner')),
      start,
      end,
      duration,
      predecessorRefs,
      predecessors: [],
      progress,
      status: text(cell('status')),
    });
  }
  if (tasks.length === 0 && problems.length === 0) throw new AppError({ code: 'gantt.error.noTasks', location: tab ? { tab } : undefined });

  const byName = new Map<string, number>();
  const byId = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (byName.has(task.name)) problems.push({ code: 'gantt.error.duplicateTask', params: { task: task.name }, location: { tab, row: task.row } });
    else byName.set(task.name, i);
    if (!hasIds) return;
    if (byId.has(task.id)) problems.push({ code: 'gantt.error.duplicateId', params: { id: task.id, task: task.name }, location: { tab, row: task.row } });
    else byId.set(task.id, i);
  });
  for (const task of tasks) {
    for (const ref of task.predecessorRefs) {
      const target = byName.get(ref) ?? byId.get(ref);
      if (target === undefined) {
        problems.push({
          code: 'gantt.error.unknownPredecessor',
          params: { task: task.name, predecessor: ref },
          location: { tab, row: task.row, column: cols.predecessors, columnName: text(header.labels[cols.predecessors!]) },
        });
      } else if (!task.predecessors.includes(target)) task.predecessors.push(target);
    }
  }
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

const TEMPLATE_COLUMNS: Array<{ field: Exclude<PlanField, 'id'>; label: MessageKey; width: number; format?: ColumnSpec['format'] }> = [
  { field: 'phase', label: 'gantt.header.phase', width: 70 },
  { field: 'name', label: 'gantt.header.task', width: 180 },
  { field: 'requirement', label: 'gantt.header.requirement', width: 160 },
  { field: 'participants', label: 'gantt.header.participants', width: 110 },
  { field: 'owner', label: 'gantt.header.owner', width: 80 },
  { field: 'start', label: 'gantt.header.start', width: 96, format: 'date' },
  { field: 'end', label: 'gantt.header.end', width: 96, format: 'date' },
  { field: 'duration', label: 'gantt.header.duration', width: 70, format: 'integer' },
  { field: 'predecessors', label: 'gantt.header.predecessors', width: 160 },
  { field: 'progress', label: 'gantt.header.progress', width: 64, format: 'percent' },
  { field: 'status', label: 'gantt.header.status', width: 72 },
];

export const STATUS_KEYS: MessageKey[] = ['gantt.status.notStarted', 'gantt.status.inProgress', 'gantt.status.done', 'gantt.status.delayed'];

/** The empty push-plan tab the sidebar creates: headers, dropdowns, formats, and the examples in a note. */
export function buildPlanTemplateTab(lang: Lang, teamTabName: string): TabSpec {
  const column = (field: PlanField): number => TEMPLATE_COLUMNS.findIndex((c) => c.field === field);
  const dataRows = range(1, 0, PLAN_TEMPLATE_ROWS, 1);
  const validations: ValidationSpec[] = [
    { range: { ...dataRows, col: column('owner') }, rule: { type: 'listFromRange', tab: teamTabName, a1: 'A2:A', strict: false } },
    { range: { ...dataRows, col: column('progress') }, rule: { type: 'list', values: ['0%', '25%', '50%', '75%', '100%'], strict: false } },
    { range: { ...dataRows, col: column('status') }, rule: { type: 'list', values: STATUS_KEYS.map((key) => t(lang, key)), strict: false } },
  ];
  return {
    name: t(lang, 'gantt.tabName.plan'),
    marker: { kind: 'plan', key: { number: '' } },
    columns: TEMPLATE_COLUMNS.map((c) => ({ key: c.field, width: c.width })),
    rows: [TEMPLATE_COLUMNS.map((c) => t(lang, c.label))],
    headerRows: 1,
    frozenRows: 1,
    frozenColumns: 2,
    formats: TEMPLATE_COLUMNS.map((c, col) => ({ range: { ...dataRows, col }, format: c.format ?? 'text' })),
    styles: [{ range: range(0, 0, 1, TEMPLATE_COLUMNS.length), style: { bold: true, background: '#e8eaed' } }],
    validations,
    notes: [
      { row: 0, col: 0, text: t(lang, 'gantt.template.note', { team: teamTabName }) },
      { row: 0, col: column('predecessors'), text: t(lang, 'gantt.template.predecessorsNote') },
    ],
  };
}
