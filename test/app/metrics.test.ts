/** Conversion metrics through the use cases, on the in-memory workbook the playground and CLI use. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi } from '../../src/app/api';
import { computeMetricsHere, computeMetricsTab, computeRawMetricsTab, getMetricsState } from '../../src/app/metrics';
import { saveSettings } from '../../src/app/team';
import { serialFromYmd } from '../../src/core/dates';
import { AppError, formatError, isAppError } from '../../src/core/errors';
import { translator } from '../../src/core/i18n';
import { cellValue, isFormulaCell, type CellValue, type TabSpec } from '../../src/core/tab/spec';
import { createLocalContext, type LocalContext } from '../../src/local/context';
import { createDemoContext } from '../../src/local/demo';

const today = serialFromYmd(2026, 11, 23);
const demoText = (name: string): string => readFileSync(join(__dirname, '../../demo', name), 'utf8');

function spec(ctx: LocalContext, name: string): TabSpec {
  return ctx.workbook.tab(name).spec;
}

/** The value a cell of the metrics tab shows, by the row's first cell and the header's label. */
function shown(tab: TabSpec, rowLabel: string, columnLabel: string): CellValue {
  const header = tab.rows[0].map(cellValue);
  const row = tab.rows.find((cells) => cellValue(cells[0]) === rowLabel);
  if (!row) throw new Error(`no row ${rowLabel}`);
  const col = header.indexOf(columnLabel);
  if (col < 0) throw new Error(`no column ${columnLabel} in ${header.join(', ')}`);
  return cellValue(row[col]);
}

/** Sums of a column of the group-funnel sample, read with plain string splitting. */
function funnelColumn(header: string): number[] {
  const lines = demoText('group-funnel.tsv')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const col = lines[0].indexOf(header);
  return lines.slice(1).map((cells) => Number(cells[col]));
}
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error as AppError;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('metrics from the demo’s 群数据 tab', () => {
  test('the menu action on the active tab writes 转化指标 with a pooled total of 23.2%, activates it and toasts', () => {
    const ctx = createDemoContext({ today });
    ctx.workbook.activate('群数据');
    computeMetricsHere(ctx);
    const tab = spec(ctx, '转化指标');
    const attendees = sum(funnelColumn('到课人数'));
    const members = sum(funnelColumn('群人数'));
    expect(attendees / members).toBe(0.232);
    expect(shown(tab, '合计', '活动参与率')).toBe(0.232);
    expect(shown(tab, '合计', '群人数')).toBe(members);
    expect(shown(tab, 'Java引流1群', '活动参与率')).toBe(61 / 260);
    expect(ctx.workbook.listTabs().find((t) => t.name === '转化指标')?.marker).toMatchObject({ kind: 'metrics', key: { source: '群数据' } });
    expect(ctx.workbook.activeTabName()).toBe('转化指标');
    expect(ctx.ui.messages.map((m) => m.message)).toEqual(['已计算 4 个群 · 活动参与率 23.2% · 写入「转化指标」']);
  });

  test('the total row is a live pooled formula over the rows, not a number', () => {
    const ctx = createDemoContext({ today });
    computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
    const tab = spec(ctx, '转化指标');
    const total = tab.rows.find((row) => cellValue(row[0]) === '合计')!;
    const col = tab.rows[0].map(cellValue).indexOf('活动参与率');
    const cell = total[col];
    expect(isFormulaCell(cell) && cell.formula).toBe(
      '=IFERROR(SUMPRODUCT(ISNUMBER(C2:C5)*ISNUMBER(B2:B5),C2:C5)/SUMPRODUCT(ISNUMBER(C2:C5)*ISNUMBER(B2:B5),B2:B5),"")',
    );
  });

  test('computing again after a correction updates the same tab; from the metrics tab it reads its source', () => {
    const ctx = createDemoContext({ today });
    computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
    ctx.workbook.setCell('群数据', 1, 2, 161); // Java引流1群 到课 61 → 161
    expect(ctx.workbook.activeTabName()).toBe('转化指标');
    computeMetricsHere(ctx);
    expect(ctx.workbook.listTabs().filter((t) => t.marker?.kind === 'metrics')).toHaveLength(1);
    expect(shown(spec(ctx, '转化指标'), '合计', '活动参与率')).toBe(332 / 1000);
  });

  test('the selection is read when it spans cells; its errors name the sheet’s own row and column', () => {
    const ctx = createDemoContext({ today });
    const grid = ctx.workbook.readTab('群数据');
    ctx.workbook.setSelection({ tab: '群数据', values: grid.slice(0, 3), top: 0, left: 0 });
    computeMetricsHere(ctx);
    expect(shown(spec(ctx, '转化指标'), '合计', '活动参与率')).toBe((61 + 55) / (260 + 245));
    // A selection starting at C5: its second row is sheet row 6, its second column sheet column D.
    ctx.workbook.setSelection({ tab: '群数据', values: [grid[0], ['Java引流1群', 'abc', 61, 40, 22, 3, 8800, 5200]], top: 4, left: 2 });
    const error = thrown(() => computeMetricsTab(ctx, { kind: 'selection' }));
    expect(formatError(error, translator('zh-CN'))).toContain('「群数据」 第 6 行 D 列（群人数）：无法识别的数字“abc”');
  });

  test('asking for the selection when there is none says what to do', () => {
    const ctx = createDemoContext({ today, locale: 'en_US' });
    const response = callApi(ctx, 'computeMetrics', [{ kind: 'selection' }]);
    expect(response).toMatchObject({ ok: false, error: { message: 'Nothing is selected: select the data with its header row, or choose a tab.' } });
  });

  test('a metrics tab computed from a paste cannot stand for its source', () => {
    const ctx = createLocalContext({ today });
    computeMetricsTab(ctx, { kind: 'paste', text: demoText('group-funnel.tsv') });
    expect(ctx.workbook.activeTabName()).toBe('转化指标');
    expect(() => computeMetricsHere(ctx)).toThrow(AppError);
    expect(
      formatError(
        thrown(() => computeMetricsHere(ctx)),
        translator('zh-CN'),
      ),
    ).toBe('「转化指标」是计算出的指标表：请切换到数据所在的标签页，或在侧边栏粘贴数据。');
  });

  test('a tab named 转化指标 that the add-on did not make is left alone', () => {
    const ctx = createDemoContext({ today });
    ctx.workbook.addPlainTab('转化指标', [['我的笔记']]);
    const outcome = computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
    expect(outcome.tab).toBe('转化指标 (2)');
    expect(ctx.workbook.readTab('转化指标')).toEqual([['我的笔记']]);
  });

  test('the benchmark bands of the settings colour the rates', () => {
    const ctx = createDemoContext({ today });
    saveSettings(ctx, { benchmarkBands: [{ metric: 'participationRate', redBelow: 0.23, greenFrom: 0.235 }] });
    computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
    const formulas = (spec(ctx, '转化指标').conditionalFormats ?? []).map((rule) => rule.formula);
    expect(formulas).toContain('=AND(ISNUMBER(I2),I2<0.23)');
    expect(formulas).toContain('=AND(ISNUMBER(I2),I2>=0.235)');
  });

  test('the sidebar state lists the data tabs and offers the source of the active metrics tab', () => {
    const ctx = createDemoContext({ today });
    computeMetricsTab(ctx, { kind: 'tab', tab: '群数据' });
    const state = getMetricsState(ctx);
    expect(state).toEqual({
      lang: 'zh-CN',
      tabs: ['团队', '活动列表', '推进表', '群数据', '各期数据', 'SOP·Java引流5群·第9期', 'SOP·Java引流5群·第10期', 'SOP·Java引流5群·第11期'],
      activeTab: '群数据',
      classMinutes: 90,
      completionShare: 0.8,
      complete: true,
    });
    // The sidebar opens with the quick state: the source of the active metrics tab, no other tab listed yet.
    expect(getMetricsState(ctx, { quick: true })).toEqual({ ...state, tabs: ['群数据'], complete: false });
  });
});

