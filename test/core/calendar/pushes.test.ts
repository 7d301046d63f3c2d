import { addMonths, parseMonthKey } from '../../../src/core/calendar/grid';
import { countGroupPushes, sopTabGroup } from '../../../src/core/calendar/pushes';
import { checkMonth } from '../../../src/core/calendar/warnings';
import { AppError } from '../../../src/core/errors';
import { d } from './sample';

describe('group pushes counted from SOP tabs', () => {
  const zhTab = {
    name: 'SOP·Java引流5群·第12期',
    group: 'Java引流5群',
    grid: [
      ['ID', '日期', '星期', '时间', '阶段', '渠道', '事项', '状态'],
      ['D1-1', d('2026-12-01'), '周二', 0.4, '营前', '群发', '开营提醒', '未开始'],
      ['D1-2', d('2026-12-01'), '周二', 0.8, '营前', '群发', '晚间直播提醒', null],
      ['D1-3', d('2026-12-01'), '周二', 0.9, '营前', '社群', '群内互动', null],
      ['D2-1', '2026-12-02', '周三', 0.4, '营中', '群发', '作业提醒', '取消'],
      ['D2-2', '2026-12-02', '周三', 0.5, '营中', '群发', '直播链接', null],
      ['D3-1', null, null, null, null, '群发', '没有日期', null],
    ],
  };

  test('rows whose channel is 群发 count per group and day; cancelled rows and rows without a date do not', () => {
    expect(countGroupPushes([zhTab])).toEqual([
      { group: 'Java引流5群', date: d('2026-12-01'), count: 2 },
      { group: 'Java引流5群', date: d('2026-12-02'), count: 1 },
    ]);
  });

  test('English headers and channel names; two tabs of one group add up; a group column wins over the tab', () => {
    const en = {
      name: 'SOP · Group 5',
      group: 'Java引流5群',
      grid: [['Title row'], ['ID', 'Date', 'Channel', 'Status'], ['1', d('2026-12-02'), 'Mass message', 'Not started']],
    };
    const handMade = {
      name: '手工排期',
      group: '',
      grid: [
        ['日期', '渠道', '社群'],
        [d('2026-12-03'), '群发', 'Java引流7群'],
        [d('2026-12-03'), '群发', null],
      ],
    };
    expect(countGroupPushes([zhTab, en, handMade])).toEqual([
      { group: 'Java引流5群', date: d('2026-12-01'), count: 2 },
      { group: 'Java引流5群', date: d('2026-12-02'), count: 2 },
      { group: 'Java引流7群', date: d('2026-12-03'), count: 1 },
      { group: '手工排期', date: d('2026-12-03'), count: 1 },
    ]);
  });

  test('a tab without a date and a channel column counts nothing', () => {
    expect(
      countGroupPushes([
        {
          name: 'x',
          group: 'g',
          grid: [
            ['日期', '事项'],
            [d('2026-12-01'), '群发'],
          ],
        },
      ]),
    ).toEqual([]);
    expect(sopTabGroup({ name: 'T', group: '' })).toBe('T');
    expect(sopTabGroup({ name: 'T', group: 'G' })).toBe('G');
  });

  test('above one push a day for a group, the month gets the WeCom cap warning', () => {
    const warnings = checkMonth({ year: 2026, month: 12, activities: [], overloadThreshold: 3, pushesByGroupDay: countGroupPushes([zhTab]), lang: 'zh-CN' });
    expect(warnings.filter((w) => w.kind === 'pushCap').map((w) => w.params)).toEqual([{ date: '2026-12-01', group: 'Java引流5群', count: 2, cap: 1 }]);
  });
});

describe('months as the user types them', () => {
  test('2026-12, 2027-1, 2026/12 and 2026年12月 are read; anything else names the value, and a year outside 2000–2100 is out of range', () => {
    expect(parseMonthKey('2026-12')).toEqual({ year: 2026, month: 12 });
    expect(parseMonthKey(' 2027-1 ')).toEqual({ year: 2027, month: 1 });
    expect(parseMonthKey('2026/12')).toEqual({ year: 2026, month: 12 });
    expect(parseMonthKey('2026年12月')).toEqual({ year: 2026, month: 12 });
    expect(() => parseMonthKey('1999-12')).toThrow(
      expect.objectContaining({ problems: [{ code: 'error.dateOutOfRange', params: { value: '1999-12', min: 2000, max: 2100 } }] }),
    );
    for (const bad of ['2026-13', '2026-00', '12-2026', '', null, 'next month']) {
      expect(() => parseMonthKey(bad)).toThrow(AppError);
    }
    try {
      parseMonthKey('2026-13');
    } catch (error) {
      expect((error as AppError).problems[0]).toEqual({ code: 'calendar.error.month', params: { value: '2026-13' } });
    }
  });

  test('adding months crosses years both ways', () => {
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2026, 11, 14)).toEqual({ year: 2028, month: 1 });
    expect(addMonths(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
  });
});
