/**
 * Regenerating a tab in place writes less than drawing it new (its cells are emptied in one call and
 * only what the spec sets is written; merges, frozen lines and rules already there stay), yet the tab
 * ends up exactly as a new one would be: every value, formula, format, style, note, dropdown, merge,
 * rule, width and frozen line.
 */
import { GLOBALS } from '../../src/gas/main';
import { installFakeGas, type FakeGas } from './fake-spreadsheet';
import { planRows } from './gantt-plan';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const TEAM = [
  { name: '林晓', role: 'operator' },
  { name: '陈默', role: 'advisor' },
];
const SOP = { template: 'big-class-28d', cohort: '第1期', groups: 'A群' };

let fake: FakeGas | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
  jest.useRealTimers();
});

function workbook(): FakeGas {
  fake?.uninstall();
  fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
  const plan = planRows(12);
  fake.seedSheet('推进表', plan.values, plan.formats);
  return fake;
}

/** Everything a person sees of a sheet, as plain data. */
function look(sheet: Sheet): Record<string, unknown> {
  const rows = sheet.getMaxRows();
  const cols = sheet.getMaxColumns();
  const all = sheet.getRange(1, 1, rows, cols);
  const place = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && 'getA1Notation' in value
      ? `${(value as GoogleAppsScript.Spreadsheet.Range).getSheet().getName()}!${(value as GoogleAppsScript.Spreadsheet.Range).getA1Notation()}`
      : value;
  return {
    size: [rows, cols, sheet.getFrozenRows(), sheet.getFrozenColumns(), sheet.getTabColor()],
    values: all.getValues(),
    formulas: all.getFormulas(),
    formats: all.getNumberFormats(),
    backgrounds: all.getBackgrounds(),
    text: all.getTextStyles().map((line) => line.map((s) => [s.getForegroundColor(), s.getFontSize(), s.isBold(), s.isItalic(), s.isStrikethrough()])),
    wraps: all.getWrapStrategies(),
    alignments: [all.getHorizontalAlignments(), all.getVerticalAlignments()],
    notes: all.getNotes(),
    dropdowns: all
      .getDataValidations()
      .map((line) => line.map((v) => v && [String(v.getCriteriaType()), v.getCriteriaValues().map(place), v.getAllowInvalid()])),
    merges: all
      .getMergedRanges()
      .map((m) => m.getA1Notation())
      .sort(),
    rules: sheet.getConditionalFormatRules().map((rule) => {
      const condition = rule.getBooleanCondition();
      return [
        rule.getRanges().map((r) => r.getA1Notation()),
        condition?.getCriteriaValues(),
        condition?.getBackground(),
        condition?.getFontColor(),
        condition?.getBold(),
        condition?.getStrikethrough(),
      ];
    }),
    widths: Array.from({ length: cols }, (_, c) => [sheet.getColumnWidth(c + 1), sheet.isColumnHiddenByUser(c + 1)]),
  };
}

describe('a tab regenerated in place looks exactly like a new one', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-23T02:00:00Z') });
  });

  test.each<[string, string, () => unknown, () => unknown]>([
    ['the Team tab', '团队', () => GLOBALS.saveTeam(TEAM), () => GLOBALS.saveTeam(TEAM)],
    [
      'an SOP tab whose anchor moved',
      'SOP·A群·第1期',
      () => GLOBALS.generateSop({ ...SOP, anchor: '2026-12-14' }),
      () => GLOBALS.generateSop({ ...SOP, anchor: '2026-12-16' }),
    ],
    ['the Gantt tab', '甘特图', () => GLOBALS.generateGantt({ planTab: '推进表' }), () => GLOBALS.generateGantt({ planTab: '推进表' })],
  ])('%s', (_label, tab, first, again) => {
    const updated = workbook();
    GLOBALS.saveTeam(TEAM);
    first();
    updated.resetCalls();
    expect((again() as { ok: boolean }).ok).toBe(true);
    const calls = updated.documentCalls;
    const before = look(updated.inspect(tab) as unknown as Sheet);

    const fresh = workbook();
    GLOBALS.saveTeam(TEAM);
    if (tab === '团队') {
      // The Team tab is needed before any other: the new one is drawn again after removing it.
      fresh.spreadsheet.deleteSheet(fresh.spreadsheet.getSheetByName('团队')!);
      GLOBALS.saveTeam(TEAM);
    } else again();
    expect(look(fresh.inspect(tab) as unknown as Sheet)).toEqual(before);
    expect(calls).toBeLessThanOrEqual(40);
  });
});
