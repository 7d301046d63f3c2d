/** The activity list tab has two layers: drafting a month rewrites the add-on's cells and leaves the user's. */
import { createActivityList, draftMonth } from '../../src/app/calendar';
import { serialFromYmd } from '../../src/core/dates';
import { isFormulaCell } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';

const today = serialFromYmd(2026, 11, 23);
const d = (y: number, m: number, day: number) => serialFromYmd(y, m, day);

describe('drafting a month on our list keeps what people added to it', () => {
  test('a 备注2 column, a note on an activity, a hidden row and a colour stay with their activity, and the toast says so', () => {
    const ctx = createDemoContext({ today });
    createActivityList(ctx);
    const list = '活动清单';
    [
      ['JAVA训练营(14期)', '训练营', d(2026, 12, 8), d(2026, 12, 10), '林晓'],
      ['周末直播', '营销课', d(2026, 12, 12), null, '赵老师'],
      ['老学员回访', '调研表单', d(2026, 12, 15), null, '陈默'],
    ].forEach((row, r) => row.forEach((value, c) => value !== null && ctx.workbook.setCell(list, r + 1, c, value)));
    // The operator adds a column of their own between 目标 and 状态, a note, hides a row and colours one.
    ctx.workbook.insertColumns(list, 7);
    ctx.workbook.setCell(list, 0, 7, '备注2');
    ctx.workbook.setCell(list, 1, 7, '等场地确认');
    ctx.workbook.setNote(list, 2, 0, '赵老师要求改到周六');
    ctx.workbook.hideRows(list, 3);
    ctx.workbook.setStyle(list, { row: 1, col: 0, rows: 1, cols: 1 }, { background: '#fce8e6' });
    ctx.ui.messages.length = 0;

    const result = draftMonth(ctx, { month: '2026-12', rhythm: { dailyMoments: false } });

    const grid = ctx.workbook.readTab(list);
    expect(grid[0]).toEqual(['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '备注2', '状态']);
    expect(grid.slice(1, 4).map((row) => [row[0], row[7]])).toEqual([
      ['JAVA训练营(14期)', '等场地确认'],
      ['周末直播', null],
      ['老学员回访', null],
    ]);
    // The drafts go below, their status in 状态 (now column I), nothing in the user's column.
    const drafts = grid.slice(4);
    expect(drafts).toHaveLength(result.drafts.length);
    expect(drafts.every((row) => row[8] === '草稿' && row[7] === null)).toBe(true);

    const spec = ctx.workbook.tab(list).spec;
    expect(spec.notes?.find((note) => note.row === 2 && note.col === 0)?.text).toBe('赵老师要求改到周六');
    expect(spec.hiddenRows).toEqual([3]);
    expect(spec.styles).toContainEqual({ range: { row: 1, col: 0, rows: 1, cols: 1 }, style: { background: '#fce8e6' } });

    // Nothing had to move to an old version, and the toast counts what stayed: 备注2, its cell and the note.
    expect(ctx.workbook.listTabs().some((tab) => tab.hidden)).toBe(false);
    expect(result.message).toBe(`已在「活动清单」追加 ${drafts.length} 条草稿 · 已刷新 2026-12 活动日历 · 你加的 3 处内容随行保留`);
    expect(ctx.ui.messages.map((m) => m.message)).toEqual([result.message]);

    // The month's calendar reads the list where its columns are now.
    const formula = ctx.workbook.tab('2026-12 活动日历').spec.rows.flat().find(isFormulaCell);
    expect(formula?.formula).toContain("'活动清单'!$I$2:$I<>");
  });

  test('drafting again after a person typed an activity of their own keeps it where they typed it', () => {
    const ctx = createDemoContext({ today });
    createActivityList(ctx);
    const list = '活动清单';
    draftMonth(ctx, { month: '2026-12', rhythm: { campEveryWeeks: 0, weeklyLiveWeekday: 'none', promoOnFestivals: false, dailyMoments: true } });
    const before = ctx.workbook.readTab(list);
    // A hand-added row between the drafts, with a note on its 目标 cell.
    ctx.workbook.insertRows(list, 2);
    ['跨年直播', '营销课', d(2026, 12, 31)].forEach((value, c) => ctx.workbook.setCell(list, 2, c, value));
    ctx.workbook.setNote(list, 2, 6, '目标待定');

    draftMonth(ctx, { month: '2026-12', rhythm: { campEveryWeeks: 0, weeklyLiveWeekday: 'sat', promoOnFestivals: false, dailyMoments: false } });
    const after = ctx.workbook.readTab(list);
    expect(after[1]).toEqual(before[1]);
    expect(after[2].slice(0, 3)).toEqual(['跨年直播', '营销课', d(2026, 12, 31)]);
    expect(after.slice(3, before.length + 1)).toEqual(before.slice(2));
    const drafts = after.slice(before.length + 1);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((row) => row[7] === '草稿')).toBe(true);
    expect(ctx.workbook.tab(list).spec.notes?.find((note) => note.row === 2 && note.col === 6)?.text).toBe('目标待定');
  });
});
