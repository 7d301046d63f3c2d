// @time-zones: dates written to and read back from the fake of Sheets (build/test.mjs runs this suite under three time zones).
/** SOP schedules in Sheets: the entry's global functions against the recording fake of Apps Script. */
import { fromIso, toIso, type DaySerial } from '../../src/core/dates';
import { generateSop as generateRows } from '../../src/core/sop/generate';
import { buildSopTab } from '../../src/core/sop/tab';
import type { Person } from '../../src/core/team/team';
import { GLOBALS } from '../../src/gas/main';
import { MARKER_KEY, SheetsWorkbook } from '../../src/gas/workbook';
import { countDocumentCalls } from './count-calls';
import { FakeGas, installFakeGas } from './fake-spreadsheet';
import { bigTemplate, bigTemplateGrid } from './sop-big-template';
import { itOnce } from '../support/zones';

const { generateSop, getSopState, previewSop, saveSopTemplate, saveTeam, showSopSidebar } = GLOBALS;

let fake: FakeGas;

afterEach(() => fake?.uninstall());

const TEAM = [
  { name: '林晓', role: 'operator' },
  { name: '周舟', role: 'operator' },
  { name: '陈默', role: 'advisor' },
  { name: '赵老师', role: 'lecturer' },
  { name: '李班', role: 'headTeacher' },
  { name: '吴助', role: 'assistant' },
  { name: '孙悦', role: 'designer' },
];
const TAB = 'SOP·Java引流5群·第12期';
const request = (anchor: string, template = 'big-class-28d') => ({ template, anchor, groups: 'Java引流5群', cohort: '第12期' });

