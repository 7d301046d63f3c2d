/** The Today board in Sheets: the menu action against the recording fake of Apps Script. */
import { GLOBALS } from '../../src/gas/main';
import { MARKER_KEY } from '../../src/gas/workbook';
import { FakeGas, installFakeGas } from './fake-spreadsheet';

const { generateSop, onOpen, saveTeam, showTodayBoard } = GLOBALS;

let fake: FakeGas;
afterEach(() => fake?.uninstall());

const SOP_TAB = 'SOP·Java引流5群·第12期';

function boardSheets(): string[] {
  return fake.spreadsheet
    .createDeveloperMetadataFinder()
    .withKey(MARKER_KEY)
    .find()
    .filter((m) => JSON.parse(m.getValue() ?? '{}').kind === 'today')
    .map((m) => m.getLocation().getSheet()!.getName());
}

describe('the Today board in Sheets', () => {
  test('the menu lists it in the user’s language', () => {
    fake = installFakeGas({ locale: 'en_US' });
    onOpen({ authMode: 'NONE' });
    const items = fake.menus
      .flatMap((menu) => menu.items)
      .filter((item): item is { caption: string; functionName: string } => typeof item === 'object' && 'functionName' in item);
    expect(items).toContainEqual({ caption: 'Today board', functionName: 'showTodayBoard' });
  });

  test('each line links to its SOP row by the tab’s id, asked once; generating the SOP again refreshes the one board', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
    saveTeam([{ name: '林晓', role: 'operator' }]);
    generateSop({ template: 'big-class-28d', anchor: '2026-12-03', groups: 'Java引流5群', cohort: '第12期' });
    const id = fake.inspect(SOP_TAB).getSheetId();
    fake.resetCalls();
    showTodayBoard();
    expect(fake.callsTo('Sheet.getSheetId')).toHaveLength(1);
    const [board] = boardSheets();
    expect(board).toBe('今日看板');
    const formulas = fake.inspect(board).getDataRange().getFormulas().flat();
    expect(formulas.some((formula) => formula.includes('HYPERLINK(INDEX('))).toBe(true);
    const values = fake.inspect(board).getDataRange().getValues().flat();
    expect(values.filter((value) => typeof value === 'string' && value.startsWith(`#gid=${id}&range=`)).length).toBeGreaterThan(28);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe(board);

    generateSop({ template: 'big-class-28d', anchor: '2026-12-04', groups: 'Java引流5群', cohort: '第12期' });
    expect(boardSheets()).toEqual([board]);
    expect(fake.spreadsheet.getActiveSheet().getName()).toBe(SOP_TAB);
  });
});

describe('the board generated again in Sheets reads itself, not its sources', () => {
  const SOP = { template: 'big-class-28d', anchor: '2026-12-03', cohort: '第12期' };
  const OTHERS = [SOP_TAB, 'SOP·Java引流6群·第12期'];

  /** The board as Sheets shows it: formulas and what they compute. */
  function board(): { values: unknown[][]; formulas: string[][] } {
    const range = fake.inspect('今日看板').getDataRange();
    return { values: range.getValues(), formulas: range.getFormulas() };
  }

  /** Makes reading `tabs` fail, so a test shows that nothing read them. */
  function unreadable(tabs: string[]): void {
    for (const tab of tabs) {
      const sheet = fake.inspect(tab) as unknown as Record<string, unknown>;
      for (const method of ['getDataRange', 'getRange']) {
        sheet[method] = () => {
          throw new Error(`${tab} was read`);
        };
      }
    }
  }

  test('a new SOP tab joins without the others being read, and the board is the one a first board would be', () => {
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'], computeFormulas: true });
    saveTeam([{ name: '林晓', role: 'operator' }]);
    generateSop({ ...SOP, groups: 'Java引流5群、Java引流6群' });
    // Someone outside the team takes a dated row: the board's summary gets a line for them.
    const sheet = fake.inspect(SOP_TAB);
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((line, r) => r > 0 && line[values[0].indexOf('日期')] instanceof Date);
    sheet.getRange(row + 1, values[0].indexOf('执行人') + 1).setValue('外援小美');
    showTodayBoard();

    const restore = OTHERS.map((tab) => {
      const raw = fake.inspect(tab) as unknown as Record<string, unknown>;
      return { raw, getDataRange: raw.getDataRange, getRange: raw.getRange };
    });
    unreadable(OTHERS);
    fake.resetCalls();
    generateSop({ ...SOP, groups: 'Python引流1群' });
    const joined = board();
    expect(joined.values.flat()).toContain('外援小美');
    expect(joined.formulas.flat().some((formula) => formula.includes("'SOP·Python引流1群·第12期'!"))).toBe(true);
    // From the menu again: no source read at all.
    unreadable(['SOP·Python引流1群·第12期']);
    showTodayBoard();
    expect(board()).toEqual(joined);

    for (const { raw, getDataRange, getRange } of restore) Object.assign(raw, { getDataRange, getRange });
    fake.spreadsheet.deleteSheet(fake.spreadsheet.getSheetByName('今日看板')!);
    // A first board reads every source: it is the same board. (The new tab was made unreadable above.)
    const python = fake.inspect('SOP·Python引流1群·第12期') as unknown as Record<string, unknown>;
    delete python.getDataRange;
    delete python.getRange;
    showTodayBoard();
    expect(board()).toEqual(joined);
  });
});
