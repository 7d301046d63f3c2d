// @time-zones: dates read from pasted tabs in the fake of Sheets (build/test.mjs runs this suite under three time zones).
/** Conversion metrics in Sheets: the entry's global functions against the recording fake of Apps Script. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBALS } from '../../src/gas/main';
import { FakeGas, installFakeGas } from './fake-spreadsheet';
import { itOnce } from '../support/zones';

const { computeMetrics, computeMetricsHere, computeRawMetrics, getMetricsState, onOpen, showMetricsSidebar, SOP_POOLED_RATE, SOP_RATE, SOP_ROI } = GLOBALS;

let fake: FakeGas;
afterEach(() => fake?.uninstall());

const demoText = (name: string): string => readFileSync(join(__dirname, '../../demo', name), 'utf8');

/** The group-funnel sample as Sheets holds it after a paste: numbers as numbers. */
function funnelValues(): (string | number | null)[][] {
  return demoText('group-funnel.tsv')
    .trim()
    .split('\n')
    .map((line, r) => line.split('\t').map((cell) => (r > 0 && /^\d+$/.test(cell) ? Number(cell) : cell)));
}

function groups(n: number): (string | number)[][] {
  return [
    ['群名称', '群人数', '到课人数', '成单人数', '客单价', '投放成本'],
    ...Array.from({ length: n }, (_, i) => [`群${i + 1}`, 200 + (i % 50), 40 + (i % 30), i % 5, 5800, 3000]),
  ];
}

function activate(name: string): void {
  (fake.spreadsheet.getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet).activate();
}

