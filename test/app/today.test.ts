/** The Today board through its use cases, on the demo workbook: what a manager does from the menu. */
import { callApi } from '../../src/app/api';
import { generateGantt } from '../../src/app/gantt';
import { runSelfTest } from '../../src/app/selftest';
import { generateSopTabs } from '../../src/app/sop';
import { saveSettings } from '../../src/app/team';
import { collectDueItems, generateTodayBoard, getTodayItems, readDueSources } from '../../src/app/today';
import { fromIso, type DaySerial } from '../../src/core/dates';
import { markerKeyOf } from '../../src/core/tab/marker';
import { LINE_COLUMNS, MIRROR_COLUMNS, SPARE_SOURCE_ROWS, SUMMARY_COLUMNS, TODAY_FIRST_LINE_ROW } from '../../src/core/today/board';
import { createDemoContext } from '../../src/local/demo';
import type { LocalContext } from '../../src/local/context';
import { problemsOf } from '../support/problems';

const TODAY = fromIso('2026-12-04') as DaySerial;
const MIRROR_FIRST_COL = LINE_COLUMNS.length + 1 + SUMMARY_COLUMNS.length + 1;

/** The demo workbook (with its past cohorts) and what a team has by then: an SOP tab that started yesterday and the push plan's Gantt. */
function workbook(): LocalContext {
  const ctx = createDemoContext({ today: TODAY });
  generateSopTabs(ctx, { template: 'big-class-28d', anchor: '2026-12-03', groups: 'Java引流5群', cohort: '第12期' });
  generateGantt(ctx, { planTab: '推进表' });
  ctx.ui.messages.length = 0;
  return ctx;
}

const boardTab = (ctx: LocalContext) => ctx.workbook.markedTabs((marker) => marker.kind === 'today')[0];

/** The board's lines as the workbook shows them (its formulas computed), blank lines left out. */
function lines(ctx: LocalContext): Array<Record<(typeof LINE_COLUMNS)[number], unknown>> {
  const grid = ctx.workbook.readTab(boardTab(ctx).name);
  return grid
    .slice(TODAY_FIRST_LINE_ROW)
    .map((row) => Object.fromEntries(LINE_COLUMNS.map((key, c) => [key, row[c] ?? null])) as Record<(typeof LINE_COLUMNS)[number], unknown>)
    .filter((line) => line.item !== '' && line.item !== null);
}

