// @time-zones: dates read from a plan in the fake of Sheets (build/test.mjs runs this suite under three time zones).
/** The push-plan Gantt in Sheets: the entry's global functions against the recording fake of Apps Script. */
import { serialFromYmd, toIso } from '../../src/core/dates';
import { GLOBALS } from '../../src/gas/main';
import { MARKER_KEY } from '../../src/gas/workbook';
import { FakeGas, installFakeGas } from './fake-spreadsheet';
import { FIRST, planRows, TEAM } from './gantt-plan';

const { createPlanTab, generateGantt, getGanttState, previewGantt, saveTeam, showGanttSidebar } = GLOBALS;

let fake: FakeGas;

afterEach(() => fake?.uninstall());

function seedPlan(n: number, name = '推进表'): void {
  const { values, formats } = planRows(n);
  fake.seedSheet(name, values, formats);
}

function value<T>(response: unknown): T {
  const envelope = response as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

function ganttMarkers(): string[] {
  return fake.spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(MARKER_KEY)
    .find()
    .filter((m) => JSON.parse(m.getValue() ?? '{}').kind === 'gantt')
    .map((m) => m.getLocation().getSheet()!.getName());
}

describe('the push-plan Gantt in Sheets', () => {
  test('the menu item opens the Gantt sidebar page', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.htmlFiles.set('sidebar-gantt', '<html><body><div id="app"></div></body></html>');
    showGanttSidebar();
    const output = fake.dialogs.find((d) => d.kind === 'sidebar')!.content as { getContent(): string; getTitle(): string };
    expect(output.getTitle()).toBe('推进表甘特图');
    expect(output.getContent()).toContain('window.__SOP_BOOT__={"page":"gantt","lang":"zh-CN","title":"推进表甘特图","messages":{');
  });

  test('a pasted plan becomes a marked, active Gantt tab; the plan sheet is not touched', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedPlan(12);
    const planBefore = fake.inspect('推进表').getDataRange().getValues();
    fake.resetCalls();

    expect(value(getGanttState())).toMatchObject({ planTabs: ['推进表'], teamTab: '团队', workingDays: false });
    expect(value(previewGantt({ planTab: '推进表' }))).toMatchObject({ tasks: 12, owners: 8, start: toIso(FIRST) });
    expect(fake.callsTo('Range.setValues')).toHaveLength(0);

    const result = value<{ tab: string; message: string }>(generateGantt({ planTab: '推进表' }));
    expect(result.tab).toBe('甘特图');
    expect(fake.toasts.map((t) => t.message)).toContain(result.message);
    expect(ganttMarkers()).toEqual(['甘特图']);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe('甘特图');
    const gantt = fake.inspect('甘特图');
    expect(gantt.getRange(4, 1, 1, 4).getValues()).toEqual([['ID', '阶段', '事项', '负责人']]);
    expect(
      gantt
        .getRange(5, 3, 12, 1)
        .getValues()
        .map((row) => row[0]),
    ).toEqual(Array.from({ length: 12 }, (_, i) => `事项${i + 1}`));
    // Per member a done part, a bar and a swatch in the task lists; then done, grey, today, overdue, overload, two for the lists, holidays and weekends.
    expect(gantt.getConditionalFormatRules()).toHaveLength(3 * TEAM.length + 9);
    expect(gantt.getFrozenRows()).toBe(4);
    expect(fake.inspect('推进表').getDataRange().getValues()).toEqual(planBefore);
  });

  test('generating again updates the same sheet; a broken plan is refused with its rows and nothing is written', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedPlan(5);
    value(generateGantt({ planTab: '推进表' }));
    fake.inspect('推进表').getRange(7, 2).setValue('事项6');
    fake
      .inspect('推进表')
      .getRange(7, 4)
      .setValue(serialFromYmd(2027, 1, 2));
    expect(value<{ created: boolean }>(generateGantt({ planTab: '推进表' })).created).toBe(false);
    expect(ganttMarkers()).toEqual(['甘特图']);
    expect(fake.inspect('甘特图').getRange(10, 3).getValue()).toBe('事项6');

    // 事项2 (row 3) now names a predecessor that does not exist.
    fake.inspect('推进表').getRange(3, 7).setValue('没有这个事项');
    const before = fake.inspect('甘特图').getDataRange().getValues();
    fake.resetCalls();
    const refused = generateGantt({ planTab: '推进表' }) as { ok: false; error: { message: string; problems: Array<{ row: number }> } };
    expect(refused.ok).toBe(false);
    expect(refused.error.problems.map((p) => p.row)).toEqual([3]);
    expect(refused.error.message).toContain('事项“事项2”的前置事项“没有这个事项”不存在');
    expect(fake.calls.filter((c) => /^(Range|RangeList|Sheet)\.(set|insert|clear|delete)/.test(c.method))).toEqual([]);
    expect(fake.inspect('甘特图').getDataRange().getValues()).toEqual(before);
  });

  test('the task cells are formulas reading the plan sheet; an owner typed on the Gantt sheet survives generating again', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedPlan(5);
    value(generateGantt({ planTab: '推进表' }));
    const gantt = fake.inspect('甘特图');
    // 事项2 on sheet row 6: its owner cell looks 事项2 up in the plan sheet's 事项 column (B) and shows its 负责人 (C).
    expect(gantt.getRange(6, 4).getFormula()).toBe(`=IFERROR(INDEX('推进表'!$C:$C,MATCH("事项2",'推进表'!$B:$B,0))&"","")`);
    gantt.getRange(6, 4).setValue('钱二');
    const again = value<{ edits: { kept: number }; message: string }>(generateGantt({ planTab: '推进表' }));
    expect(again.edits.kept).toBe(1);
    expect(fake.toasts.map((t) => t.message)).toContain(again.message);
    expect(again.message).toContain('保留了甘特图上手动修改的 1 处');
    const after = fake.inspect('甘特图');
    expect(after.getRange(6, 4).getFormula()).toBe('');
    expect(after.getRange(6, 4).getValue()).toBe('钱二');
    expect(after.getRange(5, 4).getFormula()).toContain('MATCH("事项1"');
  });

  test('the empty plan tab gets the owner dropdown from the Team sheet', () => {
    fake = installFakeGas({ locale: 'en_US' });
    saveTeam([{ name: 'Ann', role: 'operator' }]);
    expect(value(createPlanTab())).toMatchObject({ tab: 'Push plan' });
    const sheet = fake.inspect('Push plan');
    expect(sheet.getRange(1, 1, 1, 3).getValues()).toEqual([['Phase', 'Task', 'Requirement']]);
    const owner = sheet.getRange(2, 5).getDataValidation();
    expect((owner?.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range).getSheet().getName()).toBe('Team');
    expect(value(getGanttState())).toMatchObject({ planTabs: ['Push plan'], selected: 'Push plan' });
  });

  test('a colour someone gave the blank row under the tasks stays when the Gantt is drawn again (the add-on writes only blanks there)', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedPlan(6);
    value(generateGantt({ planTab: '推进表' }));
    const sheet = fake.inspect('甘特图');
    const sep = sheet
      .getDataRange()
      .getValues()
      .findIndex((line) => line[0] === '负责人与工作量'); // 1-based row of the blank row above it
    sheet.getRange(sep, 1, 1, 3).setBackground('#fff2cc');
    value(generateGantt({ planTab: '推进表' }));
    const after = fake.inspect('甘特图');
    expect(after.getRange(sep + 1, 1).getValue()).toBe('负责人与工作量');
    expect(after.getRange(sep, 1, 1, 3).getBackgrounds()[0]).toEqual(['#fff2cc', '#fff2cc', '#fff2cc']);
  });

  test('a Gantt sheet drawn when the blank row under the tasks was nobody’s: what people put on that row and below the chart stays in place', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    saveTeam(TEAM.map((name) => ({ name, role: 'operator' })));
    seedPlan(6);
    value(generateGantt({ planTab: '推进表' }));
    // The marker as an earlier version wrote it: the workload block one row lower, without the blank row.
    const [metadata] = fake.spreadsheet
      .createDeveloperMetadataFinder()
      .withKey(MARKER_KEY)
      .find()
      .filter((m) => JSON.parse(m.getValue() ?? '{}').kind === 'gantt');
    const stored = JSON.parse(metadata.getValue() ?? '{}') as { memo: { blocks: number[][]; blockRows: string[]; notes?: number[][] } };
    const [head, foot] = stored.memo.blocks;
    stored.memo.blocks = [head, [foot[0] + 1, foot[1], foot[2] - 1, foot[3]]];
    stored.memo.blockRows = stored.memo.blockRows.filter((_, i) => i !== head[2]);
    stored.memo.notes = stored.memo.notes?.map(([block, row, col, print]) => [block, block === 1 ? row - 1 : row, col, print]);
    metadata.setValue(JSON.stringify(stored));

    const sheet = fake.inspect('甘特图');
    const values = sheet.getDataRange().getValues();
    const sep = values.findIndex((line) => line[0] === '负责人与工作量') - 1; // 0-based
    const width = values[0].length;
    // The sheet is fitted to the chart: a person makes room beside and below it first.
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 3);
    sheet.insertRowsAfter(sheet.getMaxRows(), 3);
    sheet.getRange(sep + 1, 3).setNote('下面是工作量');
    sheet.getRange(sep + 1, width + 2).setValue('旁边');
    sheet.getRange(values.length + 2, 1).setValue('表下的字');

    for (let run = 0; run < 2; run++) {
      const result = value<{ message: string }>(generateGantt({ planTab: '推进表' }));
      expect(result.message).not.toContain('旧版');
      expect(result.message).toContain('你加的 3 处内容随行保留');
      const after = fake.inspect('甘特图');
      expect(after.getRange(sep + 2, 1).getValue()).toBe('负责人与工作量');
      expect(
        after
          .getRange(sep + 1, 1, 1, width)
          .getValues()[0]
          .every((cell) => cell === ''),
      ).toBe(true);
      expect(after.getRange(sep + 1, 3).getNote()).toBe('下面是工作量');
      expect(after.getRange(sep + 1, width + 2).getValue()).toBe('旁边');
      expect(after.getRange(values.length + 2, 1).getValue()).toBe('表下的字');
      expect(fake.spreadsheet.getSheets().filter((s) => s.isSheetHidden())).toHaveLength(0);
      // The marker now has the blank row leading the workload block.
      const memo = (JSON.parse(metadata.getValue() ?? '{}') as { memo: { blocks: number[][] } }).memo;
      expect(memo.blocks[1][0]).toBe(sep);
    }
  });
});
