/**
 * The Today board's formulas against the core's reading of the same cells: what the engine computes
 * for every formula is the value the board declares, and the lines it shows are readDueItems' items in
 * the board's order — on examples a manager would recognise, and on random SOP tabs and days.
 */
import fc from 'fast-check';
import { t } from '../../../src/core/i18n';
import { statusLabel, STATUSES } from '../../../src/core/sop/status';
import type { CellValue } from '../../../src/core/tab/spec';
import { MAX_LINES, SPARE_SOURCE_ROWS, TODAY_FIRST_LINE_ROW } from '../../../src/core/today/board';
import type { DueItem } from '../../../src/core/today/due';
import { minuteOf, orderDueItems, readDueItems, weekStartOf, type DueSourceGrid } from '../../../src/core/today/read';
import { sourceLabel } from '../../../src/core/today/sources';
import { board, d, disagreements, engine, ganttGrid, hm, linesShown, planSource, sopGrid, sopSource, type SopLine } from './fixtures';

const TODAY = d('2026-12-04'); // a Friday
const ZH_UNASSIGNED = t('zh-CN', 'today.unassigned');

/** A line as the board shows it, from an item: executor, date, minute, group, item, status, days overdue. */
function expectedLine(item: DueItem, unassigned = ZH_UNASSIGNED): CellValue[] {
  return [item.owner || unassigned, item.date, item.minute, sourceLabel(item), item.item, item.status, item.state === 'overdue' ? item.daysOverdue : ''];
}

/** The engine's lines with the time as a minute of the day, comparable with expectedLine. */
function shownLines(lines: CellValue[][]): CellValue[][] {
  return lines.map(([owner, date, time, ...rest]) => [owner, date, minuteOf(typeof time === 'number' ? time : String(time ?? '')), ...rest]);
}

function sample(): DueSourceGrid[] {
  return [
    {
      tab: sopSource('SOP·Java5群·第12期', 'Java5群', '第12期'),
      grid: sopGrid([
        { date: d('2026-12-01'), time: hm('20:00'), item: '开营仪式', owner: '林晓', status: '已完成' },
        { date: d('2026-12-02'), time: hm('09:00'), item: '发群公告', owner: '林晓' },
        { date: d('2026-12-04'), time: hm('19:30'), item: '直播预告', owner: '周舟', status: '进行中' },
        { date: d('2026-12-04'), time: '晚饭后', item: '催课', owner: '' },
        { date: d('2026-12-05'), item: '朋友圈种草', owner: '王蕾' },
        { date: d('2026-12-06'), item: '后天的事', owner: '王蕾' },
        { date: d('2026-12-03'), item: '已取消的事', owner: '王蕾', status: '取消' },
        { date: null, item: '没有日期', owner: '王蕾' },
      ]),
    },
    {
      tab: sopSource('SOP·Python1群', 'Python1群', ''),
      grid: sopGrid(
        [
          { date: d('2026-12-04'), time: hm('08:30'), item: 'Morning post', owner: 'WANGLEI' },
          { date: d('2026-11-30'), item: 'Survey', owner: '赵老师', status: 'Done' },
          { date: d('2026-11-28'), item: 'Late follow-up', owner: '陈默' },
        ],
        'en',
      ),
    },
    {
      tab: planSource('甘特图·推进表', '推进表'),
      grid: ganttGrid([
        { task: '海报设计', owner: '孙悦', end: d('2026-12-03'), progress: 0.3 },
        { task: '确定主题', owner: '林晓', end: d('2026-12-02'), progress: 1 },
        { task: '问卷', owner: '周舟', end: d('2026-12-04'), progress: 60, status: '进行中' },
        { task: '已标完成', owner: '周舟', end: d('2026-12-01'), status: '已完成' },
      ]),
    },
  ];
}