describe('metrics from text pasted in the sidebar', () => {
  const messy = [
    '11月 Java 引流群数据（企业微信导出）',
    '群名称\t群人数\t到课人数\t成单人数\t客单价',
    'A群\t1,200人\t２８８\t6单\t¥5,800',
    'B群\t8百\t-\t2\t5800',
    '合计\t2000\t288\t8\t',
  ].join('\n');

  test('a WeCom-style paste: title and total rows skipped, messy numbers read, written under the key "paste"', () => {
    const ctx = createLocalContext({ today });
    const bad = thrown(() => computeMetricsTab(ctx, { kind: 'paste', text: messy }));
    expect(bad.problems.map((p) => [p.location?.row, p.location?.column])).toEqual([
      [undefined, undefined],
      [4, 1],
    ]);

    const outcome = computeMetricsTab(ctx, { kind: 'paste', text: messy.replace('8百', '800') });
    expect(outcome).toMatchObject({ tab: '转化指标', source: 'paste', groups: 2 });
    expect(outcome.total.participationRate).toBe(288 / 1200); // B群's attendees are missing: pooled over A群 only
    expect(outcome.total.conversionRate).toBe(8 / 2000);
    expect(outcome.total.revenue).toBe(8 * 5800);
    expect(ctx.workbook.listTabs().find((t) => t.name === '转化指标')?.marker).toMatchObject({ kind: 'metrics', key: { source: 'paste' } });
    expect(outcome.message).toBe('已计算 2 个群 · 活动参与率 24% · 写入「转化指标」');
  });

  test('comma-separated text works as well, and the seed’s QQ group converts at 2.75% (not 27.5%)', () => {
    const ctx = createLocalContext({ today, locale: 'en_US' });
    const outcome = computeMetricsTab(ctx, { kind: 'paste', text: '社群,群人数,成单人数,客单价\nhybris技术交流QQ群,400,11,"5,800"\n' });
    expect(outcome.total.conversionRate).toBe(0.0275);
    expect(outcome.total.revenue).toBe(63800);
    expect(outcome.message).toBe('Computed 1 groups · Conversion rate 2.75% · wrote "Metrics"');
  });

  test('unreadable cells: one error naming every cell’s row and column in Chinese, nothing written, no toast', () => {
    const ctx = createLocalContext({ today, locale: 'zh_CN' });
    const text = '群名称\t群人数\t到课人数\nA群\t二百\t50\nB群\t300\t23%\n';
    const response = callApi(ctx, 'computeMetrics', [{ kind: 'paste', text }]);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.problems.map((p) => [p.row, p.column])).toEqual([
      [undefined, undefined],
      [2, 1],
      [3, 2],
    ]);
    expect(response.error.problems[1].text).toBe('第 2 行 B 列（群人数）：无法识别的数字“二百”：应为数字，如 1,200、1.2万、¥5,800；不知道时留空或填“-”。');
    expect(response.error.problems[2].text).toBe('第 3 行 C 列（到课人数）：“23%”是百分比，这一列应填人数或金额。');
    expect(response.error.message.split('\n')[0]).toBe('有 2 个单元格无法读取，未写入任何内容。请改正后重试：');
    expect(ctx.workbook.listTabs()).toEqual([]);
    expect(ctx.ui.messages).toEqual([]);
  });

  test('the same errors in English', () => {
    const ctx = createLocalContext({ today, locale: 'en_US' });
    const response = callApi(ctx, 'computeMetrics', [{ kind: 'paste', text: 'group\tmembers\tattendees\nA\t200\tmany\n' }]);
    expect(response).toMatchObject({
      ok: false,
      error: {
        problems: [{ row: undefined }, { row: 2, column: 2, text: expect.stringMatching(/^row 2, column C \(attendees\): Cannot read "many" as a number/) }],
      },
    });
    expect(ctx.workbook.listTabs()).toEqual([]);
  });

  test('an empty paste says there is nothing to read', () => {
    const ctx = createLocalContext({ today, locale: 'en_US' });
    expect(callApi(ctx, 'computeMetrics', [{ kind: 'paste', text: '  \n' }])).toMatchObject({ ok: false, error: { message: 'There is no data to read.' } });
  });
});

