/**
 * A plan or list tab whose name an .xlsx cannot take (too long, or with : / ? [ ]) gets a name the file
 * can hold, and the Gantt links and calendar slots that read it point at that name — no #NAME?, no
 * blank Gantt columns.
 */
import ExcelJS from 'exceljs';
import { generateCalendar } from '../../src/app/calendar';
import { generateGantt } from '../../src/app/gantt';
import { fromIso, type DaySerial } from '../../src/core/dates';
import { createDemoContext } from '../../src/local/demo';
import { writeXlsx } from '../../src/local/xlsx';

const TODAY = fromIso('2026-11-23') as DaySerial;
// The demo workbook without its past cohorts' SOP tabs: only the renamed tab and the one reading it matter here,
// and each test writes the whole workbook to .xlsx and reads it back.

async function openBook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return book;
}

/** The tab names every formula of a sheet reads ('name'!…). */
function referencedTabs(sheet: ExcelJS.Worksheet): Set<string> {
  const names = new Set<string>();
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const formula = cell.formula ?? '';
      for (const match of formula.matchAll(/'((?:[^']|'')+)'!/g)) names.add(match[1].replace(/''/g, "'"));
    }),
  );
  return names;
}

describe('formulas point at the names tabs have in the .xlsx', () => {
  test('a Gantt over a plan named "Q4推进表: 双11/双12 [重点] 第二轮·总部运营中心" reads the plan under its xlsx name', async () => {
    const ctx = createDemoContext({ today: TODAY, history: false });
    const planName = 'Q4推进表: 双11/双12 [重点] 第二轮·总部运营中心';
    ctx.workbook.renameTab('推进表', planName);
    const gantt = generateGantt(ctx, { planTab: planName }).tab;
    const book = await openBook(await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker }))));
    const sheetNames = book.worksheets.map((sheet) => sheet.name);
    expect(sheetNames.every((name) => Array.from(name).length <= 31 && !/[:\\/?*[\]]/.test(name))).toBe(true);
    // The Gantt tab is the one whose marker says gantt; its name was fitted to 31 characters too.
    const ganttIndex = ctx.workbook.tabs.findIndex((tab) => tab.spec.name === gantt);
    const ganttSheet = book.worksheets[ganttIndex];
    const referenced = [...referencedTabs(ganttSheet)];
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(sheetNames).toContain(name);
  });

  test('calendar slots read an activity list named past 31 characters under its xlsx name', async () => {
    const ctx = createDemoContext({ today: TODAY, history: false });
    const listName = '2026年12月社群运营活动列表（训练营、营销课、调研表单、促销活动）';
    ctx.workbook.renameTab('活动列表', listName);
    const calendar = generateCalendar(ctx, { month: '2026-12', list: listName }).tabs[0];
    const book = await openBook(await writeXlsx(ctx.workbook.tabs.map((tab) => ({ spec: tab.spec, marker: tab.marker }))));
    const sheetNames = book.worksheets.map((sheet) => sheet.name);
    const calendarSheet = book.getWorksheet(calendar)!;
    const referenced = [...referencedTabs(calendarSheet)];
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(sheetNames).toContain(name);
  });
});