describe('generating the Today board', () => {
  test('on the demo workbook it shows overdue and today’s work of the SOP tab and the Gantt, and opens', () => {
    const ctx = workbook();
    const result = generateTodayBoard(ctx, {});
    expect(result.created).toBe(true);
    // The demo's three past cohorts (closed but for three rows left open on purpose), the current cohort, the Gantt.
    expect(result.sources).toBe(5);
    expect(result.counts.overdue).toBeGreaterThan(0);
    expect(result.counts.today).toBeGreaterThan(0);
    expect(ctx.workbook.activeTabName()).toBe(result.tab);
    expect(markerKeyOf(boardTab(ctx).marker, 'today')).toEqual({});
    expect(ctx.ui.messages.map((m) => m.message)).toContain(result.message);

    const shown = lines(ctx);
    const items = collectDueItems(ctx);
    expect(shown.map((line) => [line.owner, line.date, line.item, line.status ?? ''])).toEqual(
      items.map((item) => [item.owner || '未分配', item.date, item.item, item.status]),
    );
    expect(shown.length).toBe(result.counts.today + result.counts.overdue + result.counts.upcoming);
    expect(new Set(items.map((item) => item.source))).toEqual(new Set(['sop', 'plan']));
    // Of the past cohorts, only the rows left open on purpose show: overdue.
    const past = items.filter((item) => item.source === 'sop' && item.cohort !== '第12期');
    expect(past.map((item) => [item.cohort, item.state])).toEqual([
      ['第11期', 'overdue'],
      ['第11期', 'overdue'],
      ['第10期', 'overdue'],
    ]);
    // The Gantt's 用户调研问卷 ends today at 60%: due today, not done.
    expect(items.find((item) => item.item === '用户调研问卷')).toMatchObject({ source: 'plan', state: 'today', daysOverdue: 0 });
  });

  test('each line links to its row’s status cell in its source tab', () => {
    const ctx = workbook();
    generateTodayBoard(ctx, {});
    const grid = ctx.workbook.readTab(boardTab(ctx).name);
    const links = grid.slice(TODAY_FIRST_LINE_ROW).map((row) => row[MIRROR_FIRST_COL + MIRROR_COLUMNS.indexOf('link')]);
    const [sop] = readDueSources(ctx);
    const statusCol = String.fromCharCode(65 + sop.grid[0].indexOf('状态'));
    expect(links[0]).toBe(`#'${sop.tab.tab}'!${statusCol}2`);
  });

  test('generating another SOP tab refreshes the board, and the tab just generated stays open', () => {
    const ctx = workbook();
    generateTodayBoard(ctx, {});
    const result = generateSopTabs(ctx, { template: 'live-class', anchor: '2026-12-04', groups: 'Python引流1群', cohort: '第3期' });
    expect(ctx.workbook.activeTabName()).toBe(result.tabs[0].tab);
    expect(lines(ctx).map((line) => line.group)).toContain('Python引流1群 · 第3期');
    expect(ctx.workbook.markedTabs((marker) => marker.kind === 'today')).toHaveLength(1);
  });

  test('what a person typed over the board’s own cells goes to its old version when a new SOP tab joins, and the SOP’s message says so', () => {
    const ctx = workbook();
    const { tab } = generateTodayBoard(ctx, {});
    ctx.workbook.setCell(tab, TODAY_FIRST_LINE_ROW, 0, '我改的执行人');
    const result = generateSopTabs(ctx, { template: 'live-class', anchor: '2026-12-04', groups: 'Python引流1群', cohort: '第3期' });
    expect(result.message).toMatch(/「今日看板」已更新：1 处放不下的内容在隐藏的旧版「今日看板 · 旧版[^」]*」里/);
    const old = ctx.workbook.listTabs().find((info) => info.hidden && info.name.startsWith('今日看板 · 旧版'))!;
    expect(ctx.workbook.readTab(old.name)[TODAY_FIRST_LINE_ROW][0]).toBe('我改的执行人');
  });

  test('the self-test’s own SOP and Gantt tabs leave the board with them', () => {
    const ctx = workbook();
    const { tab } = generateTodayBoard(ctx, {});
    const before = ctx.workbook.readTab(tab);
    runSelfTest(ctx);
    expect(ctx.workbook.readTab(tab)).toEqual(before);
  });

  test('generating again keeps a column people added beside the board', () => {
    const ctx = workbook();
    const { tab } = generateTodayBoard(ctx, {});
    const width = ctx.workbook.readTab(tab)[0].length;
    ctx.workbook.setCell(tab, TODAY_FIRST_LINE_ROW, width + 2, '电话跟进');
    const again = generateTodayBoard(ctx, {});
    expect(ctx.workbook.readTab(tab)[TODAY_FIRST_LINE_ROW][width + 2]).toBe('电话跟进');
    // The toast counts what stayed, as every feature's does.
    expect(again.message).toContain('你加的 1 处内容随行保留');
  });

  test('the look-ahead comes from the settings, or from the request', () => {
    const ctx = workbook();
    const nextDay = getTodayItems(ctx, {});
    expect(nextDay.daysAhead).toBe(1);
    saveSettings(ctx, { todayDaysAhead: 7 });
    const week = getTodayItems(ctx, {});
    expect(week.daysAhead).toBe(7);
    expect(week.items.length).toBeGreaterThan(nextDay.items.length);
    expect(generateTodayBoard(ctx, { daysAhead: 0 }).counts.upcoming).toBe(0);
    expect(problemsOf(() => saveSettings(ctx, { todayDaysAhead: 15 }))).toMatchObject([{ code: 'error.invalidSetting' }]);
    expect(problemsOf(() => saveSettings(ctx, { todayDaysAhead: 1.5 }))).toMatchObject([{ code: 'error.invalidSetting' }]);
  });

  test('a request that is not one is refused in the user’s language', () => {
    const ctx = workbook();
    const wrong = callApi(ctx, 'generateTodayBoard', [{ daysAhead: 30 }]);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error.message).toContain('0 到 14');
    const stale = callApi(ctx, 'getTodayItems', [{ days: 3 }]);
    expect(stale.ok).toBe(false);
    expect(callApi(ctx, 'generateTodayBoard', [{}]).ok).toBe(true);
  });

  test('without sources the board still opens and says what to do', () => {
    // The demo without its past cohorts: no SOP tab, no Gantt.
    const ctx = createDemoContext({ today: TODAY, locale: 'en_US', history: false });
    const result = generateTodayBoard(ctx, {});
    expect(result.sources).toBe(0);
    expect(result.message).toContain('No SOP tab or Gantt tab yet');
    expect(lines(ctx)).toEqual([]);
  });
});

