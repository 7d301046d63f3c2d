/**
 * Regenerating a Gantt tab keeps what people typed on it. The tabs are computed by the playground's
 * formula engine (independent of the core) as a spreadsheet would show them; "typing" replaces a
 * cell's formula or value with a plain value, as a person does.
 */
import fc from 'fast-check';
import sampleTeam from './fixtures/team.tsv';
import { analyzePlan } from '../../../src/core/gantt/analyze';
import { chineseCalendar } from '../../../src/core/gantt/china';
import { findGanttHeader } from '../../../src/core/gantt/columns';
import { readPlanGrid } from '../../../src/core/gantt/plan';
import { generateGanttTab, type GanttTab } from '../../../src/core/gantt/tab';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { CellValue, TabSpec } from '../../../src/core/tab/spec';
import { readTeamGrid } from '../../../src/core/team/team';
import { isError, WorkbookCalc } from '../../../src/core/formula';
import { d, tsvGrid } from './helpers';

const team = readTeamGrid(tsvGrid(sampleTeam));
const PLAN_TAB = '推进表';
const FIRST_TASK_ROW = 4;
const BASE = d('2026-11-02');
const EDITABLE = ['phase', 'task', 'owner', 'participants', 'start', 'end', 'progress', 'status'] as const;
type Editable = (typeof EDITABLE)[number];
const COL: Record<Editable, number> = { phase: 1, task: 2, owner: 3, participants: 4, start: 5, end: 6, progress: 8, status: 9 };

function regenerate(grid: CellValue[][], existing: CellValue[][] = []): GanttTab {
  const analysis = analyzePlan(readPlanGrid(grid, { tab: PLAN_TAB }), { settings: DEFAULT_SETTINGS, team, calendar: chineseCalendar });
  return generateGanttTab({
    analysis,
    team,
    lang: 'zh-CN',
    calendar: chineseCalendar,
    teamTabName: '团队',
    planTabName: PLAN_TAB,
    generatedAt: '2026-11-01 09:00',
    planGrid: grid,
    existing,
    existingTab: '甘特图',
  });
}

/** The Gantt tab as Sheets' getValues would return it: formulas computed against the plan, blanks as null. */
function shown(grid: CellValue[][], spec: TabSpec): CellValue[][] {
  const calc = new WorkbookCalc(
    [
      { name: PLAN_TAB, cells: grid },
      { name: spec.name, cells: spec.rows },
    ],
    BASE,
  );
  return calc.values(spec.name).map((row) => row.map((value) => (isError(value) ? value.code : value === '' ? null : value)));
}

/** Each task's row on a shown Gantt tab, by the task name the tab recorded for it (hidden column). */
function rowsByTask(values: CellValue[][]): { tasks: Map<string, CellValue[]>; kept: Map<string, CellValue[]> } {
  const layout = findGanttHeader(values)!;
  const tasks = new Map<string, CellValue[]>();
  const kept = new Map<string, CellValue[]>();
  let inKept = false;
  for (let r = layout.headerRow + 1; r < values.length; r++) {
    const row = values[r];
    if (row[0] === '负责人与工作量') break;
    if (row[0] === '推进表中已没有的事项（保留了在甘特图上填写的内容）') {
      inKept = true;
      continue;
    }
    const name = row[layout.columns.planName!];
    if (name !== null) (inKept ? kept : tasks).set(String(name), row);
  }
  return { tasks, kept };
}

