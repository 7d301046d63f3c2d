/**
 * The calendar's activity cells are formulas over the activity list. Here a real spreadsheet engine
 * (LibreOffice headless, recalculating on load) evaluates them in an xlsx written without cached
 * values, and every cell must show the text the core computed. A second run edits the list after the
 * calendar was made (new rows, a cancelled row, a crowded day) to show the calendar follows the list.
 * Skipped where LibreOffice is not installed (unless REQUIRE_E2E=1).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { buildActivityListTab, DEFAULT_LIST_LAYOUT, type Activity, type ActivityRow } from '../../../src/core/calendar/activities';
import { slotTexts } from '../../../src/core/calendar/day-slots';
import { calendarMonth } from '../../../src/core/calendar/grid';
import { buildCalendarTab, slotCount } from '../../../src/core/calendar/tab';
import { isFormulaCell, type TabSpec } from '../../../src/core/tab/spec';
import { closeOpenRanges, openRangeEnd } from '../../../src/local/xlsx-conventions';
import type { Lang } from '../../../src/core/i18n';
import { describeWithLibreOffice, LIBREOFFICE_TEST_TIMEOUT_MS, recalculateXlsx } from '../../support/libreoffice';
import { d, sampleActivities } from './sample';

/**
 * Values and formulas only (no cached results), so LibreOffice has to compute every formula. The
 * list ranges are open-ended ("$A$2:$A", as Sheets reads them); they are closed the way the .xlsx
 * writer closes them, since Excel and LibreOffice have no open-ended references.
 */
async function writeXlsx(file: string, tabs: TabSpec[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const tab of tabs) {
    const sheet = workbook.addWorksheet(tab.name);
    tab.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        sheet.getCell(r + 1, c + 1).value = isFormulaCell(cell)
          ? { formula: closeOpenRanges(cell.formula.slice(1), tab.name, (name) => openRangeEnd(tabs.find((t) => t.name === name)?.rows.length ?? 0)) }
          : (cell as string | number | boolean);
      }),
    );
  }
  await workbook.xlsx.writeFile(file);
}

