/**
 * Regenerating an SOP tab keeps everything a person made on it: their own columns, text beside the
 * table, notes, edited template texts, hidden rows and colours travel with their rows, and what cannot
 * stay goes to a hidden, dated old version — the toast says so truthfully.
 */
import { generateSopTabs, saveSopTemplate, type SopRequest } from '../../src/app/sop';
import { saveTeam } from '../../src/app/team';
import { addDays, fromIso, toIso, type DaySerial } from '../../src/core/dates';
import type { CellValue } from '../../src/core/tab/spec';
import { createLocalContext, type LocalContext } from '../../src/local/context';

const TODAY = fromIso('2026-11-23') as DaySerial;
const ANCHOR = '2026-12-14';
const TAB = 'SOP·Java引流5群·第12期';

function context(): LocalContext {
  const ctx = createLocalContext({ today: TODAY, locale: 'zh_CN' });
  saveTeam(ctx, [
    { name: '林晓', role: 'operator' },
    { name: '陈默', role: 'advisor' },
    { name: '赵老师', role: 'lecturer' },
    { name: '李班', role: 'headTeacher' },
    { name: '吴助', role: 'assistant' },
    { name: '孙悦', role: 'designer' },
  ]);
  return ctx;
}

const request = (over: Partial<SopRequest> = {}): SopRequest => ({
  template: 'big-class-28d',
  anchor: ANCHOR,
  groups: 'Java引流5群',
  cohort: '第12期',
  ...over,
});

const grid = (ctx: LocalContext): CellValue[][] => ctx.workbook.readTab(TAB);
const columnOf = (ctx: LocalContext, header: string): number => grid(ctx)[0].indexOf(header);
const rowOf = (ctx: LocalContext, id: string): number => grid(ctx).findIndex((line) => line[columnOf(ctx, 'ID')] === id);
const cell = (ctx: LocalContext, id: string, header: string): CellValue => grid(ctx)[rowOf(ctx, id)]?.[columnOf(ctx, header)] ?? null;
const noteAt = (ctx: LocalContext, row: number, col: number): string =>
  ctx.workbook.tab(TAB).spec.notes?.find((n) => n.row === row && n.col === col)?.text ?? '';
const idAt = (ctx: LocalContext, row: number): string => String(grid(ctx)[row][columnOf(ctx, 'ID')]);
/** The summary's column: under the header-row cell that says where it starts (汇总 ↓ 在第 N 行). */
const summaryColumn = (ctx: LocalContext): number => grid(ctx)[0].findIndex((header) => String(header ?? '').startsWith('汇总 ↓'));
/** The sheet row of the summary's first line ("按阶段"), below the table. */
const summaryTop = (ctx: LocalContext): number => grid(ctx).findIndex((line) => line[summaryColumn(ctx)] === '按阶段');
const lastToast = (ctx: LocalContext): string =>
  ctx.ui.messages
    .filter((m) => m.kind === 'toast')
    .map((m) => m.message)
    .pop() ?? '';