function value<T>(response: unknown): T {
  const envelope = response as { ok: boolean; value: T; error?: unknown };
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** The tab as the add-on reads it back (dates as day serials), keyed by header. */
function table(name: string): Array<Record<string, unknown>> {
  const [header, ...rows] = new SheetsWorkbook(fake.spreadsheet).readTab(name);
  return rows.filter((row) => row[0] !== null).map((row) => Object.fromEntries(header.slice(0, 16).map((h, c) => [String(h), row[c]])));
}

function sopMarkers(): string[] {
  return fake.spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(MARKER_KEY)
    .find()
    .filter((m) => JSON.parse(m.getValue() ?? '{}').kind === 'sop')
    .map((m) => m.getLocation().getSheet()!.getName());
}

describe('SOP schedules in Sheets', () => {
  test('the menu item opens the SOP sidebar page', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.htmlFiles.set('sidebar-sop', '<html><body><div id="app"></div></body></html>');
    showSopSidebar();
    const output = fake.dialogs.find((d) => d.kind === 'sidebar')!.content as { getContent(): string; getTitle(): string };
    expect(output.getTitle()).toBe('社群SOP排期');
    expect(output.getContent()).toContain('window.__SOP_BOOT__={"page":"sop","lang":"zh-CN","title":"社群SOP排期","messages":{');
  });

  test('generate, type a status, move the anchor, regenerate: the status stays on its row and the dates move', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam(TEAM);
    fake.resetCalls();
    expect(value<{ line: string }>(previewSop(request('2026-12-14'))).line).toBe('60 行 · 2026-12-07 → 2027-01-03 · 6 位执行人');
    expect(fake.callsTo('Range.setValues')).toHaveLength(0);

    const first = value<{ tabs: Array<{ tab: string; created: boolean }>; message: string }>(generateSop(request('2026-12-14')));
    expect(first.tabs).toEqual([{ tab: TAB, created: true, rows: 60, line: '60 行' }]);
    expect(sopMarkers()).toEqual([TAB]);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe(TAB);
    expect(fake.toasts.map((t) => t.message)).toContain(first.message);
    const sheet = fake.inspect(TAB);
    expect(sheet.getFrozenRows()).toBe(1);
    // 系统分配 and 文字校验 (the last table columns, O and P) are hidden; 执行人 (K) and 状态 (L) have dropdowns.
    expect(sheet.getRange(1, 15).getValue()).toBe('系统分配');
    expect(sheet.getRange(1, 16).getValue()).toBe('文字校验');
    expect([14, 15, 16, 17].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, true, false]);
    expect(sheet.getRange('L2').getDataValidation()!.getCriteriaValues()[0]).toEqual(['未开始', '进行中', '已完成', '延期', '取消', '已移除']);
    expect(sheet.getRange('K2').getDataValidation()!.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.VALUE_IN_RANGE);

    const before = table(TAB);
    const ids = [before[2].ID, before[9].ID, before[30].ID] as string[];
    for (const id of ids) sheet.getRange(before.findIndex((r) => r.ID === id) + 2, 12).setValue('已完成');

    const second = value<{ tabs: Array<{ tab: string; created: boolean; line: string }> }>(generateSop(request('2026-12-16')));
    expect(second.tabs).toEqual([{ tab: TAB, created: false, rows: 60, line: '+0 行 · 60 行改期 · 0 项丢失' }]);
    expect(sopMarkers()).toEqual([TAB]);
    const after = table(TAB);
    for (const id of ids) {
      const row = after.find((r) => r.ID === id)!;
      expect(row['状态']).toBe('已完成');
      expect(row['日期']).toBe((before.find((r) => r.ID === id)!['日期'] as number) + 2);
    }
    expect(after.filter((r) => r['状态'] === '已完成')).toHaveLength(3);
    expect(toIso(after[0]['日期'] as DaySerial)).toBe('2026-12-09');
  });

  test('a template tab saved from the picker is listed and used; the state crosses as JSON', () => {
    fake = installFakeGas({ locale: 'en_US', sheetNames: ['Sheet1'] });
    saveTeam(TEAM);
    const saved = value<{ tab: string; ref: string }>(saveSopTemplate({ template: 'live-class' }));
    expect(saved.tab).toBe('SOP template·Live open class');
    const state = value<{ templates: Array<{ ref: string; errors: string[]; anchorLabel: string }> }>(getSopState());
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.templates.find((t) => t.ref === saved.ref)).toMatchObject({ errors: [], anchorLabel: 'live day' });
    const generated = value<{ tabs: Array<{ tab: string; rows: number }> }>(
      generateSop({ ...request('2026-12-10', saved.ref), groups: 'Java 5', cohort: 'C12' }),
    );
    expect(generated.tabs[0]).toMatchObject({ tab: 'SOP·Java 5·C12', rows: 14 });
  });

  test('the sidebar knows each SOP tab’s template and anchor from its marker, without reading the tabs; an older tab is recognised by its rows', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam(TEAM);
    value(generateSop({ ...request('2026-12-14'), groups: 'A群、B群、C群' }));
    fake.resetCalls();
    type State = { sopTabs: Array<{ tab: string; templateRef: string | null; anchor: string | null }> };
    const state = value<State>(getSopState());
    expect(state.sopTabs.map((t) => [t.tab, t.templateRef, t.anchor])).toEqual([
      ['SOP·A群·第12期', 'big-class-28d', '2026-12-14'],
      ['SOP·B群·第12期', 'big-class-28d', '2026-12-14'],
      ['SOP·C群·第12期', 'big-class-28d', '2026-12-14'],
    ]);
    // Only the Team tab is read.
    expect(fake.callsTo('Range.getValues')).toHaveLength(1);
    // A marker written before it said what the tab was made from: the tab's rows say it.
    const metadata = fake.inspect('SOP·B群·第12期').getDeveloperMetadata()[0];
    const { about: _about, ...older } = JSON.parse(metadata.getValue()!);
    metadata.setValue(JSON.stringify(older));
    fake.resetCalls();
    expect(value<State>(getSopState()).sopTabs[1]).toMatchObject({ templateRef: 'big-class-28d', anchor: '2026-12-14' });
    expect(fake.callsTo('Range.getValues')).toHaveLength(2);
  });

  test('a sheet named like the SOP tab that is not ours stays as it was', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: [TAB] });
    fake.inspect(TAB).getRange(1, 1).setValue('我自己的排期');
    expect(value<{ tabs: Array<{ tab: string }> }>(generateSop(request('2026-12-14'))).tabs[0].tab).toBe(`${TAB} (2)`);
    expect(fake.inspect(TAB).getRange(1, 1).getValue()).toBe('我自己的排期');
  });

  test('a form with mistakes comes back as localized problems and nothing is written', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    fake.resetCalls();
    const response = generateSop({ template: 'big-class-28d', anchor: '2026-02-30', groups: '', cohort: '' }) as { ok: false; error: { message: string } };
    expect(response.ok).toBe(false);
    expect(response.error.message).toBe('无法识别的日期“2026-02-30”，请用 2026-12-01 这样的格式。\n请至少填写一个群名。');
    expect(fake.callsTo('Range.setValues')).toHaveLength(0);
    expect(fake.spreadsheet.getSheets()).toHaveLength(1);
  });

  itOnce('the renderer draws an SOP tab of 28, 280 or 2,800 rows with the same number of Apps Script calls', () => {
    const team: Person[] = TEAM.map((p) => ({ ...p, role: p.role as Person['role'], email: '', color: '#4e79a7' }));
    const anchor = fromIso('2026-12-14') as DaySerial;
    const counts = [28, 280, 2800].map((n) => {
      const template = bigTemplate(n);
      const { rows } = generateRows({ template, anchor, group: 'A群', cohort: '第1期', team, lang: 'zh-CN', markCalendar: true });
      const spec = buildSopTab({
        rows,
        group: 'A群',
        cohort: '第1期',
        template,
        anchor,
        lang: 'zh-CN',
        teamTabName: '团队',
        markCalendar: true,
        today: anchor,
        generatedAt: '2026-12-01 09:00',
      });
      return countDocumentCalls(spec);
    });
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });

  itOnce('generating through the entry from a template tab of 28, 280 or 2,800 actions costs the same number of calls', () => {
    const counts = [28, 280, 2800].map((n) => {
      fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
      saveTeam(TEAM);
      fake.seedSheet('SOP模板·大模板', bigTemplateGrid(n));
      fake.resetCalls();
      const result = value<{ tabs: Array<{ rows: number }> }>(generateSop({ ...request('2026-12-14', 'tab:SOP模板·大模板'), groups: 'A群' }));
      expect(result.tabs[0].rows).toBe(n);
      const count = fake.callCount;
      fake.uninstall();
      return count;
    });
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });
  itOnce('a workbook too full for every group’s tab gets none of them, and is told why', () => {
    const groups = { ...request('2026-12-14'), groups: 'Java引流5群, Java引流6群, Java引流7群' };
    const cells = () => fake.book.sheets.reduce((sum, sheet) => sum + sheet.maxRows * sheet.maxCols, 0);
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam(TEAM);
    const base = cells();
    value(generateSop(groups));
    const perTab = (cells() - base) / 3;
    fake.uninstall();

    // The same workbook with room for two of the tabs, not the third: a new sheet starts at
    // 1000 × 26 cells before it is cut to size, so the third one's start does not fit.
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'], cellLimit: base + 2 * perTab + 26_000 - 1 });
    saveTeam(TEAM);
    const before = fake.book.sheets.map((sheet) => [sheet.name, sheet.maxRows, sheet.maxCols]);
    const refused = generateSop(groups) as { ok: boolean; error: { message: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toBe(
      '这个表格文件放不下这次要写入的内容：Google 表格整个文件最多 1000 万个单元格（空白单元格也算）。未写入任何内容。删除不再需要的工作表或多余的空行、空列后再试。',
    );
    expect(fake.book.sheets.map((sheet) => [sheet.name, sheet.maxRows, sheet.maxCols])).toEqual(before);
    expect(sopMarkers()).toEqual([]);
  });
});