describe('the Today board on a sample workbook', () => {
  const sources = sample();
  const executors = ['林晓', '周舟', '陈默', '王蕾', '赵老师', '孙悦'];
  const built = board(sources, { today: TODAY, executors });
  const calc = engine(built.spec, sources, TODAY);

  test('every formula shows the value the board declares', () => {
    expect(disagreements(calc, built.spec)).toEqual([]);
  });

  test('lists what is overdue, due today and due tomorrow, per executor in the team’s order, nobody last, by date and time', () => {
    const lines = shownLines(linesShown(calc, built.spec));
    expect(lines).toEqual([
      ['林晓', d('2026-12-02'), 540, 'Java5群 · 第12期', '发群公告', '', 2],
      ['周舟', d('2026-12-04'), 1170, 'Java5群 · 第12期', '直播预告', '进行中', ''],
      ['周舟', d('2026-12-04'), null, '推进表', '问卷', '进行中', ''],
      ['陈默', d('2026-11-28'), null, 'Python1群', 'Late follow-up', '', 6],
      ['王蕾', d('2026-12-05'), null, 'Java5群 · 第12期', '朋友圈种草', '', ''],
      ['孙悦', d('2026-12-03'), null, '推进表', '海报设计', '', 1],
      // Not on the team: after the team, before nobody.
      ['WANGLEI', d('2026-12-04'), 510, 'Python1群', 'Morning post', '', ''],
      [ZH_UNASSIGNED, d('2026-12-04'), null, 'Java5群 · 第12期', '催课', '', ''],
    ]);
    const items = orderDueItems(readDueItems(sources, { today: TODAY, daysAhead: 1 }), executors, ZH_UNASSIGNED);
    expect(lines).toEqual(items.map((item) => expectedLine(item)));
    expect(built.items).toEqual(items);
  });

  test('counts per executor: today, overdue, done and planned this week (Monday start), done %', () => {
    const byOwner = Object.fromEntries(built.byOwner.map((line) => [line.label, line.counts]));
    expect(byOwner['林晓']).toEqual({ today: 0, overdue: 1, doneThisWeek: 2, plannedThisWeek: 3 });
    expect(byOwner['周舟']).toEqual({ today: 2, overdue: 0, doneThisWeek: 1, plannedThisWeek: 3 });
    // 王蕾's cancelled row is not planned; her row without a date is no work at all.
    expect(byOwner['王蕾']).toEqual({ today: 0, overdue: 0, doneThisWeek: 0, plannedThisWeek: 2 });
    expect(byOwner[ZH_UNASSIGNED]).toEqual({ today: 1, overdue: 0, doneThisWeek: 0, plannedThisWeek: 1 });
    expect(built.total).toEqual({ today: 4, overdue: 3, doneThisWeek: 4, plannedThisWeek: 12 });
  });

  test('a status set to done in the SOP tab removes its line without generating again', () => {
    const edited = engine(built.spec, sources, TODAY);
    edited.setCell('SOP·Java5群·第12期', 2, 11, '已完成');
    const lines = shownLines(linesShown(edited, built.spec));
    expect(lines.map((line) => line[4])).not.toContain('发群公告');
    const editedSources = sources.map((source, i) =>
      i === 0 ? { ...source, grid: source.grid.map((row, r) => (r === 2 ? row.map((cell, c) => (c === 11 ? '已完成' : cell)) : row)) } : source,
    );
    expect(lines).toEqual(
      orderDueItems(readDueItems(editedSources, { today: TODAY, daysAhead: 1 }), executors, ZH_UNASSIGNED).map((item) => expectedLine(item)),
    );
  });

  test('the next day, the same formulas move today’s lines to overdue and bring the day after in', () => {
    const tomorrow = engine(built.spec, sources, TODAY + 1);
    const lines = shownLines(linesShown(tomorrow, built.spec));
    expect(lines).toEqual(orderDueItems(readDueItems(sources, { today: TODAY + 1, daysAhead: 1 }), executors, ZH_UNASSIGNED).map((item) => expectedLine(item)));
    expect(lines.map((line) => line[4])).toContain('后天的事');
  });

  test('a row added at the end of an SOP tab joins the board; a deleted tab’s lines go blank', () => {
    const grown = engine(built.spec, sources, TODAY);
    const sop = sources[0].grid;
    grown.setCell('SOP·Java5群·第12期', sop.length, 1, TODAY);
    grown.setCell('SOP·Java5群·第12期', sop.length, 6, '临时加的事');
    expect(linesShown(grown, built.spec).map((line) => line[4])).toContain('临时加的事');

    const deleted = engine(built.spec, sources, TODAY);
    deleted.removeSheet('SOP·Java5群·第12期');
    const groups = linesShown(deleted, built.spec).map((line) => line[3]);
    expect(groups).not.toContain('Java5群 · 第12期');
    expect(groups).toContain('推进表');
  });

  test('the Gantt’s owners’ block below the tasks is not read as tasks', () => {
    const gantt = built.items.filter((item) => item.source === 'plan');
    expect(gantt.map((item) => [item.row, item.item])).toEqual([
      [7, '问卷'],
      [5, '海报设计'],
    ]);
  });

  test('the week may start on Sunday', () => {
    expect(weekStartOf(TODAY, 'mon')).toBe(d('2026-11-30'));
    expect(weekStartOf(TODAY, 'sun')).toBe(d('2026-11-29'));
    const sunday = board(sources, { today: TODAY, executors, weekStart: 'sun' });
    expect(disagreements(engine(sunday.spec, sources, TODAY), sunday.spec)).toEqual([]);
  });
});