describe('Conversion metrics in Sheets', () => {
  test('the menu lists both items in the user’s language, and the sidebar opens on the metrics page', () => {
    fake = installFakeGas({ locale: 'en_US' });
    fake.htmlFiles.set('sidebar-metrics', '<html><body><div id="app"></div></body></html>');
    onOpen({ authMode: 'NONE' });
    const items = fake.menus
      .flatMap((menu) => menu.items)
      .filter((item): item is { caption: string; functionName: string } => typeof item === 'object' && 'functionName' in item);
    expect(items).toEqual(
      expect.arrayContaining([
        { caption: 'Conversion metrics…', functionName: 'showMetricsSidebar' },
        { caption: 'Compute metrics from this tab/selection', functionName: 'computeMetricsHere' },
      ]),
    );
    showMetricsSidebar();
    const sidebar = fake.dialogs.find((d) => d.kind === 'sidebar')!;
    const output = sidebar.content as { getContent(): string; getTitle(): string };
    expect(output.getTitle()).toBe('Conversion metrics');
    expect(output.getContent()).toContain('"page":"metrics"');
  });

  test('computing from the active tab writes a marked 转化指标 tab of live formulas and toasts the pooled 23.2%', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.seedSheet('群数据', funnelValues());
    activate('群数据');
    computeMetricsHere();
    const sheet = fake.inspect('转化指标');
    const values = sheet.getDataRange().getValues();
    const formulas = sheet.getDataRange().getFormulas();
    expect(values[0].slice(0, 3)).toEqual(['群名称', '群人数', '到课人数']);
    expect(values[1].slice(0, 3)).toEqual(['Java引流1群', 260, 61]);
    expect(values[5][0]).toBe('合计');
    const participation = values[0].indexOf('活动参与率');
    expect(formulas[1][participation]).toBe('=IF(OR(C2="",B2="",B2=0),"",C2/B2)');
    expect(formulas[5][participation]).toBe('=IFERROR(SUMPRODUCT(ISNUMBER(C2:C5)*ISNUMBER(B2:B5),C2:C5)/SUMPRODUCT(ISNUMBER(C2:C5)*ISNUMBER(B2:B5),B2:B5),"")');
    expect(sheet.getRange(2, participation + 1, 5, 1).getNumberFormats()).toEqual([['0.0#%'], ['0.0#%'], ['0.0#%'], ['0.0#%'], ['0.0#%']]);
    expect(fake.toasts.map((t) => t.message)).toEqual(['已计算 4 个群 · 活动参与率 23.2% · 写入「转化指标」']);
    expect(fake.spreadsheet.getActiveSheet()!.getName()).toBe('转化指标');
    // The funnel's bars say their values (12,618 joined beside 45 bought would otherwise read as nothing).
    const funnel = () => sheet.getCharts().find((chart) => chart.getOptions().get('title') === '转化漏斗');
    expect(funnel()?.getOptions().get('series')).toEqual({ 0: { dataLabel: 'value' } });
    // The marker is the source tab: computing again from the metrics tab updates the same tab.
    computeMetricsHere();
    expect(fake.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', '群数据', '转化指标']);
    expect(sheet.getCharts().filter((chart) => chart.getOptions().get('title') === '转化漏斗')).toHaveLength(1);
    expect(funnel()?.getOptions().get('series')).toEqual({ 0: { dataLabel: 'value' } });
  });

  test('the selection is what gets read when it spans more than one cell', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.seedSheet('群数据', funnelValues());
    fake.spreadsheet.getSheetByName('群数据')!.getRange(1, 1, 3, 8).activate();
    computeMetricsHere();
    expect(fake.toasts[0].message).toBe(`已计算 2 个群 · 活动参与率 ${Math.round(((61 + 55) / (260 + 245)) * 10000) / 100}% · 写入「转化指标」`);
  });

  test('a paste from the sidebar, and raw lists, come back as JSON-safe envelopes', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    const pasted = computeMetrics({ kind: 'paste', text: demoText('hybris-qq.tsv') });
    expect(pasted).toMatchObject({ ok: true, value: { tab: '转化指标', source: 'paste', groups: 1, total: { conversionRate: 0.0275, revenue: 63800 } } });
    expect(JSON.parse(JSON.stringify(pasted))).toEqual(pasted);
    const raw = computeRawMetrics({
      members: { kind: 'paste', text: demoText('raw-members.csv') },
      orders: { kind: 'paste', text: demoText('raw-orders.csv') },
    });
    expect(raw).toMatchObject({ ok: true, value: { source: 'paste', groups: 2 } });
    expect(getMetricsState()).toMatchObject({ ok: true, value: { tabs: ['Sheet1'], classMinutes: 90, completionShare: 0.8 } });
  });

  test('an unreadable paste writes nothing and names every cell', () => {
    fake = installFakeGas({ locale: 'en_US' });
    const response = computeMetrics({ kind: 'paste', text: 'group\tmembers\tattendees\nA\tlots\t5\nB\t10\t?\n' });
    expect(response).toMatchObject({ ok: false, error: { problems: [{}, { row: 2, column: 1 }, { row: 3, column: 2 }] } });
    expect(fake.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(fake.toasts).toEqual([]);
  });

  test('the menu action reports a bad tab in an alert, in the user’s language', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    fake.seedSheet('笔记', [['随便写点'], ['什么']]);
    activate('笔记');
    computeMetricsHere();
    expect(fake.alerts[0].message).toContain('找不到表头');
    expect(fake.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', '笔记']);
  });

  itOnce('computing 10, 1,000 or 10,000 groups costs the same number of Apps Script calls', () => {
    const counts = [10, 1000, 10000].map((n) => {
      fake = installFakeGas({ locale: 'zh_CN' });
      fake.seedSheet('群数据', groups(n));
      activate('群数据');
      fake.resetCalls();
      computeMetricsHere();
      const count = fake.callCount;
      expect(fake.toasts[0].message).toContain(`已计算 ${n} 个群`);
      fake.uninstall();
      return count;
    });
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
  });

  test('the custom functions compute in the sheet, blank where a rate has no denominator', () => {
    fake = installFakeGas({ locale: 'zh_CN' });
    expect(SOP_RATE(232, 1000)).toBe(0.232);
    expect(SOP_RATE([[61], [55]], [[260], ['']])).toEqual([[61 / 260], ['']]);
    // A date cell is not a count.
    expect(SOP_RATE(new Date(2026, 0, 1), 10)).toBe('');
    expect(SOP_POOLED_RATE([[61], [55], [60], [56]], [[260], [245], [250], [245]])).toBe(0.232);
    expect(SOP_ROI(63800, 20000)).toBe(3.19);
    expect(() => SOP_RATE([[1], [2]], [[1]].concat([[2], [3]]))).toThrow('SOP_RATE：两个范围大小不同（2×1 与 3×1）。');
  });
});