describe('regenerating an SOP tab keeps the user’s layer', () => {
  test('a 复盘 column, text beside the table, notes and an edited 话术 survive a moved anchor, each with its row', () => {
    const ctx = context();
    generateSopTabs(ctx, request());
    const ids = [3, 8, 15].map((row) => idAt(ctx, row));
    const scriptCol = columnOf(ctx, '话术');
    const originalScript = cell(ctx, ids[1], '话术');
    const originalDates = ids.map((id) => cell(ctx, id, '日期') as number);

    // A column of the user's between 备注 and 节日/节气, a note on a status cell, a note on an empty cell
    // far right, text typed to the right of the table, a rewritten script and item.
    const reviewCol = columnOf(ctx, '备注') + 1;
    ctx.workbook.insertColumns(TAB, reviewCol);
    ctx.workbook.setCell(TAB, 0, reviewCol, '复盘');
    ctx.workbook.setCell(TAB, rowOf(ctx, ids[0]), reviewCol, '到课率偏低，下期提前两天预热');
    ctx.workbook.setNote(TAB, rowOf(ctx, ids[0]), columnOf(ctx, '状态'), '等讲师确认时间');
    ctx.workbook.setCell(TAB, rowOf(ctx, ids[2]), 40, '这一行我要重点跟');
    ctx.workbook.setNote(TAB, rowOf(ctx, ids[2]), 41, '右边的批注');
    ctx.workbook.setCell(TAB, rowOf(ctx, ids[1]), scriptCol, '我改写的话术：今晚八点直播，记得定闹钟');
    ctx.workbook.setCell(TAB, rowOf(ctx, ids[1]), columnOf(ctx, '事项'), '我改的事项');
    ctx.ui.messages.length = 0;

    const moved = toIso(addDays(fromIso(ANCHOR) as DaySerial, 3));
    const result = generateSopTabs(ctx, request({ anchor: moved }));
    expect(result.tabs[0].created).toBe(false);
    expect(result.tabs[0].line).toMatch(/ · 0 项丢失$/);
    expect(result.tabs[0].line).toContain('2 处手改文字保留');

    expect(grid(ctx)[0][columnOf(ctx, '复盘')]).toBe('复盘');
    expect(cell(ctx, ids[0], '复盘')).toBe('到课率偏低，下期提前两天预热');
    expect(noteAt(ctx, rowOf(ctx, ids[0]), columnOf(ctx, '状态'))).toBe('等讲师确认时间');
    expect(grid(ctx)[rowOf(ctx, ids[2])][40]).toBe('这一行我要重点跟');
    expect(noteAt(ctx, rowOf(ctx, ids[2]), 41)).toBe('右边的批注');
    expect(cell(ctx, ids[1], '话术')).toBe('我改写的话术：今晚八点直播，记得定闹钟');
    expect(cell(ctx, ids[1], '事项')).toBe('我改的事项');
    // The edited cell is marked with a note showing the template's text.
    const scriptNote = noteAt(ctx, rowOf(ctx, ids[1]), columnOf(ctx, '话术'));
    expect(scriptNote).toBe(`【SOP助手】这里的文字手动改过，重新生成时保留。模板原文：${originalScript}`);
    // The rows were re-dated, and the summary sits right of the user's column, below the table.
    expect(ids.map((id) => cell(ctx, id, '日期'))).toEqual(originalDates.map((date) => date + 3));
    expect(summaryColumn(ctx)).toBeGreaterThan(columnOf(ctx, '复盘'));
    expect(summaryTop(ctx)).toBeGreaterThan(rowOf(ctx, ids[ids.length - 1]));
    expect(ctx.workbook.listTabs().filter((tab) => tab.hidden)).toEqual([]);

    // Generating again with nothing changed changes nothing of the user's and keeps the same note.
    generateSopTabs(ctx, request({ anchor: moved }));
    expect(cell(ctx, ids[1], '话术')).toBe('我改写的话术：今晚八点直播，记得定闹钟');
    expect(noteAt(ctx, rowOf(ctx, ids[1]), columnOf(ctx, '话术'))).toBe(scriptNote);
    expect(noteAt(ctx, rowOf(ctx, ids[0]), columnOf(ctx, '状态'))).toBe('等讲师确认时间');
  });

  test('rows appended under the table, in the blank row and beside the summary, survive with their notes and own columns; the summary moves below them', () => {
    const ctx = context();
    generateSopTabs(ctx, request());
    const reviewCol = columnOf(ctx, '备注') + 1;
    ctx.workbook.insertColumns(TAB, reviewCol);
    ctx.workbook.setCell(TAB, 0, reviewCol, '复盘');
    const top = summaryTop(ctx);
    // One row in the blank row under the table, one beside the summary's first line.
    const appended = [
      { row: top - 1, item: '加一次答疑直播', review: '学员要求', note: '周三前定时间' },
      { row: top, item: '给沉默学员发私聊', review: '试一次', note: '话术找林晓要' },
    ];
    for (const line of appended) {
      ctx.workbook.setCell(TAB, line.row, columnOf(ctx, '事项'), line.item);
      ctx.workbook.setCell(TAB, line.row, reviewCol, line.review);
      ctx.workbook.setNote(TAB, line.row, columnOf(ctx, '事项'), line.note);
    }

    const result = generateSopTabs(ctx, request({ anchor: '2026-12-17' }));
    expect(result.tabs[0].line).toMatch(/ · 0 项丢失$/);
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
    const rowWith = (item: string): number => grid(ctx).findIndex((line) => line[columnOf(ctx, '事项')] === item);
    for (const line of appended) {
      const row = rowWith(line.item);
      expect(row).toBeGreaterThan(0);
      expect(grid(ctx)[row][columnOf(ctx, '复盘')]).toBe(line.review);
      expect(noteAt(ctx, row, columnOf(ctx, '事项'))).toBe(line.note);
      // Now rows of the table, above the summary, which sits right of the user's column.
      expect(row).toBeLessThan(summaryTop(ctx) - 1);
    }
    expect(summaryTop(ctx)).toBe(top + 2);
    expect(summaryColumn(ctx)).toBeGreaterThan(columnOf(ctx, '复盘'));
    expect(
      grid(ctx)
        .flat()
        .filter((text) => text === '按阶段'),
    ).toHaveLength(1);
  });

  test('rows people hid and colours they gave stay with their rows when rows are added and re-sorted', () => {
    const ctx = context();
    generateSopTabs(ctx, request({ template: 'conversion-7d' }));
    const hiddenId = idAt(ctx, 4);
    const paintedId = idAt(ctx, 6);
    ctx.workbook.hideRows(TAB, 4);
    ctx.workbook.setStyle(TAB, { row: 6, col: columnOf(ctx, '事项'), rows: 1, cols: 1 }, { background: '#ff0000' });
    // A hand-added row near the top pushes everything down by one.
    ctx.workbook.insertRows(TAB, 2);
    ctx.workbook.setCell(TAB, 2, columnOf(ctx, '事项'), '手加：提前建备用群');

    generateSopTabs(ctx, request({ template: 'conversion-7d', anchor: '2026-12-20' }));
    const spec = ctx.workbook.tab(TAB).spec;
    expect(spec.hiddenRows).toEqual([rowOf(ctx, hiddenId)]);
    const painted = (spec.styles ?? []).filter((s) => s.style.background === '#ff0000');
    expect(painted.map((s) => s.range.row)).toEqual([rowOf(ctx, paintedId)]);
    expect(grid(ctx).some((line) => line.includes('手加：提前建备用群'))).toBe(true);
    expect(lastToast(ctx)).toMatch(/0 项丢失$/);
  });

  test('text typed where the summary now has to go is kept in a hidden, dated old version, and the toast says so', () => {
    const ctx = context();
    generateSopTabs(ctx, request({ template: 'conversion-7d' }));
    const summaryCol = summaryColumn(ctx);
    const block = (ctx.workbook.listTabs().find((tab) => tab.name === TAB)?.marker?.memo?.blocks ?? []).find(([row]) => row > 0)!;
    expect(block[0]).toBe(summaryTop(ctx));
    const below = block[0] + block[2];
    // Right below the summary, where it will reach once someone new owns a row (one more line per owner).
    ctx.workbook.setCell(TAB, below, summaryCol, '我的备忘：周五前定好讲师');
    ctx.workbook.setCell(TAB, 3, columnOf(ctx, '执行人'), '外援小刘');
    const result = generateSopTabs(ctx, request({ template: 'conversion-7d', anchor: '2026-12-21' }));
    const hidden = ctx.workbook.listTabs().filter((tab) => tab.hidden);
    expect(hidden).toHaveLength(1);
    expect(hidden[0].name).toMatch(/^SOP·Java引流5群·第12期 · 旧版 \d\d-\d\d$/);
    expect(ctx.workbook.readTab(hidden[0].name)[below][summaryCol]).toBe('我的备忘：周五前定好讲师');
    expect(result.tabs[0].line).toContain(`1 处放不下的内容在隐藏的旧版「${hidden[0].name}」里`);
    expect(result.tabs[0].line).toMatch(/0 项丢失$/);
  });
});