describe('the Today board in edge cases', () => {
  test('without any source it is a valid board with no lines and zero counts', () => {
    const empty = board([], { today: TODAY, lang: 'en' });
    const calc = engine(empty.spec, [], TODAY);
    expect(disagreements(calc, empty.spec)).toEqual([]);
    expect(linesShown(calc, empty.spec)).toEqual([]);
    expect(empty.total).toEqual({ today: 0, overdue: 0, doneThisWeek: 0, plannedThisWeek: 0 });
  });

  test('more due rows than lines: the board says how many more there are', () => {
    const many: SopLine[] = Array.from({ length: MAX_LINES + 5 }, (_, i) => ({ date: TODAY - 1 - (i % 20), item: `事项${i}`, owner: '林晓' }));
    const sources = [{ tab: sopSource('SOP·大群', '大群', ''), grid: sopGrid(many) }];
    const built = board(sources, { today: TODAY });
    const calc = engine(built.spec, sources, TODAY);
    expect(disagreements(calc, built.spec)).toEqual([]);
    expect(String(calc.value(built.spec.name, TODAY_FIRST_LINE_ROW + MAX_LINES, 0))).toContain('5');
  });

  test('rows followed: each source’s rows and spare ones for rows added later', () => {
    const sources = [{ tab: sopSource('SOP·A', 'A', ''), grid: sopGrid([{ date: TODAY, item: 'x' }]) }];
    const built = board(sources, { today: TODAY });
    const mirrorRows = built.spec.rows.length - TODAY_FIRST_LINE_ROW;
    expect(mirrorRows).toBe(1 + SPARE_SOURCE_ROWS);
  });
});

describe('the board’s formulas and readDueItems agree on any SOP tabs and any day', () => {
  const owners = ['林晓', '周舟', 'wang', 'WANG', '', '新人'];
  const statusTexts = [...STATUSES.flatMap((status) => [statusLabel(status, 'zh-CN'), statusLabel(status, 'en')]), 'DONE', '', '进行中…'];
  const line: fc.Arbitrary<SopLine> = fc.record({
    date: fc.oneof(
      fc.integer({ min: -12, max: 18 }).map((offset) => TODAY + offset),
      fc.constantFrom<CellValue>(null, '明天', 0),
    ),
    time: fc.oneof(
      fc.integer({ min: 0, max: 1439 }).map((minute) => minute / 1440),
      fc.constantFrom<CellValue>(null, '晚上'),
    ),
    item: fc.constantFrom<CellValue>('开营', '催课', '', 2026),
    owner: fc.constantFrom<CellValue>(...owners),
    status: fc.constantFrom<CellValue>(...statusTexts),
  });
  const tabs = fc.array(fc.array(line, { maxLength: 12 }), { minLength: 1, maxLength: 3 });

  test('engine values equal declared values, and the lines equal the due items in order', () => {
    fc.assert(
      fc.property(
        tabs,
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 14 }),
        fc.constantFrom<'mon' | 'sun'>('mon', 'sun'),
        (lines, shift, daysAhead, weekStart) => {
          const today = TODAY + shift;
          const sources = lines.map((rows, i) => ({ tab: sopSource(`SOP·${i}`, `群${i}`, i % 2 ? '第1期' : ''), grid: sopGrid(rows) }));
          const executors = ['周舟', 'wang', '林晓'];
          const built = board(sources, { today, daysAhead, executors, weekStart });
          const calc = engine(built.spec, sources, today);
          expect(disagreements(calc, built.spec)).toEqual([]);
          const items = orderDueItems(readDueItems(sources, { today, daysAhead }), executors, ZH_UNASSIGNED);
          expect(shownLines(linesShown(calc, built.spec))).toEqual(items.map((item) => expectedLine(item)));
        },
      ),
      { numRuns: 40 },
    );
  });
});
