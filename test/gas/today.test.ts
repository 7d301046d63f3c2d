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