describe('the board is generated again from itself: only the tabs it does not follow yet are read', () => {
  /** The board's values and formulas (blank cells at the end of a row, and blank rows at the end, left out). */
  const boardContent = (ctx: LocalContext) => {
    const { values, formulas } = ctx.workbook.readTabContent(boardTab(ctx).name);
    const trimmed = <T>(grid: T[][]): T[][] => {
      const rows = grid.map((row) => {
        const line = row.slice();
        while (line.length && (line[line.length - 1] === '' || line[line.length - 1] === null)) line.pop();
        return line;
      });
      while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
      return rows;
    };
    return { values: trimmed(values), formulas: trimmed(formulas) };
  };
  /** What a board built from every source tab holds (the board deleted first: a first board reads them all). */
  const builtFromEveryTab = (ctx: LocalContext) => {
    ctx.workbook.deleteTab(boardTab(ctx).name);
    const read = tabsRead(ctx, () => void generateTodayBoard(ctx, {}));
    expect(read.filter(isSource).length).toBeGreaterThan(3);
    return boardContent(ctx);
  };
  const isSource = (name: string): boolean => name.startsWith('SOP') || name.startsWith('甘特图') || name.startsWith('5群');
  /** The tabs a use case reads, by name, while it runs. */
  function tabsRead(ctx: LocalContext, run: () => void): string[] {
    const read = jest.spyOn(ctx.workbook, 'readTab');
    try {
      run();
      return read.mock.calls.map(([name]) => name);
    } finally {
      read.mockRestore();
    }
  }

  test('a new SOP tab joins: only it is read, and the board is the one every tab read would give', () => {
    const ctx = workbook();
    generateTodayBoard(ctx, {});
    // Someone outside the team takes a row of the current cohort: the summary gets a line for them.
    const sop = readDueSources(ctx).find(({ tab }) => tab.cohort === '第12期')!;
    const header = sop.grid[0];
    const row = sop.grid.findIndex((line, r) => r > 0 && typeof line[header.indexOf('日期')] === 'number');
    ctx.workbook.setCell(sop.tab.tab, row, header.indexOf('执行人'), '外援小美');

    const read = tabsRead(ctx, () => void generateSopTabs(ctx, { template: 'live-class', anchor: '2026-12-04', groups: 'Python引流1群', cohort: '第3期' }));
    expect(read.filter(isSource)).toEqual(['SOP·Python引流1群·第3期']);
    const joined = boardContent(ctx);
    expect(joined.values.flat()).toContain('外援小美');
    expect(builtFromEveryTab(ctx)).toEqual(joined);
  });

  test('from the menu again, no source tab is read; a renamed source, a deleted one and a new Gantt tab are followed', () => {
    const ctx = workbook();
    generateTodayBoard(ctx, {});
    expect(tabsRead(ctx, () => void generateTodayBoard(ctx, {})).filter(isSource)).toEqual([]);
    const [first, second] = readDueSources(ctx).filter(({ tab }) => tab.source === 'sop');
    ctx.workbook.renameTab(first.tab.tab, '5群·我改的名字');
    ctx.workbook.deleteTab(second.tab.tab);
    // A second plan, whose Gantt tab joins.
    ctx.workbook.addPlainTab('推进表2', ctx.workbook.readTab('推进表'));
    const read = tabsRead(ctx, () => void generateGantt(ctx, { planTab: '推进表2' }));
    expect(read.filter(isSource)).toEqual(['甘特图·推进表2']);
    const joined = boardContent(ctx);
    expect(joined.values.flat().filter((value) => typeof value === 'string' && value.startsWith("#'5群·我改的名字'!")).length).toBeGreaterThan(0);
    expect(builtFromEveryTab(ctx)).toEqual(joined);
  });

  test('a source that outgrew the rows followed (rows added below the spare ones) is read again, alone', () => {
    const ctx = workbook();
    generateTodayBoard(ctx, {});
    const sop = readDueSources(ctx).find(({ tab }) => tab.cohort === '第12期')!;
    const header = sop.grid[0];
    const below = sop.grid.length + SPARE_SOURCE_ROWS + 5;
    for (const r of [sop.grid.length + SPARE_SOURCE_ROWS - 1, below]) {
      ctx.workbook.setCell(sop.tab.tab, r, header.indexOf('日期'), TODAY);
      ctx.workbook.setCell(sop.tab.tab, r, header.indexOf('事项'), `加的第 ${r + 1} 行`);
    }
    const read = tabsRead(ctx, () => void generateTodayBoard(ctx, {}));
    expect(read.filter(isSource)).toEqual([sop.tab.tab]);
    const again = boardContent(ctx);
    expect(lines(ctx).map((line) => line.item)).toContain(`加的第 ${below + 1} 行`);
    expect(builtFromEveryTab(ctx)).toEqual(again);
  });

  test('a source with rows inserted above its header is read again, alone', () => {
    const ctx = workbook();
    generateTodayBoard(ctx, {});
    const sop = readDueSources(ctx).find(({ tab }) => tab.cohort === '第12期')!;
    const before = lines(ctx).filter((line) => line.group === 'Java引流5群 · 第12期').length;
    expect(before).toBeGreaterThan(0);
    ctx.workbook.insertRows(sop.tab.tab, 0, 2);
    ctx.workbook.setCell(sop.tab.tab, 0, 0, '第12期 · 排期（手加的标题）');
    const read = tabsRead(ctx, () => void generateTodayBoard(ctx, {}));
    expect(read.filter(isSource)).toEqual([sop.tab.tab]);
    const again = boardContent(ctx);
    expect(lines(ctx).filter((line) => line.group === 'Java引流5群 · 第12期').length).toBe(before);
    expect(builtFromEveryTab(ctx)).toEqual(again);
  });

  test('a board made by an earlier version (no sources in its marker) is built from every source', () => {
    const ctx = workbook();
    const { tab } = generateTodayBoard(ctx, {});
    const { sources, ...about } = boardTab(ctx).marker!.about!;
    expect(sources).toBeDefined();
    ctx.workbook.rememberAbout(tab, about);
    const read = tabsRead(ctx, () => void generateSopTabs(ctx, { template: 'live-class', anchor: '2026-12-04', groups: 'Python引流1群', cohort: '第3期' }));
    expect(read.filter(isSource).length).toBeGreaterThan(4);
    const joined = boardContent(ctx);
    expect(builtFromEveryTab(ctx)).toEqual(joined);
  });
});
