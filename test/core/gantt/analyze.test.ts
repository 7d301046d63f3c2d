/** A plan grid analysed whole: every problem named at once, the links checked even when the plan cannot be read. */
import { AppError, type Problem } from '../../../src/core/errors';
import { analyzePlan, analyzePlanGrid } from '../../../src/core/gantt/analyze';
import { chineseCalendar } from '../../../src/core/gantt/china';
import { readPlanGrid } from '../../../src/core/gantt/plan';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { CellValue } from '../../../src/core/tab/spec';
import { problemsOf } from '../../support/problems';
import samplePlan from './fixtures/push-plan.tsv';
import { tsvGrid } from './helpers';

const options = { tab: '推进表', settings: DEFAULT_SETTINGS, team: [], calendar: chineseCalendar };

const problemsOfPlan = (grid: CellValue[][]): Problem[] => problemsOf(() => analyzePlanGrid(grid, options));

const where = (problems: Problem[]) => problems.map((p) => [p.location?.row, p.code]);

describe('a plan that cannot be read is refused with every problem at once', () => {
  test('an unknown predecessor does not hide a cycle: both are in one AppError, in row order', () => {
    const grid = tsvGrid(['事项\t开始日期\t工期\t前置事项', '开营\t2026-12-01\t1\t', '预热\t\t2\t结营', '结营\t\t1\t预热', '复盘\t\t1\t总结会'].join('\n'));
    const problems = problemsOfPlan(grid);
    expect(where(problems)).toEqual([
      [3, 'gantt.error.cycle'],
      [5, 'gantt.error.unknownPredecessor'],
    ]);
    expect(problems[0].params).toEqual({ tasks: '“预热” → “结营” → “预热”' });
  });

  test('a cycle through IDs is found too, beside a bad date and a duplicate name', () => {
    const grid = tsvGrid(
      ['ID\t事项\t开始日期\t工期\t前置事项', 'A\t开营\t下周一\t1\t', 'B\t预热\t\t2\tC', 'C\t结营\t\t1\tB', 'D\t开营\t2026-12-01\t1\t', '\t复盘\t\t1\tD'].join(
        '\n',
      ),
    );
    expect(where(problemsOfPlan(grid))).toEqual([
      [2, 'gantt.error.badDate'],
      [3, 'gantt.error.cycle'],
      [5, 'gantt.error.duplicateTask'],
    ]);
  });

  test('every bad row is reported, not only the first', () => {
    const grid = tsvGrid(
      ['事项\t开始日期\t结束日期\t进度', '甲\t2026-13-01\t\t', '乙\t2026-12-05\t2026-12-01\t', '丙\t2026-12-01\t\t百分之十', '丁\t1999-12-01\t\t'].join('\n'),
    );
    expect(where(problemsOfPlan(grid))).toEqual([
      [2, 'gantt.error.badDate'],
      [3, 'gantt.error.endBeforeStart'],
      [4, 'gantt.error.badProgress'],
      [5, 'gantt.error.badDate'],
    ]);
  });
});

describe('a plan that can be read', () => {
  test('is analysed exactly as reading it and analysing it in two steps', () => {
    const grid = tsvGrid(samplePlan);
    expect(analyzePlanGrid(grid, options)).toEqual(analyzePlan(readPlanGrid(grid, { tab: '推进表' }), options));
  });

  test('a header that is not a plan’s is still the plan reader’s error, alone', () => {
    expect(() =>
      analyzePlanGrid(
        [
          ['姓名', '角色'],
          ['林晓', '运营'],
        ],
        options,
      ),
    ).toThrow(AppError);
    expect(
      problemsOfPlan([
        ['姓名', '角色'],
        ['林晓', '运营'],
      ]).map((p) => p.code),
    ).toEqual(['gantt.error.noHeader']);
  });
});
