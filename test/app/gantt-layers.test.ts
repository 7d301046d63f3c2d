/**
 * The Gantt tab keeps what people add to it: a note on a task's row and the text beside it go with
 * that task when the plan's tasks are reordered, a row added by hand stays after the task it
 * followed, and a duration typed over the computed one is kept in the old version.
 */
import { generateGantt } from '../../src/app/gantt';
import { fromIso, type DaySerial } from '../../src/core/dates';
import type { MarkerMemo } from '../../src/core/tab/marker';
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
    const memo = () => ctx.workbook.listTabs().find((info) => info.name === tab)!.marker!.memo!;
    const workloadRow = () => grid().findIndex((line) => line[0] === '负责人与工作量');
    const blank = (row: number, cols: number) => {
      const line = grid()[row];
      return line.slice(0, cols).every((cell) => cell === null || cell === '');
    };
    return { ctx, tab, grid, taskCol, rowOf, noteAt, reversePlan, memo, workloadRow, blank };
  };

  /**
   * The memo a tab drawn before the blank row under the tasks led the workload block says: that block
   * one row lower and one row shorter, without the blank row's fingerprint.
   */
  const drawnByAnEarlierVersion = (memo: MarkerMemo): void => {
    const [head, foot] = memo.blocks!;
    memo.blocks = [head, [foot[0] + 1, foot[1], foot[2] - 1, foot[3]]];
    memo.blockRows = memo.blockRows!.filter((_, i) => i !== head[2]);
    memo.notes = memo.notes?.map(([block, row, col, print]) => [block, block === 1 ? row - 1 : row, col, print]);
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

  test('the blank row under the tasks leads the workload block: one rectangle from the title to the last warning', () => {
    const { ctx, tab, memo, workloadRow } = setup();
    const [head, foot] = memo().blocks!;
    expect(head).toEqual([0, 0, 3, foot[3]]);
    expect(foot[0]).toBe(workloadRow() - 1);
    expect(foot[0] + foot[2]).toBe(ctx.workbook.readTab(tab).length);
  });

  test('a note and text in the blank row under the tasks, and text and a note below the workload block, stay where they are', () => {
    const { ctx, tab, grid, noteAt, workloadRow, blank, memo } = setup();
    const sep = workloadRow() - 1;
    const width = Math.max(...grid().map((line) => line.length));
    const end = grid().length;
    ctx.workbook.setNote(tab, sep, 2, '下面是工作量');
    ctx.workbook.setCell(tab, sep, width + 1, '旁边的备注');
    ctx.workbook.setCell(tab, end + 1, 0, '表下的字');
    ctx.workbook.setNote(tab, end + 1, 3, '表下的批注');
    const before = JSON.stringify(memo().blocks);

    for (let run = 0; run < 2; run++) {
      const message = generateGantt(ctx, { planTab: '推进表' }).message;
      expect(message).not.toContain('旧版');
      expect(message).toContain('你加的 4 处内容随行保留');
      expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
      expect(workloadRow()).toBe(sep + 1);
      expect(blank(sep, width)).toBe(true);
      expect(noteAt(sep, 2)).toBe('下面是工作量');
      expect(grid()[sep][width + 1]).toBe('旁边的备注');
      expect(grid()[end + 1][0]).toBe('表下的字');
      expect(noteAt(end + 1, 3)).toBe('表下的批注');
      // The blank row still leads the block: the note joins it, the text beside it is outside it.
      expect(JSON.stringify(memo().blocks)).toBe(before);
    }
  });

  test('a formula of someone’s in the blank row under the tasks keeps its place: the workload block starts below it', () => {
    const { ctx, tab, grid, workloadRow, memo } = setup();
    const sep = workloadRow() - 1;
    ctx.workbook.setCell(tab, sep, 15, { formula: '=""', value: '' });
    for (let run = 0; run < 2; run++) {
      const message = generateGantt(ctx, { planTab: '推进表' }).message;
      expect(message).not.toContain('旧版');
      expect(message).toContain('你加的 1 处内容随行保留');
      expect(ctx.workbook.tab(tab).spec.rows[sep][15]).toEqual({ formula: '=""', value: '' });
      expect(workloadRow()).toBe(sep + 1);
      expect(memo().blocks![1][0]).toBe(sep + 1);
    }
    expect(grid()[sep + 1][0]).toBe('负责人与工作量');
  });

  test('a tab drawn when the blank row under the tasks was nobody’s regenerates without loss, what people put there staying in place', () => {
    const { ctx, tab, grid, noteAt, workloadRow, blank, memo } = setup();
    const fresh = grid();
    const sep = workloadRow() - 1;
    const width = Math.max(...grid().map((line) => line.length));
    drawnByAnEarlierVersion(memo());
    expect(memo().blocks![1][0]).toBe(sep + 1);
    ctx.workbook.setNote(tab, sep, 0, '空行的批注');
    ctx.workbook.setCell(tab, sep, width + 2, '空行旁边');
    ctx.workbook.setCell(tab, grid().length + 2, 1, '最下面');

    const message = generateGantt(ctx, { planTab: '推进表' }).message;
    expect(message).not.toContain('旧版');
    expect(message).toContain('你加的 3 处内容随行保留');
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
    expect(noteAt(sep, 0)).toBe('空行的批注');
    expect(grid()[sep][width + 2]).toBe('空行旁边');
    expect(grid()[fresh.length + 2][1]).toBe('最下面');
    expect(blank(sep, width)).toBe(true);
    // The add-on's cells are as a new tab's, and the block now starts at the blank row.
    expect(
      grid()
        .slice(0, fresh.length)
        .map((line) => line.slice(0, width)),
    ).toEqual(fresh.map((line) => line.slice(0, width)));
    expect(memo().blocks![1][0]).toBe(sep);
  });

  test('a tab drawn when the blank row under the tasks was nobody’s keeps a task typed there as a row added by hand', () => {
    const { ctx, tab, taskCol, rowOf, workloadRow, blank, memo } = setup();
    const sep = workloadRow() - 1;
    drawnByAnEarlierVersion(memo());
    ctx.workbook.setCell(tab, sep, taskCol(), '临时：补拍海报');
    const message = generateGantt(ctx, { planTab: '推进表' }).message;
    expect(message).not.toContain('旧版');
    expect(rowOf('临时：补拍海报')).toBe(sep);
    expect(blank(sep + 1, 12)).toBe(true);
    expect(workloadRow()).toBe(sep + 2);
    expect(memo().blocks![1][0]).toBe(sep + 1);
  });

  test('a task row deleted by hand: the workload block is found where it moved, nothing goes to an old version', () => {
    const { ctx, tab, grid, taskCol, workloadRow } = setup();
    const sep = workloadRow() - 1;
    const tasks = grid().length;
    ctx.workbook.deleteRows(tab, 6);
    const message = generateGantt(ctx, { planTab: '推进表' }).message;
    expect(message).not.toContain('旧版');
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
    // The task is back (the plan has it), the block where it was.
    expect(workloadRow()).toBe(sep + 1);
    expect(grid().length).toBe(tasks);
    expect(grid()[6][taskCol()]).not.toBe('');
  });
});
