/**
 * The Gantt tab keeps what people add to it: a note on a task's row and the text beside it go with
 * that task when the plan's tasks are reordered, a row added by hand stays after the task it
 * followed, and a duration typed over the computed one is kept in the old version.
 */
import { generateGantt } from '../../src/app/gantt';
import { fromIso, type DaySerial } from '../../src/core/dates';
import { createDemoContext } from '../../src/local/demo';

const TODAY = fromIso('2026-11-23') as DaySerial;

describe('the Gantt tab as a table of tasks', () => {
  const setup = () => {
    const ctx = createDemoContext({ today: TODAY });
    const tab = generateGantt(ctx, { planTab: '推进表' }).tab;
    const grid = () => ctx.workbook.readTab(tab);
    const taskCol = () => grid()[3].indexOf('事项');
    const rowOf = (task: string) => grid().findIndex((line, r) => r > 3 && line[taskCol()] === task);
    const noteAt = (row: number, col: number) => ctx.workbook.tab(tab).spec.notes?.find((n) => n.row === row && n.col === col)?.text ?? '';
    const reversePlan = () => {
      const [header, ...tasks] = ctx.workbook.readTab('推进表');
      [header, ...tasks.reverse()].forEach((line, r) => line.forEach((cell, c) => ctx.workbook.setCell('推进表', r, c, cell ?? '')));
    };
    return { ctx, tab, grid, taskCol, rowOf, noteAt, reversePlan };
  };

  test('a note on a task’s row and the text beside it travel with the task when the plan is reordered; a hand row stays after its task', () => {
    const { ctx, tab, grid, taskCol, rowOf, noteAt, reversePlan } = setup();
    const tasks = grid()
      .slice(4)
      .map((line) => line[taskCol()])
      .filter((task): task is string => typeof task === 'string' && task !== '');
    const [firstTask, thirdTask] = [tasks[0], tasks[2]];
    const width = Math.max(...grid().map((line) => line.length));
    ctx.workbook.setNote(tab, rowOf(firstTask), taskCol(), '这个要老板拍板');
    ctx.workbook.setCell(tab, rowOf(firstTask), width + 2, '预算 3000');
    ctx.workbook.insertRows(tab, rowOf(thirdTask) + 1);
    ctx.workbook.setCell(tab, rowOf(thirdTask) + 1, taskCol(), '临时：对接场地');

    reversePlan();
    const message = generateGantt(ctx, { planTab: '推进表' }).message;
    expect(message).not.toContain('旧版');
    expect(noteAt(rowOf(firstTask), taskCol())).toBe('这个要老板拍板');
    expect(grid()[rowOf(firstTask)][width + 2]).toBe('预算 3000');
    expect(grid()[rowOf(thirdTask) + 1][taskCol()]).toBe('临时：对接场地');
    // The plan is reversed: the first task is now last of the plan's tasks.
    expect(rowOf(firstTask)).toBeGreaterThan(rowOf(thirdTask));
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
  });

  test('a duration typed over the computed one is written again, and kept in the hidden old version', () => {
    const { ctx, tab, grid, rowOf, taskCol } = setup();
    const task = String(grid()[5][taskCol()]);
    const daysCol = grid()[3].indexOf('工期(天)');
    ctx.workbook.setCell(tab, rowOf(task), daysCol, 99);
    const message = generateGantt(ctx, { planTab: '推进表' }).message;
    const old = ctx.workbook.listTabs().find((t) => t.hidden);
    expect(old).toBeDefined();
    expect(message).toContain(`1 处放不下的内容在隐藏的旧版「${old!.name}」里`);
    expect(grid()[rowOf(task)][daysCol]).not.toBe(99);
    expect(ctx.workbook.readTab(old!.name)[rowOf(task)][daysCol]).toBe(99);
  });

  test('a task typed in the empty row under the tasks stays, as a row added by hand, with no old version', () => {
    const { ctx, tab, grid, taskCol, rowOf } = setup();
    const workload = grid().findIndex((line) => line[0] === '负责人与工作量');
    const below = grid().findIndex((line, r) => r > 3 && line.every((cell) => cell === null || cell === ''));
    expect(below).toBe(workload - 1);
    ctx.workbook.setCell(tab, below, taskCol(), '临时：补拍海报');
    const message = generateGantt(ctx, { planTab: '推进表' }).message;
    expect(message).not.toContain('旧版');
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
    expect(rowOf('临时：补拍海报')).toBe(below);
    // Still a blank row between it and the workload block.
    expect(grid()[below + 1].every((cell) => cell === null || cell === '')).toBe(true);
    expect(grid()[below + 2][0]).toBe('负责人与工作量');
  });
});
