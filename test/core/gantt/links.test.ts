/**
 * The Gantt tab's live links to its plan: which cells are linked, and that a spreadsheet computing
 * the links (the playground's formula engine, independent of the core) shows exactly the values the
 * core cached in them — then follows the plan when it is edited.
 */
import sampleTeam from './fixtures/team.tsv';
import { analyzePlan } from '../../../src/core/gantt/analyze';
import { chineseCalendar } from '../../../src/core/gantt/china';
import { readPlanGrid } from '../../../src/core/gantt/plan';
import { GANTT_FIRST_DAY_COLUMN } from '../../../src/core/gantt/columns';
import { generateGanttTab } from '../../../src/core/gantt/tab';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { cellValue, isFormulaCell, type Cell, type CellValue, type TabSpec } from '../../../src/core/tab/spec';
import { readTeamGrid } from '../../../src/core/team/team';
import { isError, WorkbookCalc } from '../../../src/core/formula';
import { d, tsvGrid } from './helpers';

const team = readTeamGrid(tsvGrid(sampleTeam));
const FIRST_TASK_ROW = 4;
const COLUMNS = ['id', 'phase', 'task', 'owner', 'participants', 'start', 'end', 'days', 'progress', 'status', 'predecessors'];
const col = (name: string): number => COLUMNS.indexOf(name);

function gantt(planTab: string, grid: CellValue[][]): TabSpec {
  const analysis = analyzePlan(readPlanGrid(grid, { tab: planTab }), { settings: DEFAULT_SETTINGS, team, calendar: chineseCalendar });
  return generateGanttTab({
    analysis,
    team,
    lang: 'zh-CN',
    calendar: chineseCalendar,
    teamTabName: '团队',
    planTabName: planTab,
    generatedAt: '2026-11-20 10:00',
    planGrid: grid,
  }).spec;
}

/** The Gantt tab's values as a spreadsheet holding both tabs computes them. */
function computed(planTab: string, grid: CellValue[][], spec: TabSpec): CellValue[][] {
  const calc = new WorkbookCalc(
    [
      { name: planTab, cells: grid },
      { name: spec.name, cells: spec.rows },
    ],
    d('2026-12-10'),
  );
  return calc.values(spec.name).map((row) => row.map((value) => (isError(value) ? value.code : value === '' ? null : value)));
}

function linkedColumns(spec: TabSpec, row: number): string[] {
  return COLUMNS.filter((_, c) => isFormulaCell(spec.rows[row][c]));
}

const HEADER = ['阶段', '事项', '参与人', '负责人', '开始日期', '结束日期', '工期(天)', '前置事项', '进度', '状态'];

function samplePlan(): CellValue[][] {
  return [
    ['双11 推进表'],
    HEADER,
    ['预热', '定主题', '陈默;王蕾', '林晓', d('2026-11-02'), d('2026-11-03'), null, null, 1, '已完成'],
    ['预热', '海报', '林晓', '孙悦', null, null, 3, '定主题', 0.3, '进行中'],
    [null, '开售', null, null, null, null, 0, '海报', null, null],
  ];
}