describe('texts someone rewrote, when the template changes too', () => {
  test('the cell keeps the rewrite and says what the template says now; "use the template’s new texts" replaces it, keeping the old tab', () => {
    const ctx = context();
    const saved = saveSopTemplate(ctx, { template: 'conversion-7d' });
    const templateTab = saved.tab;
    const request = { template: saved.ref, anchor: ANCHOR, groups: 'Java引流5群', cohort: '第12期' };
    generateSopTabs(ctx, request);
    const id = idAt(ctx, 2);
    const item = String(cell(ctx, id, '事项'));
    // Someone rewrites the row's 话术 in the SOP tab …
    ctx.workbook.setCell(TAB, rowOf(ctx, id), columnOf(ctx, '话术'), '我自己的话术');
    // … and someone else improves the same row's 话术 in the template tab.
    const template = ctx.workbook.readTab(templateTab);
    const header = template.findIndex((line) => line.includes('话术'));
    const templateRow = template.findIndex((line, r) => r > header && line[template[header].indexOf('事项')] === item);
    ctx.workbook.setCell(templateTab, templateRow, template[header].indexOf('话术'), '模板里改进后的话术');

    const again = generateSopTabs(ctx, request);
    expect(cell(ctx, id, '话术')).toBe('我自己的话术');
    expect(noteAt(ctx, rowOf(ctx, id), columnOf(ctx, '话术'))).toBe(
      '【SOP助手】模板的文字已更新为：模板里改进后的话术（在侧边栏点“采用模板新文字”可替换，旧文字会存入隐藏的旧版）',
    );
    expect(again.tabs[0].line).toContain('1 处手改文字保留 · 1 处模板已更新（见批注）');
    expect(ctx.workbook.listTabs().some((tab) => tab.hidden)).toBe(false);

    const replaced = generateSopTabs(ctx, { ...request, useTemplateTexts: true });
    expect(cell(ctx, id, '话术')).toBe('模板里改进后的话术');
    expect(noteAt(ctx, rowOf(ctx, id), columnOf(ctx, '话术'))).toBe('');
    const old = ctx.workbook.listTabs().find((tab) => tab.hidden);
    expect(old?.name).toMatch(/^SOP·Java引流5群·第12期 · 旧版 /);
    expect(ctx.workbook.readTab(old!.name).some((line) => line.includes('我自己的话术'))).toBe(true);
    expect(replaced.tabs[0].line).toContain('1 处手改文字换成了模板的新文字');
    expect(replaced.tabs[0].line).toMatch(/0 项丢失$/);
  });
});

