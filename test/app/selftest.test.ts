/** 诊断 / Self-test on the local workbook: every feature in temporary tabs, read back, regenerated, and gone afterwards. */
import { runSelfTest } from '../../src/app/selftest';
import { createDemoContext } from '../../src/local/demo';
import { createLocalContext } from '../../src/local/context';
import { fromIso, type DaySerial } from '../../src/core/dates';
import type { CellValue } from '../../src/core/tab/spec';

const TODAY = fromIso('2026-12-04') as DaySerial;

describe('the self-test', () => {
  test('passes on the demo workbook, leaves it as it was and reports each step with its time', () => {
    const ctx = createDemoContext({ today: TODAY });
    const before = ctx.workbook.tabs.map((tab) => JSON.stringify(tab.spec));
    const result = runSelfTest(ctx);
    expect(result.steps.map((step) => [step.step, step.problems])).toEqual([
      ['sop', []],
      ['gantt', []],
      ['today', []],
      ['calendar', []],
      ['metrics', []],
      ['sidebars', []],
      ['cleanup', []],
    ]);
    expect(result.ok).toBe(true);
    expect(ctx.workbook.tabs.map((tab) => JSON.stringify(tab.spec))).toEqual(before);
    // Each sidebar's first call, timed (the local workbook counts no calls).
    expect(result.report).toMatch(/✓ 打开侧边栏（首次调用）\n {2}团队与设置: \d+ 毫秒\n {2}社群SOP排期: \d+ 毫秒\n/);
    expect(result.report).toMatch(/^诊断通过/);
    expect(result.report).toMatch(/✓ 社群SOP排期 · SOP·诊断自检群·自检\n {2}首次生成: \d+ 毫秒\n {2}重新生成: \d+ 毫秒/);
    // The demo has no Today board: one is made for the test, generated again from itself, timed, and deleted with the other tabs.
    expect(result.report).toMatch(/\n✓ 今日看板（从看板读回来源） · 今日看板\n {2}首次生成: \d+ 毫秒\n/);
    expect(ctx.workbook.markedTabs((marker) => marker.kind === 'today')).toEqual([]);
    // The report is shown, and returned for `clasp run selfTest`.
    expect(ctx.ui.messages.at(-1)).toMatchObject({ kind: 'alert', title: '社群SOP助手 · 诊断', message: result.report });
  });

  test('a row the board reads back otherwise than its tab holds is reported, with the tab and the row', () => {
    const ctx = createDemoContext({ today: TODAY });
    const read = ctx.workbook.readTab.bind(ctx.workbook);
    // As if Sheets gave back the SOP tab's second row with another item than the board's mirror shows.
    ctx.workbook.readTab = (name) => {
      const grid = read(name);
      return name.startsWith('SOP·诊断')
        ? grid.map((row, r) => (r === 1 ? row.map((cell) => (cell === grid[1][6] ? `${String(cell)}（改）` : cell)) : row))
        : grid;
    };
    const result = runSelfTest(ctx);
    expect(result.steps.find((step) => step.step === 'today')!.problems).toEqual(['「今日看板」读回的「SOP·诊断自检群·自检」第 2 行与该表中的不一致。']);
    expect(result.ok).toBe(false);
  });

  test('in English, in an empty workbook (no team): the same steps pass', () => {
    const ctx = createLocalContext({ today: TODAY, locale: 'en_US' });
    const result = runSelfTest(ctx);
    expect(result.report.split('\n')[0]).toBe(
      'Self-test passed: every feature generated, read back and regenerated in this spreadsheet; its temporary tabs are deleted.',
    );
    expect(result.ok).toBe(true);
    expect(ctx.workbook.listTabs()).toEqual([]);
  });

  test('a missing dropdown and a tab that cannot be deleted are reported, and the report says so', () => {
    const ctx = createDemoContext({ today: TODAY });
    const features = ctx.workbook.tabFeatures.bind(ctx.workbook);
    ctx.workbook.tabFeatures = (name) => (name.startsWith('SOP·') ? { ...features(name), validatedCells: 0 } : features(name));
    const remove = ctx.workbook.deleteTab.bind(ctx.workbook);
    ctx.workbook.deleteTab = (name) => {
      if (name.includes('甘特图')) throw new Error('Sheets refused');
      remove(name);
    };
    const result = runSelfTest(ctx);
    expect(result.ok).toBe(false);
    expect(result.steps.find((step) => step.step === 'sop')!.problems).toEqual(['「SOP·诊断自检群·自检」没有下拉菜单。']);
    const cleanup = result.steps.find((step) => step.step === 'cleanup')!;
    expect(cleanup.problems).toEqual(['Error: Sheets refused', expect.stringMatching(/^这些临时标签页没能删除，请手动删除：.*甘特图/)]);
    expect(result.report).toMatch(/^诊断发现问题/);
    expect(result.report).toMatch(/\n✗ 社群SOP排期 · SOP·诊断自检群·自检\n/);
  });

  test('an SOP tab whose dates Sheets gives back a day off from what its marker keeps is reported (the calendar’s push counts would be wrong)', () => {
    const ctx = createDemoContext({ today: TODAY });
    const readTab = ctx.workbook.readTab.bind(ctx.workbook);
    const dayLater = (grid: CellValue[][]): CellValue[][] => {
      const date = grid[0].indexOf('日期');
      return grid.map((row, r) => row.map((cell, c) => (r > 0 && c === date && typeof cell === 'number' ? cell + 1 : cell)));
    };
    ctx.workbook.readTab = (name) => (name.startsWith('SOP·') ? dayLater(readTab(name)) : readTab(name));
    const result = runSelfTest(ctx);
    expect(result.ok).toBe(false);
    expect(result.steps.find((step) => step.step === 'sop')!.problems).toEqual([
      '「SOP·诊断自检群·自检」的标记记下的日期范围或群发次数与表中不符，日历的群发上限提醒会算错。',
    ]);
  });
});
