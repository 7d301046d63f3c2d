/** 诊断 / Self-test in Sheets: the global the menu (and `clasp run selfTest`) calls, against the recording fake. */
import { GLOBALS } from '../../src/gas/main';
import { installFakeGas, type FakeGas } from './fake-spreadsheet';

let fake: FakeGas;
afterEach(() => fake.uninstall());

describe('selfTest in Sheets', () => {
  test('runs every feature in temporary tabs, counts each run’s calls, shows and returns the report, and leaves only what was there', () => {
    // Formulas computed: the Today board step reads back what Sheets computes on the board.
    fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['我的表'], computeFormulas: true });
    GLOBALS.saveTeam([
      { name: '林晓', role: 'operator' },
      { name: '陈默', role: 'advisor' },
    ]);
    const before = fake.book.getSheets().map((sheet) => sheet.getName());
    const report = GLOBALS.selfTest() as string;
    expect(report.split('\n')[0]).toBe('诊断通过：每个功能都在这个表格里生成、读回并重新生成成功，临时标签页已删除。');
    for (const step of ['社群SOP排期', '推进表甘特图', '今日看板（从看板读回来源）', '月度活动日历', '转化指标', '打开侧边栏（首次调用）', '删除临时标签页'])
      expect(report).toContain(`✓ ${step}`);
    // Every run is timed and its calls counted.
    const runs = report.match(/(首次生成|重新生成): \d+ 毫秒 · \d+ 次表格读写（读 \d+，写 \d+，往返 \d+）/g) ?? [];
    expect(runs).toHaveLength(9);
    // Each sidebar's first call is counted too: at most 10 reads, none written.
    const openings = [...report.matchAll(/^ {2}(.+): \d+ 毫秒 · \d+ 次表格读写（读 (\d+)，写 (\d+)，往返 \d+）$/gm)]
      .filter((m) => !/^(首次生成|重新生成)$/.test(m[1]))
      .map((m) => [m[1], Number(m[2]) <= 10, m[3]]);
    expect(openings).toEqual(['团队与设置', '社群SOP排期', '推进表甘特图', '月度活动日历', '转化指标', '复盘', '每日提醒'].map((name) => [name, true, '0']));
    expect(fake.alerts.at(-1)).toEqual({ title: '社群SOP助手 · 诊断', message: report });
    expect(fake.book.getSheets().map((sheet) => sheet.getName())).toEqual(before);
  });

  test('without a spreadsheet UI (clasp run), the report is still returned', () => {
    fake = installFakeGas({ locale: 'en_US', computeFormulas: true });
    const ui = SpreadsheetApp.getUi();
    ui.alert = () => {
      throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    };
    const report = GLOBALS.selfTest() as string;
    expect(report).toMatch(/^Self-test passed/);
  });
});