/** The first tab's formula results as LibreOffice computes them, as text ("" for an empty result). */
async function evaluate(tabs: TabSpec[]): Promise<string[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-live-'));
  try {
    const input = path.join(dir, 'calendar.xlsx');
    await writeXlsx(input, tabs);
    const output = await recalculateXlsx(input);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    fs.rmSync(path.dirname(output), { recursive: true, force: true });
    const sheet = workbook.getWorksheet(tabs[0].name);
    if (!sheet) throw new Error(`LibreOffice lost the sheet ${tabs[0].name}`);
    return tabs[0].rows.map((cells, r) =>
      cells.map((_, c) => {
        const value = sheet.getCell(r + 1, c + 1).value;
        const result = value !== null && typeof value === 'object' && 'formula' in value ? value.result : value;
        return result === null || result === undefined ? '' : String(result);
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function listTab(lang: Lang, rows: ActivityRow[]): TabSpec {
  return buildActivityListTab(lang, lang === 'en' ? 'Team' : '团队', rows);
}

function calendarTab(lang: Lang, activities: Activity[], listRows: number): TabSpec {
  return buildCalendarTab({
    year: 2026,
    month: 12,
    weekStart: 'mon',
    activities,
    list: { tabName: lang === 'en' ? 'Activities' : '活动清单', layout: DEFAULT_LIST_LAYOUT, gridRows: listRows },
    lang,
    today: d('2026-11-20'),
  });
}

/** Every formula cell of the tab against the engine's value: [row, col, cached, computed] where they differ. */
function disagreements(tab: TabSpec, computed: string[][], expected?: (row: number, col: number) => string): Array<[number, number, string, string]> {
  const found: Array<[number, number, string, string]> = [];
  tab.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!isFormulaCell(cell)) return;
      const want = expected ? expected(r, c) : String(cell.value ?? '');
      const got = computed[r]?.[c] ?? '';
      if (want !== got) found.push([r, c, want, got]);
    }),
  );
  return found;
}

describeWithLibreOffice('live calendar formulas in a real spreadsheet engine', () => {
  jest.setTimeout(LIBREOFFICE_TEST_TIMEOUT_MS);

  test.each(['zh-CN', 'en'] as Lang[])('the sample month (%s): LibreOffice shows exactly the text the core computed', async (lang) => {
    const activities = sampleActivities();
    const list = listTab(lang, activities);
    // The list tab writes type labels in its language; read back, the calendar shows those labels.
    const labelled = activities.map((a) => ({ ...a, typeText: String(list.rows[activities.indexOf(a) + 1][1]) }));
    const tab = calendarTab(lang, labelled, list.rows.length);
    const formulas = tab.rows.flat().filter(isFormulaCell);
    expect(formulas.length).toBe(5 * 7 * 4);
    expect(formulas.filter((cell) => cell.value !== '').length).toBeGreaterThan(40);
    const computed = await evaluate([tab, list]);
    expect(disagreements(tab, computed)).toEqual([]);
  });

  test('after the list is edited, the same formulas show the edited list', async () => {
    const original = sampleActivities();
    const tab = calendarTab('zh-CN', original, original.length + 1);
    const slots = slotCount(calendarMonth({ year: 2026, month: 12, weekStart: 'mon', activities: original, lang: 'zh-CN' }));
    const extra = (name: string, type: ActivityRow['type'], start: string, end: string, status: ActivityRow['status'] = null, owner = '王蕾'): ActivityRow => ({
      name,
      type,
      start: d(start),
      end: d(end),
      owner,
      targetGroups: [],
      goal: '',
      status,
    });
    const edited: ActivityRow[] = [
      ...original.map((a, i) => (i === 1 ? { ...a, status: 'cancelled' as const } : a)),
      extra('圣诞快闪群', 'promotion', '2026-12-24', '2026-12-25'),
      extra('平安夜直播', 'marketingClass', '2026-12-24', '2026-12-24', 'draft', ''),
      extra('年终调研', 'survey', '2026-12-24', '2026-12-24'),
      extra('跨年公开课', 'openClass', '2026-12-24', '2026-12-24'),
      extra('取消的活动', 'other', '2026-12-24', '2026-12-24', 'cancelled'),
      extra('元旦预热', 'promotion', '2026-12-30', '2027-01-02', 'planned'),
    ];
    const list = listTab('zh-CN', edited);
    const editedActivities: Activity[] = edited.map((row) => ({ ...row, typeText: String(list.rows[edited.indexOf(row) + 1][1]) }));
    const days = calendarMonth({ year: 2026, month: 12, weekStart: 'mon', activities: editedActivities, lang: 'zh-CN' }).weeks.flat();
    // Week blocks start below the two header rows: a day-number row, a label row, then the slots.
    const expected = (row: number, col: number): string => {
      const block = Math.floor((row - 2) / (slots + 2));
      const slot = ((row - 2) % (slots + 2)) - 2;
      return slotTexts(days[block * 7 + col].activities, slots, 'zh-CN')[slot];
    };
    const computed = await evaluate([tab, list]);
    expect(disagreements(tab, computed, expected)).toEqual([]);
    // The crowded Christmas Eve: 朋友圈, 圣诞快闪群, 平安夜直播 (a draft, and says so), and two more than the four slots hold.
    const eve = days.findIndex((day) => day.serial === d('2026-12-24'));
    const eveRow = 2 + Math.floor(eve / 7) * (slots + 2) + 2;
    expect([0, 1, 2, 3].map((k) => computed[eveRow + k][eve % 7])).toEqual([
      '【日常产出】朋友圈就业战报 · 周舟',
      '【促销活动】圣诞快闪群 · 王蕾',
      '草稿·【营销课】平安夜直播',
      '…另有 2 项（见活动清单）',
    ]);
    // The cancelled class of December 5 is gone.
    const fifth = days.findIndex((day) => day.serial === d('2026-12-05'));
    expect(computed[2 + Math.floor(fifth / 7) * (slots + 2) + 2][fifth % 7]).toBe('【日常产出】朋友圈就业战报 · 周舟');
  });
});
