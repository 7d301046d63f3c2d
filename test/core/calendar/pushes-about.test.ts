/** What an SOP tab's marker keeps of its rows for the calendar (core/calendar/pushes.ts): the same counts as reading the tab. */
import { countGroupPushes, markerPushes, sameSopRows, sopRowsAbout } from '../../../src/core/calendar/pushes';
import { serialFromYmd } from '../../../src/core/dates';
import type { CellValue } from '../../../src/core/tab/spec';

const d = (day: number) => serialFromYmd(2026, 12, day);
const sop = (about: Record<string, string>) => ({ kind: 'sop' as const, key: { group: 'A群', cohort: '第1期' }, about });

const GRID: CellValue[][] = [
  ['ID', '日期', '渠道', '事项', '状态', '群名'],
  ['D1-1', d(1), '群发', '开营提醒', '未开始', null],
  ['D1-2', d(1), '群发', '晚间直播提醒', null, null],
  ['D2-1', d(2), '群发', '作业提醒', '已取消', null],
  ['D3-1', '2026-12-03', '群发', '另一个群的提醒', null, 'B群'],
  ['D4-1', d(4), '社群', '群内答疑', null, null],
  ['D9-1', null, '群发', '没定日子', null, null],
];

describe('sopRowsAbout and markerPushes', () => {
  test('keep the days the rows cover and the pushes per group and day, read back as countGroupPushes counts them', () => {
    const about = sopRowsAbout('A群', GRID);
    expect(about).toEqual({ first: '2026-12-01', last: '2026-12-04', pushes: '[["2026-12-01",2],["2026-12-03",1,"B群"]]' });
    expect(markerPushes(sop(about), 'A群')).toEqual(countGroupPushes([{ name: '', group: 'A群', grid: GRID }]));
  });

  test('a tab without dated rows or a header keeps no days and no pushes', () => {
    expect(sopRowsAbout('A群', [['随便', '写写']])).toEqual({ pushes: '[]' });
  });

  test('a marker that keeps none, or keeps something unreadable, says null: the tab is read instead', () => {
    expect(markerPushes({ kind: 'sop', key: { group: 'A群', cohort: '' } }, 'A群')).toBeNull();
    for (const pushes of ['not json', '{}', '[["2026-13-01",1]]', '[["2026-12-01","2"]]']) expect(markerPushes(sop({ pushes }), 'A群')).toBeNull();
  });

  test('two abouts are the same when their days and pushes are, whatever else they keep', () => {
    const about = sopRowsAbout('A群', GRID);
    expect(sameSopRows({ template: 'x', anchor: '2026-12-01', ...about }, about)).toBe(true);
    expect(sameSopRows({ ...about, last: '2026-12-05' }, about)).toBe(false);
    expect(sameSopRows(undefined, about)).toBe(false);
  });
});
