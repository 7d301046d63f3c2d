/** The self-test's reading of a tab as the spreadsheet computed it, and its report. */
import { formatSelfTestReport, problemsInTab } from '../../src/core/selftest/report';

describe('formulas that show an error', () => {
  test('are listed by cell with their formula, five at most, the rest counted', () => {
    const values = [
      ['名称', '#NAME?', '#DIV/0!', 'ok', '#REF!'],
      ['#N/A', '#VALUE!', '#NUM!', '#ERROR!', '#NAME?'],
    ];
    const formulas = [
      ['', '=FOO(1)', '=1/0', '', '=#REF!'],
      ['=NA()', '=1+"a"', '=SQRT(-1)', '=(', '=BAR()'],
    ];
    expect(problemsInTab({ values, formulas, notes: [] }, 'zh-CN')).toEqual([
      'B1 显示 #NAME?（公式 =FOO(1)）',
      'C1 显示 #DIV/0!（公式 =1/0）',
      'E1 显示 #REF!（公式 =#REF!）',
      'A2 显示 #N/A（公式 =NA()）',
      'B2 显示 #VALUE!（公式 =1+"a"）',
      '还有 3 个单元格显示错误值。',
    ]);
  });

  test('text that looks like an error is not one, nor an error typed without a formula', () => {
    expect(problemsInTab({ values: [['#NAME?', '#N/A 待定']], formulas: [['', '=A1&" 待定"']], notes: [] }, 'en')).toEqual([]);
  });
});

describe('the report', () => {
  test('one block per step: a mark, the tab, the figures of both runs, the problems', () => {
    const report = formatSelfTestReport(
      'en',
      [
        { step: 'sop', tab: 'SOP·G·C', first: { ms: 812.4, calls: { reads: 9, writes: 21, roundTrips: 1 } }, again: { ms: 640, calls: null }, problems: [] },
        { step: 'cleanup', tab: null, first: null, again: null, problems: ['left behind'] },
      ],
      { locale: 'en_GB' },
    );
    expect(report).toBe(
      [
        'The self-test found problems (the ✗ lines below). Please copy the whole report and send it to us.',
        'Locale: en_GB',
        '',
        '✓ SOP schedule · SOP·G·C',
        '  First run: 812 ms · 30 spreadsheet calls (9 reads, 21 writes; round trips: 1)',
        '  Generated again: 640 ms',
        '✗ Deleting the temporary tabs',
        '  - left behind',
      ].join('\n'),
    );
  });
});