describe('raw mode', () => {
  const members = demoText('raw-members.csv');
  const attendance = demoText('raw-attendance.csv');
  const orders = demoText('raw-orders.csv');

  /** Distinct member IDs in the members list, by plain string splitting. */
  function distinctMembers(): { perGroup: Map<string, Set<string>>; all: Set<string> } {
    const perGroup = new Map<string, Set<string>>();
    const all = new Set<string>();
    for (const line of members.trim().split('\n').slice(1)) {
      const [group, , id] = line.trim().split(',');
      if (!perGroup.has(group)) perGroup.set(group, new Set());
      perGroup.get(group)!.add(id);
      all.add(id);
    }
    return { perGroup, all };
  }

  test('three pasted lists: one row per group and a de-duplicated total', () => {
    const ctx = createLocalContext({ today });
    const outcome = computeRawMetricsTab(ctx, {
      members: { kind: 'paste', text: members },
      attendance: { kind: 'paste', text: attendance },
      orders: { kind: 'paste', text: orders },
    });
    const { perGroup, all } = distinctMembers();
    const tab = spec(ctx, outcome.tab);
    expect(outcome.groups).toBe(perGroup.size);
    expect(shown(tab, '合计（去重）', '群人数')).toBe(all.size);
    expect(all.size).toBeLessThan(sum([...perGroup.values()].map((ids) => ids.size)));
    for (const [group, ids] of perGroup) expect(shown(tab, group, '群人数')).toBe(ids.size);
    expect(outcome.source).toBe('paste');
    expect(outcome.notes.some((note) => note.startsWith('完课标准：观看 ≥ 72 分钟'))).toBe(true);
  });

  test('lists from tabs, the class length from the settings, the request overriding the share', () => {
    const ctx = createLocalContext({ today, settings: { classMinutes: 60 } });
    const split = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => line.trim().split(','));
    ctx.workbook.addPlainTab('成员', split(members));
    ctx.workbook.addPlainTab('观看', split(attendance));
    const outcome = computeRawMetricsTab(ctx, { members: { kind: 'tab', tab: '成员' }, attendance: { kind: 'tab', tab: '观看' }, completionShare: 0.5 });
    expect(outcome.source).toBe('成员 + 观看');
    expect(outcome.notes).toContain('完课标准：观看 ≥ 30 分钟（课程 60 分钟 × 0.5）。');
    expect(outcome.total.revenue).toBeNull();
  });

  test('an unreadable list names the list, the row and the column; nothing is written', () => {
    const ctx = createLocalContext({ today, locale: 'en_US' });
    const badAttendance = attendance.replace(/\n(wxid_\w+),([^,]+),\d+/, '\n$1,$2,lots');
    const response = callApi(ctx, 'computeRawMetrics', [{ members: { kind: 'paste', text: members }, attendance: { kind: 'paste', text: badAttendance } }]);
    expect(response).toMatchObject({
      ok: false,
      error: { problems: [{ text: 'Tab "Attendance": The attendance list has 1 cells that could not be read; nothing was written:' }, { row: 2, column: 2 }] },
    });
    expect(ctx.workbook.listTabs()).toEqual([]);
  });
});
