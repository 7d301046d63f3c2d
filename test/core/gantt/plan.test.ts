import samplePlan from './fixtures/push-plan.tsv';
import { AppError, formatError } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { buildPlanTemplateTab, findPlanHeader, looksLikePlan, parseProgress, readPlanGrid } from '../../../src/core/gantt/plan';
import { d, tsvGrid } from './helpers';
import type { CellValue } from '../../../src/core/tab/spec';
import { problemsOf } from '../../support/problems';

describe('reading a push plan', () => {
  test('the sample plan reads with text dates, several participants and predecessors by name', () => {
    const { tasks } = readPlanGrid(tsvGrid(samplePlan), { tab: '推进表' });
    expect(tasks).toHaveLength(9);
    const opening = tasks.find((t) => t.name === '开营仪式与群规')!;
    expect(opening.row).toBe(6);
    expect(opening.owner).toBe('林晓');
    expect(opening.start).toBe(d('2026-12-08'));
    expect(opening.predecessorRefs).toEqual(['海报与物料设计', '话术库整理']);
    expect(opening.predecessors.map((i) => tasks[i].name)).toEqual(['海报与物料设计', '话术库整理']);
    expect(tasks[0].participants).toEqual(['陈默', '王蕾']);
    expect(tasks[0].progress).toBe(1);
    expect(tasks[1].progress).toBeCloseTo(0.6);
    expect(tasks.map((t) => t.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  test('English headers, an ID column, serial dates and IDs as predecessors', () => {
    const grid: CellValue[][] = [
      ['Campaign plan'],
      ['ID', 'Phase', 'Task', 'Owner', 'Participants', 'Start', 'End', 'Duration (days)', 'Predecessors', 'Progress', 'Status'],
      ['T1', 'Prep', 'Theme', 'Lin', 'A, B', d('2026-12-01'), null, 2, '', 0.5, 'In progress'],
      ['T2', 'Prep', 'Survey', 'Zhou', 'C、D；E', null, null, '3天', 'T1', '40', ''],
    ];
    const { tasks } = readPlanGrid(grid);
    expect(tasks[0]).toMatchObject({ id: 'T1', row: 3, start: d('2026-12-01'), duration: 2, progress: 0.5, participants: ['A', 'B'] });
    expect(tasks[1]).toMatchObject({ id: 'T2', row: 4, duration: 3, progress: 0.4, participants: ['C', 'D', 'E'], predecessors: [0] });
  });

  test('progress reads 60%, 0.6, 60 and "60" alike; blank is 0', () => {
    for (const value of ['60%', 0.6, 60, '60', '６０％']) expect(parseProgress(value)).toBeCloseTo(0.6);
    expect(parseProgress('')).toBe(0);
    expect(parseProgress('lots')).toBeNull();
    expect(parseProgress(250)).toBeNull();
  });

  test('progress above 100% is refused with its row and column, not read as 1.5%', () => {
    const grid: CellValue[][] = [
      ['事项', '负责人', '开始日期', '进度'],
      ['海报设计', '孙悦', '2026-12-01', '150%'],
      ['话术库', '林晓', '2026-12-01', 250],
      ['开营', '林晓', '2026-12-02', '100%'],
    ];
    const problems = problemsOf(() => readPlanGrid(grid, { tab: '推进表' }));
    expect(problems.map((p) => [p.code, p.location?.row, p.location?.column, p.params?.value])).toEqual([
      ['gantt.error.progressOver100', 2, 3, '150%'],
      ['gantt.error.progressOver100', 3, 3, '250'],
    ]);
    expect(formatError(new AppError(problems), translator('zh-CN')).split('\n')[0]).toBe(
      '「推进表」 第 2 行 D 列（进度）：事项“海报设计”的进度“150%”超过了 100%：进度填 0% 到 100%（60 或 0.6 也读作 60%）。',
    );
    expect(parseProgress('150%')).toBeNull();
    expect(parseProgress('100%')).toBe(1);
  });

  test('a predecessor whose name holds 、 or a comma is matched by its whole name before the cell is split', () => {
    const grid: CellValue[][] = [
      ['事项', '开始日期', '前置事项'],
      ['调研、访谈', '2026-12-01', ''],
      ['海报, 物料', '2026-12-01', ''],
      ['话术库', '2026-12-01', ''],
      ['开营', '', '调研、访谈'],
      ['首课', '', '海报, 物料、话术库'],
      ['答疑', '', '话术库;调研、访谈，海报, 物料'],
    ];
    const { tasks } = readPlanGrid(grid);
    const names = (task: string) => tasks.find((t) => t.name === task)!.predecessors.map((i) => tasks[i].name);
    expect(names('开营')).toEqual(['调研、访谈']);
    expect(names('首课')).toEqual(['海报, 物料', '话术库']);
    expect(names('答疑')).toEqual(['话术库', '调研、访谈', '海报, 物料']);
    expect(tasks.find((t) => t.name === '首课')!.predecessorRefs).toEqual(['海报, 物料', '话术库']);
    // A piece that names no task is still reported on its own.
    const unknown = problemsOf(() => readPlanGrid([...grid, ['复盘', '', '调研、不存在']]));
    expect(unknown.map((p) => [p.code, p.params?.predecessor])).toEqual([
      ['gantt.error.unknownPredecessor', '调研'],
      ['gantt.error.unknownPredecessor', '不存在'],
    ]);
  });

  test('every problem is reported at once, each naming the task and its row', () => {
    const grid: CellValue[][] = [
      ['事项', '负责人', '开始日期', '结束日期', '工期(天)', '前置事项', '进度'],
      ['甲', '林晓', '2026-12-05', '2026-12-01', '', '', ''],
      ['乙', '林晓', '下周一', '', '', '', ''],
      ['丙', '林晓', '', '', '', '', ''],
      ['丁', '林晓', '', '', '两天', '不存在的事', '很多'],
      ['甲', '林晓', '2026-12-01', '', '', '', ''],
      ['', '林晓', '2026-12-01', '', '', '', ''],
    ];
    const problems = problemsOf(() => readPlanGrid(grid, { tab: '推进表' }));
    const summary = problems.map((p) => [p.code, p.location?.row, p.params?.task]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['gantt.error.endBeforeStart', 2, '甲'],
        ['gantt.error.badDate', 3, '乙'],
        ['gantt.error.noStart', 4, '丙'],
        ['gantt.error.badDuration', 5, '丁'],
        ['gantt.error.badProgress', 5, '丁'],
        ['gantt.error.unknownPredecessor', 5, '丁'],
        ['gantt.error.duplicateTask', 6, '甲'],
        ['gantt.error.taskMissing', 7, undefined],
      ]),
    );
    expect(problems).toHaveLength(8);
    const zh = formatError(new AppError(problems), translator('zh-CN'));
    expect(zh).toContain('「推进表」 第 5 行 F 列（前置事项）');
    expect(zh).toContain('前置事项“不存在的事”不存在');
    const bad = problems.find((p) => p.code === 'gantt.error.badDate')!;
    expect(bad.location).toMatchObject({ column: 2, columnName: '开始日期' });
  });

  test('a grid without a plan header is refused', () => {
    expect(
      problemsOf(() =>
        readPlanGrid([
          ['姓名', '角色'],
          ['林晓', '运营'],
        ]),
      )[0].code,
    ).toBe('gantt.error.noHeader');
    expect(problemsOf(() => readPlanGrid([['事项', '开始日期']]))[0].code).toBe('gantt.error.noTasks');
  });
});

describe('the empty plan tab', () => {
  test('has the headers the reader understands, the owner dropdown from the Team tab and the examples in a note', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const spec = buildPlanTemplateTab(lang, '团队');
      expect(spec.marker).toEqual({ kind: 'plan', key: { number: '' } });
      const header = spec.rows[0] as string[];
      // The reader accepts the template's own headers (plus one typed row).
      const { tasks } = readPlanGrid([header, header.map((_, i) => (i === 1 ? 'x' : i === 5 ? '2026-12-01' : ''))]);
      expect(tasks[0]).toMatchObject({ name: 'x', start: d('2026-12-01') });
      const ownerCol = header.indexOf(lang === 'zh-CN' ? '负责人' : 'Owner');
      expect(spec.validations).toContainEqual({
        range: { row: 1, col: ownerCol, rows: 300, cols: 1 },
        rule: { type: 'listFromRange', tab: '团队', a1: 'A2:A', strict: false },
      });
      expect(spec.validations!.map((v) => v.rule.type)).toEqual(['listFromRange', 'list', 'list']);
      expect(spec.notes![0]).toMatchObject({ row: 0, col: 0 });
      expect(spec.notes![0].text).toContain('2026-12-01');
    }
  });

  test('the examples in the note read as a valid plan', () => {
    const note = buildPlanTemplateTab('zh-CN', '团队').notes![0].text;
    const header = buildPlanTemplateTab('zh-CN', '团队').rows[0] as string[];
    const examples = note
      .split('\n')
      .filter((line) => line.includes(' | '))
      .map((line) => line.split('|').map((c) => c.trim()));
    expect(examples.every((cells) => cells.length === header.length)).toBe(true);
    const { tasks } = readPlanGrid([header, ...examples]);
    expect(tasks.map((t) => t.name)).toEqual(['确定活动主题与目标', '用户调研问卷', '开营仪式']);
    expect(tasks[1]).toMatchObject({ start: null, duration: 3, predecessors: [0] });
    expect(tasks[2].duration).toBe(0);
  });
});

describe('telling a plan from other tabs', () => {
  test('the sample plan, an English plan under a title row, and the empty plan tab read as plans', () => {
    expect(looksLikePlan(tsvGrid(samplePlan))).toBe(true);
    expect(looksLikePlan([['Q1 launch'], [], ['Task', 'Owner', 'Due']])).toBe(true);
    expect(looksLikePlan(buildPlanTemplateTab('en', 'Team').rows as CellValue[][])).toBe(true);
  });

  test('a team list, an activity list and group numbers do not; nor a header below the first ten rows', () => {
    expect(looksLikePlan([['姓名', '角色', '邮箱']])).toBe(false);
    expect(looksLikePlan([['活动名称', '类型', '开始日期', '结束日期', '负责人']])).toBe(false);
    expect(looksLikePlan([['群名称', '群人数', '到课人数']])).toBe(false);
    expect(looksLikePlan([['事项']])).toBe(false);
    const late: CellValue[][] = [...Array.from({ length: 10 }, () => ['备注']), ['事项', '负责人']];
    expect(looksLikePlan(late)).toBe(false);
    expect(findPlanHeader(late)).toMatchObject({ index: 10, columns: { name: 0, owner: 1 } });
  });
});