describe('which Gantt cells are live links to the plan', () => {
  test('phase, owner, participants, progress, status and typed dates are linked; ID, name (the key), computed dates and durations are not', () => {
    const spec = gantt('推进表', samplePlan());
    expect(linkedColumns(spec, FIRST_TASK_ROW)).toEqual(['phase', 'owner', 'participants', 'start', 'end', 'progress', 'status']);
    // 海报 starts after 定主题 and ends by its duration: its dates are the scheduler's.
    expect(linkedColumns(spec, FIRST_TASK_ROW + 1)).toEqual(['phase', 'owner', 'participants', 'progress', 'status']);
    const owner = spec.rows[FIRST_TASK_ROW][col('owner')];
    expect(owner).toEqual({ formula: `=IFERROR(INDEX('推进表'!$D:$D,MATCH("定主题",'推进表'!$B:$B,0))&"","")`, value: '林晓' });
    // Participants show the plan's list as typed; blanks stay blank, a blank progress is 0.
    expect(cellValue(spec.rows[FIRST_TASK_ROW][col('participants')])).toBe('陈默;王蕾');
    expect(spec.rows[FIRST_TASK_ROW + 2].slice(0, 11).map(cellValue)).toEqual(['3', '', '开售', '', '', d('2026-11-07'), d('2026-11-07'), 0, 0, '', '海报']);
  });

  test('the formula engine computes exactly the values the core gave the links, and follows edits of the plan', () => {
    const grid = samplePlan();
    const spec = gantt('推进表', grid);
    const values = computed('推进表', grid, spec);
    // The links carry the plan's values, which the core compares with what was typed; a milestone's ◆ is left to the engine.
    spec.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (isFormulaCell(cell) && c < GANTT_FIRST_DAY_COLUMN) expect([r, c, values[r][c]]).toEqual([r, c, cell.value === '' ? null : cell.value]);
      }),
    );
    grid[3][3] = '王蕾';
    grid[3][8] = 0.9;
    grid[2][5] = d('2026-11-04');
    grid[2][0] = null;
    const edited = computed('推进表', grid, spec);
    expect(edited[FIRST_TASK_ROW + 1][col('owner')]).toBe('王蕾');
    expect(edited[FIRST_TASK_ROW + 1][col('progress')]).toBe(0.9);
    expect(edited[FIRST_TASK_ROW][col('end')]).toBe(d('2026-11-04'));
    expect(edited[FIRST_TASK_ROW][col('phase')]).toBeNull();
  });

  test('rows are found by name wherever they move in the plan, and a task gone from the plan shows blanks', () => {
    const grid = samplePlan();
    const spec = gantt('推进表', grid);
    const moved = [grid[0], grid[1], grid[4], grid[3], grid[2]];
    expect(computed('推进表', moved, spec)[FIRST_TASK_ROW].slice(1, 5)).toEqual(['预热', '定主题', '林晓', '陈默;王蕾']);
    const gone = [grid[0], grid[1], grid[3], grid[4]];
    expect(computed('推进表', gone, spec)[FIRST_TASK_ROW].slice(0, 10)).toEqual(['1', null, '定主题', null, null, null, null, 2, null, null]);
  });

  test('with an ID column, tasks are found by ID: the name is linked too, and follows a rename', () => {
    const grid: CellValue[][] = [
      ['ID', '事项', '负责人', '开始日期', '工期(天)'],
      [101, '定主题', '林晓', d('2026-11-02'), 2],
      ['A-2', '写文案', '周舟', d('2026-11-03'), 1],
    ];
    const spec = gantt("王蕾's plan", grid);
    // No progress column in this plan: the progress (0) is a value.
    expect(linkedColumns(spec, FIRST_TASK_ROW)).toEqual(['task', 'owner', 'start']);
    expect(spec.rows[FIRST_TASK_ROW][col('task')]).toEqual({
      formula: `=IFERROR(INDEX('王蕾''s plan'!$B:$B,MATCH(101,'王蕾''s plan'!$A:$A,0))&"","")`,
      value: '定主题',
    });
    grid[1][1] = '定活动主题';
    grid[2][2] = '孙悦';
    const edited = computed("王蕾's plan", grid, spec);
    expect(edited[FIRST_TASK_ROW][col('task')]).toBe('定活动主题');
    expect(edited[FIRST_TASK_ROW + 1][col('owner')]).toBe('孙悦');
  });

  test('cells a formula would not show as the core reads them are written as values', () => {
    const grid: CellValue[][] = [
      ['事项', '负责人', '开始日期', '结束日期', '进度', '阶段'],
      ['定主题', ' 林晓 ', '2026-11-02', d('2026-11-03'), '60%', 3],
      ['海报*', '孙悦', d('2026-11-02'), d('2026-11-03'), 60, '预热'],
      ['写文案', '周舟', d('2026-11-02'), d('2026-11-03'), 0.5, '预热'],
      ['写文案 2', '周舟', d('2026-11-02'), d('2026-11-03'), 0.5, '预热'],
    ];
    const spec = gantt('推进表', grid);
    // Untrimmed owner, a date typed as text, progress as text: values; a whole-number phase is linked.
    expect(linkedColumns(spec, FIRST_TASK_ROW)).toEqual(['phase', 'end']);
    expect(spec.rows[FIRST_TASK_ROW].slice(0, 9).map(cellValue)).toEqual(['1', '3', '定主题', '林晓', '', d('2026-11-02'), d('2026-11-03'), 2, 0.6]);
    // A name with a wildcard cannot be looked up reliably: the whole row is values.
    expect(linkedColumns(spec, FIRST_TASK_ROW + 1)).toEqual([]);
    expect(cellValue(spec.rows[FIRST_TASK_ROW + 1][col('progress')])).toBe(0.6);
    expect(linkedColumns(spec, FIRST_TASK_ROW + 2)).toEqual(['phase', 'owner', 'start', 'end', 'progress']);
  });

  test('a name equal to the header above it, or two names equal but for case, are not looked up', () => {
    const grid: CellValue[][] = [
      ['事项', '负责人', '开始日期'],
      ['事项', '林晓', d('2026-11-02')],
      ['Kickoff', '周舟', d('2026-11-02')],
      ['kickoff', '陈默', d('2026-11-03')],
      ['复盘', '王蕾', d('2026-11-04')],
    ];
    const spec = gantt('推进表', grid);
    expect([0, 1, 2, 3].map((i) => linkedColumns(spec, FIRST_TASK_ROW + i).length > 0)).toEqual([false, false, false, true]);
  });

  test('without the plan grid (the CLI JSON, the bench) the tab holds values only, as before', () => {
    const grid = samplePlan();
    const analysis = analyzePlan(readPlanGrid(grid, { tab: '推进表' }), { settings: DEFAULT_SETTINGS, team, calendar: chineseCalendar });
    const spec = generateGanttTab({
      analysis,
      team,
      lang: 'zh-CN',
      calendar: chineseCalendar,
      teamTabName: '团队',
      planTabName: '推进表',
      generatedAt: '',
    }).spec;
    const taskCells: Cell[] = spec.rows[FIRST_TASK_ROW].slice(0, 11);
    expect(taskCells.some(isFormulaCell)).toBe(false);
    expect(taskCells[col('participants')]).toBe('陈默、王蕾');
  });
});