describe('what regenerating keeps', () => {
  const HEADER = ['阶段', '事项', '负责人', '开始日期', '工期(天)', '前置事项', '进度', '状态'];
  const plan = (): CellValue[][] => [
    HEADER,
    ['预热', '定主题', '林晓', BASE, 2, null, 1, '已完成'],
    ['预热', '海报', '孙悦', null, 3, '定主题', 0.25, '进行中'],
    ['开售', '直播', '赵老师', BASE + 10, 1, null, 0, null],
  ];

  test('nothing typed, nothing kept: a second run over an unchanged plan writes the same tab', () => {
    const grid = plan();
    const first = regenerate(grid);
    const second = regenerate(grid, shown(grid, first.spec));
    expect(second.edits).toEqual({ overrides: [{}, {}, {}], kept: 0, keptRows: [], removed: [], taskRows: [4, 5, 6], keptRowsAt: [], handRows: [] });
    expect(second.spec.rows).toEqual(first.spec.rows);
  });

  test('a typed owner is kept as a plain value, counted, and drawn in its owner’s colour', () => {
    const grid = plan();
    const values = shown(grid, regenerate(grid).spec);
    values[FIRST_TASK_ROW + 1][COL.owner] = '王蕾';
    const again = regenerate(grid, values);
    expect(again.edits.kept).toBe(1);
    expect(again.edits.overrides[1]).toEqual({ owner: '王蕾' });
    expect(again.spec.rows[FIRST_TASK_ROW + 1][COL.owner]).toBe('王蕾');
    expect(again.analysis.tasks[1].owner).toBe('王蕾');
    expect(again.analysis.workload.owners.map((load) => load.owner)).toEqual(['林晓', '王蕾', '赵老师']);
  });

  test('a cleared cell, or one showing an error, is not an edit', () => {
    const grid = plan();
    const values = shown(grid, regenerate(grid).spec);
    values[FIRST_TASK_ROW][COL.owner] = null;
    values[FIRST_TASK_ROW + 1][COL.status] = '#REF!';
    values[FIRST_TASK_ROW + 2][COL.phase] = '  ';
    expect(regenerate(grid, values).edits.kept).toBe(0);
  });

  test('a Gantt tab from before the links (values only, no hidden columns) keeps what differs from the plan', () => {
    const grid = plan();
    const values = shown(grid, regenerate(grid).spec).map((row) => row.slice(0, 11));
    values[FIRST_TASK_ROW + 2][COL.progress] = 0.5;
    const again = regenerate(grid, values);
    expect(again.edits.overrides).toEqual([{}, {}, { progress: 0.5 }]);
  });

  test('the task rows end at the workload block: its per-owner lists are never read as tasks', () => {
    const grid = plan();
    const values = shown(grid, regenerate(grid).spec);
    const list = values.findIndex((row) => row[1] === '林晓（1 项）');
    values[list + 1][COL.owner] = '周舟';
    expect(regenerate(grid, values).edits).toMatchObject({ kept: 0, keptRows: [] });
  });
});

/** A plan task as the property generates it; names are 事项<key>, so they stay unique. */
interface Task {
  key: number;
  phase: string;
  owner: string;
  participants: string;
  /** Days after BASE, or null to start after the predecessor. */
  start: number | null;
  duration: number;
  /** Index of an earlier task. */
  predecessor: number | null;
  progress: number;
  status: string;
}

const OWNERS = [...team.map((p) => p.name), '外援'];
const PHASES = ['预热', '开售', '收尾', ''];
const STATUSES = ['未开始', '进行中', '已完成', ''];
const PROGRESS = [0, 0.25, 0.5, 0.75, 1];

const taskArb = (key: number, index: number): fc.Arbitrary<Task> =>
  fc
    .record({
      key: fc.constant(key),
      phase: fc.constantFrom(...PHASES),
      owner: fc.constantFrom(...OWNERS),
      participants: fc.constantFrom('', '林晓', '陈默;王蕾'),
      start: index === 0 ? fc.integer({ min: 0, max: 30 }) : fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      duration: fc.integer({ min: 1, max: 5 }),
      predecessor: index === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: index - 1 }), { nil: null }),
      progress: fc.constantFrom(...PROGRESS),
      status: fc.constantFrom(...STATUSES),
    })
    .map((task) => (task.start === null && task.predecessor === null ? { ...task, start: 0 } : task));

const planArb = fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => taskArb(i + 1, i))));

function planGrid(tasks: Task[], ids: boolean): CellValue[][] {
  const name = (task: Task): string => `事项${task.key}`;
  const byKey = new Map(tasks.map((task) => [task.key, task]));
  return [
    [...(ids ? ['ID'] : []), '阶段', '事项', '负责人', '参与人', '开始日期', '工期(天)', '前置事项', '进度', '状态'],
    ...tasks.map((task) => {
      const predecessor = task.predecessor === null ? undefined : byKey.get(task.predecessor + 1);
      return [
        ...(ids ? [task.key % 2 ? task.key * 10 : `T${task.key}`] : []),
        task.phase,
        name(task),
        task.owner,
        task.participants,
        task.start === null ? null : BASE + task.start,
        task.duration,
        predecessor ? name(predecessor) : null,
        task.progress,
        task.status,
      ];
    }),
  ];
}

