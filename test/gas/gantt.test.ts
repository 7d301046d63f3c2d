// @time-zones: dates read from a plan in the fake of Sheets (build/test.mjs runs this suite under three time zones).
/** The push-plan Gantt in Sheets: the entry's global functions against the recording fake of Apps Script. */
import { serialFromYmd, toIso } from '../../src/core/dates';
import { GLOBALS } from '../../src/gas/main';
import { MARKER_KEY } from '../../src/gas/workbook';
import { FakeGas, installFakeGas } from './fake-spreadsheet';

const { createPlanTab, generateGantt, getGanttState, previewGantt, saveTeam, showGanttSidebar } = GLOBALS;

let fake: FakeGas;

afterEach(() => fake?.uninstall());

const TEAM = ['林晓', '周舟', '陈默', '王蕾', '赵老师', '孙悦', '刘一', '钱二'];
const HEADER = ['阶段', '事项', '负责人', '开始日期', '结束日期', '工期(天)', '前置事项', '进度'];
const FIRST = serialFromYmd(2026, 12, 1);
const DAYS = 90;

/**
 * A plan of `n` tasks spread over 90 days (the first starts on day 1, one ends on day 90), owners
 * cycling through the team, every tenth task a milestone (its day cells carry the ◆ formula), and
 * a chain of predecessors every few tasks.
 */
function planRows(n: number): { values: (string | number | null)[][]; formats: (string | null)[][] } {
  const values: (string | number | null)[][] = [HEADER];
  const formats: (string | null)[][] = [HEADER.map(() => null)];
  for (let i = 0; i < n; i++) {
    const start = i === n - 1 ? FIRST + DAYS - 5 : FIRST + (i % (DAYS - 10));
    const milestone = i % 10 === 9 && i !== n - 1;
    const end = i === n - 1 ? FIRST + DAYS - 1 : start + (i % 7);
    values.push([
      `阶段${i % 3}`,
      `事项${i + 1}`,
      TEAM[i % TEAM.length],
      start,
      milestone ? null : end,
      milestone ? 0 : null,
      i % 5 === 4 ? `事项${i}` : null,
      (i % 4) / 4,
    ]);
    formats.push([null, null, null, 'yyyy-mm-dd', 'yyyy-mm-dd', null, null, '0%']);
  }
  return { values, formats };
}

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
    expect(gantt.getConditionalFormatRules()).toHaveLength(TEAM.length + 4);
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

  test.each([8, 3])(
    'Apps Script calls per Gantt tab do not grow with the tasks (10 / 100 / 1,000 over 90 days), first run or again; rules = %i owners + 4',
    (owners) => {
      const run = (n: number) => {
        fake = installFakeGas({ locale: 'zh_CN' });
        saveTeam(TEAM.slice(0, owners).map((name) => ({ name, role: 'operator' })));
        const { values, formats } = planRows(n);
        // Owners outside a smaller team are still named; their bars are grey.
        fake.seedSheet('推进表', values, formats);
        // Utilities.formatDate turns each date read into a day serial: local work, not a call to the spreadsheet.
        const counted = () => fake.calls.filter((call) => !call.method.startsWith('Utilities.')).length;
        fake.resetCalls();
        const result = value<{ summary: { start: string; end: string } }>(generateGantt({ planTab: '推进表' }));
        const calls = counted();
        // Generating again reads the Gantt sheet back (to keep what was typed on it) and redraws it; a tenth of the owners were typed.
        const typed = Array.from({ length: Math.ceil(n / 10) }, (_, i) => [TEAM[(i * 3) % TEAM.length]]);
        fake.inspect('甘特图').getRange(5, 4, typed.length, 1).setValues(typed);
        fake.resetCalls();
        const again = value<{ edits: { kept: number } }>(generateGantt({ planTab: '推进表' }));
        const callsAgain = counted();
        const rules = fake.inspect('甘特图').getConditionalFormatRules().length;
        fake.uninstall();
        return { calls, callsAgain, kept: again.edits.kept, typed: typed.length, rules, span: `${result.summary.start}→${result.summary.end}` };
      };
      const [ten, hundred, thousand] = [10, 100, 1000].map(run);
      expect(ten.span).toBe(`${toIso(FIRST)}→${toIso(FIRST + DAYS - 1)}`);
      expect(thousand.span).toBe(ten.span);
      expect(hundred.calls).toBe(ten.calls);
      expect(thousand.calls).toBe(ten.calls);
      expect([hundred.callsAgain, thousand.callsAgain]).toEqual([ten.callsAgain, ten.callsAgain]);
      // Typed owners equal to the plan's are not edits; the others are kept.
      for (const figures of [ten, hundred, thousand]) expect(figures.kept).toBeLessThanOrEqual(figures.typed);
      expect(thousand.kept).toBeGreaterThan(0);
      expect([ten.rules, hundred.rules, thousand.rules]).toEqual([owners + 4, owners + 4, owners + 4]);
    },
  );
});