describe('a tab written before the add-on kept its layers', () => {
  test('an SOP tab without the text-check column and memo is updated like any other: dates in scripts move, nothing is taken for an edit, the summary is found', () => {
    const ctx = context();
    generateSopTabs(ctx, request());
    // As the previous version left it: no text-check column, a marker that remembers nothing.
    const tab = ctx.workbook.tab(TAB);
    ctx.workbook.deleteColumns(TAB, columnOf(ctx, '文字校验'));
    tab.marker = { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } };
    const id = idAt(ctx, 1);
    const script = String(cell(ctx, id, '话术'));
    expect(script).toContain('12月14日');
    ctx.workbook.setCell(TAB, rowOf(ctx, id), columnOf(ctx, '状态'), '已完成');

    const result = generateSopTabs(ctx, request({ anchor: '2026-12-17' }));
    expect(result.tabs[0].line).toBe('+0 行 · 60 行改期 · 0 项丢失');
    expect(cell(ctx, id, '话术')).toBe(script.replace('12月14日', '12月17日'));
    expect(cell(ctx, id, '状态')).toBe('已完成');
    expect(
      grid(ctx)
        .flat()
        .filter((text) => text === '按阶段'),
    ).toHaveLength(1);
    expect(columnOf(ctx, '文字校验')).toBe(columnOf(ctx, '系统分配') + 1);
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
  });

  test('an SOP tab with its summary in row 1, right of the table (as earlier versions wrote it), gets it below the table, nothing lost', () => {
    const ctx = context();
    generateSopTabs(ctx, request());
    // As an earlier version left it: the summary's lines from row 1 down, beside the table, no pointer, no memo.
    const col = summaryColumn(ctx);
    const top = summaryTop(ctx);
    const lines = grid(ctx)
      .slice(top)
      .map((line) => line.slice(col, col + 5));
    ctx.workbook.setCell(TAB, 0, col, null);
    lines.forEach((line, r) => line.forEach((_, c) => ctx.workbook.setCell(TAB, top + r, col + c, null)));
    lines.forEach((line, r) => line.forEach((value, c) => ctx.workbook.setCell(TAB, r, col + c, value)));
    const tab = ctx.workbook.tab(TAB);
    // Its notes (on the header lines) move up with it.
    for (const note of tab.spec.notes ?? []) if (note.row >= top && note.col >= col) note.row -= top;
    tab.marker = { kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } };
    expect(grid(ctx)[0][col]).toBe('按阶段');

    const result = generateSopTabs(ctx, request({ anchor: '2026-12-17' }));
    expect(result.tabs[0].line).toBe('+0 行 · 60 行改期 · 0 项丢失');
    expect(ctx.workbook.listTabs().some((t) => t.hidden)).toBe(false);
    // One summary, below the table, and nothing of the old one left beside the table's rows.
    expect(summaryColumn(ctx)).toBe(col);
    expect(summaryTop(ctx)).toBe(top);
    expect(
      grid(ctx)
        .flat()
        .filter((text) => text === '按阶段'),
    ).toHaveLength(1);
    const besideTable = grid(ctx).slice(1, top - 1);
    for (const line of besideTable) expect(line.slice(col, col + 5).filter((value) => value !== null && value !== '')).toEqual([]);
  });
});