/** The plan after people worked on it: tasks changed, removed (their successors then get a start), added, rows reordered. */
const changeArb = (tasks: Task[]) =>
  fc
    .record({
      changed: fc.tuple(...tasks.map((task, i) => fc.option(taskArb(task.key, i), { nil: null }))),
      removed: fc.subarray(
        tasks.map((task) => task.key),
        { maxLength: Math.max(0, tasks.length - 1) },
      ),
      added: fc.array(taskArb(0, 0), { maxLength: 2 }),
      reversed: fc.boolean(),
    })
    .map(({ changed, removed, added, reversed }) => {
      const gone = new Set(removed);
      const kept = tasks.map((task, i) => changed[i] ?? task).filter((task) => !gone.has(task.key));
      const next = kept.map((task) =>
        task.predecessor !== null && gone.has(task.predecessor + 1) ? { ...task, predecessor: null, start: task.start ?? 5 } : task,
      );
      added.forEach((task, i) => next.push({ ...task, key: 100 + i, predecessor: null }));
      return reversed ? next.reverse() : next;
    });

/** A value typed on the Gantt tab: never one the plan or the scheduler produces. */
function typedValue(column: Editable, k: number): CellValue {
  switch (column) {
    case 'start':
    case 'end':
      return BASE + 200 + k;
    case 'progress':
      return 0.011 + k / 1000;
    default:
      return `手填${column}${k}`;
  }
}

describe('any subset of typed edits survives a regenerate with any plan change (property)', () => {
  test('typed cells keep their values (in their task’s row, or kept below the tasks); every other cell is what a fresh Gantt of the new plan shows', () => {
    fc.assert(
      fc.property(
        planArb.chain((tasks) =>
          fc.record({
            tasks: fc.constant(tasks as Task[]),
            ids: fc.boolean(),
            typed: fc.subarray(tasks.flatMap((task) => EDITABLE.map((column) => ({ key: task.key, column })))),
            next: changeArb(tasks),
          }),
        ),
        ({ tasks, ids, typed, next }) => {
          const before = planGrid(tasks, ids);
          const gantt = regenerate(before).spec;
          const layout = findGanttHeader(shown(before, gantt))!;
          const rowOf = (key: number): number => gantt.rows.findIndex((row, r) => r > layout.headerRow && row[layout.columns.planName!] === `事项${key}`);
          typed.forEach(({ key, column }, k) => (gantt.rows[rowOf(key)][COL[column]] = typedValue(column, k)));

          // The plan changes; the Gantt tab is read as the spreadsheet shows it then (its links follow the new plan).
          const after = planGrid(next, ids);
          const result = regenerate(after, shown(after, gantt));
          const now = rowsByTask(shown(after, result.spec));
          const fresh = rowsByTask(shown(after, regenerate(after).spec));
          const present = new Set(next.map((task) => task.key));

          typed.forEach(({ key, column }, k) => {
            const row = (present.has(key) ? now.tasks : now.kept).get(`事项${key}`);
            expect([key, column, row?.[COL[column]]]).toEqual([key, column, typedValue(column, k)]);
          });
          expect(result.edits.kept).toBe(typed.filter(({ key }) => present.has(key)).length);
          const typedKeys = new Set(typed.map(({ key }) => key));
          expect([...now.kept.keys()].sort()).toEqual(
            tasks
              .filter((t) => !present.has(t.key) && typedKeys.has(t.key))
              .map((t) => `事项${t.key}`)
              .sort(),
          );
          expect(result.edits.removed.sort()).toEqual(
            tasks
              .filter((t) => !present.has(t.key) && !typedKeys.has(t.key))
              .map((t) => `事项${t.key}`)
              .sort(),
          );

          for (const task of next) {
            const name = `事项${task.key}`;
            for (const column of EDITABLE) {
              if (typed.some((edit) => edit.key === task.key && edit.column === column)) continue;
              expect([name, column, now.tasks.get(name)?.[COL[column]]]).toEqual([name, column, fresh.tasks.get(name)?.[COL[column]]]);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
