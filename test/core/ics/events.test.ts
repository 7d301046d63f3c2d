/** SOP rows and activities as calendar events: times, statuses, and UIDs that survive every edit but the row's identity. */
import { fromIso, lastOfMonth, type DaySerial } from '../../../src/core/dates';
import { AppError } from '../../../src/core/errors';
import { serializeCalendar } from '../../../src/core/ics/calendar-file';
import { activityEvents, icsFileName, readLocalTime, readTimeCell, sopTabEvents, stableHash, type ActivityListSource } from '../../../src/core/ics/events';
import type { CellValue } from '../../../src/core/tab/spec';
import { parseIcs } from '../../support/ical';

const day = (iso: string): DaySerial => fromIso(iso) as DaySerial;

const SOP_HEADER = ['ID', '日期', '星期', '时间', '阶段', '渠道', '事项', '具体事项', '话术', '素材', '执行人', '状态', '完成截图/链接', '备注'];
type SopLine = [string, CellValue, string, CellValue, string, string, string, string, string, string, string, string, string, string];

function sopGrid(lines: SopLine[]): CellValue[][] {
  return [SOP_HEADER, ...lines];
}

const ROWS: SopLine[] = [
  [
    'B28-0001',
    day('2026-12-07'),
    '周一',
    20 / 24,
    '营前',
    '群发',
    '开营通知',
    '通知开营时间',
    '同学们好，明晚 8 点开营，记得准时来！',
    '海报',
    '林晓',
    '未开始',
    '',
    '',
  ],
  ['B28-0002', day('2026-12-08'), '周二', '', '营前', '朋友圈', '预热海报', '', '', '', '孙悦', '已完成', 'https://proof', '提前发'],
  ['B28-0003', day('2026-12-09'), '周三', '19:30-21:00', '营中', '直播', '第一课直播', '', '', '', '赵老师', '进行中', '', ''],
  ['B28-0004', day('2026-12-10'), '周四', '10:00', '营中', '私聊', '回访', '', '', '', '周舟', '取消', '', ''],
  ['', day('2026-12-11'), '周五', '', '', '', '手加的复盘会', '', '', '', '林晓', '', '', ''],
  ['B28-0005', '', '', '', '营后', '社群', '没有日期的行', '', '', '', '', '', '', ''],
];

const source = (lines: SopLine[] = ROWS) => ({
  grid: sopGrid(lines),
  tab: 'SOP·Java引流5群·第12期',
  group: 'Java引流5群',
  cohort: '第12期',
  lang: 'zh-CN' as const,
});

describe('an SOP tab as events', () => {
  test('one event per dated row: timed rows at their time, the others all day; rows without a date are counted out', () => {
    const { events, skipped } = sopTabEvents(source());
    expect(skipped).toBe(1);
    expect(events.map((e) => [e.summary, e.day, e.startMinute, e.minutes])).toEqual([
      ['【群发】开营通知 · Java引流5群', day('2026-12-07'), 20 * 60, undefined],
      ['【朋友圈】预热海报 · Java引流5群', day('2026-12-08'), undefined, undefined],
      ['【直播】第一课直播 · Java引流5群', day('2026-12-09'), 19 * 60 + 30, 90],
      ['【私聊】回访 · Java引流5群', day('2026-12-10'), 10 * 60, undefined],
      ['手加的复盘会 · Java引流5群', day('2026-12-11'), undefined, undefined],
    ]);
  });

  test('the description says the status, phase, channel, owner, texts and where the row is', () => {
    const [first, done] = sopTabEvents(source()).events;
    expect(first.description.split('\n')).toEqual([
      '状态：未开始',
      '阶段：营前 · 渠道：群发',
      '执行人：林晓',
      '具体事项：通知开营时间',
      '话术：同学们好，明晚 8 点开营，记得准时来！',
      '素材：海报',
      '来自「SOP·Java引流5群·第12期」第 2 行 · ID B28-0001',
    ]);
    expect(done.description).toContain('状态：已完成');
    expect(done.description).toContain('完成截图/链接：https://proof');
    expect(done.description).toContain('备注：提前发');
    expect(first).toMatchObject({ location: 'Java引流5群', categories: ['营前', '群发'] });
  });

  test('a long script is cut to its beginning; the tab holds the rest', () => {
    const lines = ROWS.slice(0, 1).map((line): SopLine => [...line.slice(0, 8), '话'.repeat(500), ...line.slice(9)] as SopLine);
    const [event] = sopTabEvents(source(lines)).events;
    expect(event.description).toContain(`话术：${'话'.repeat(200)}…`);
  });

  test('timed rows remind 15 minutes before unless done or cancelled; cancelled rows are CANCELLED', () => {
    const { events } = sopTabEvents(source());
    expect(events.map((e) => [e.status, e.alarmMinutesBefore])).toEqual([
      ['CONFIRMED', 15],
      ['CONFIRMED', undefined],
      ['CONFIRMED', 15],
      ['CANCELLED', undefined],
      ['CONFIRMED', undefined],
    ]);
  });

  test('in English, with the labels in English, whatever language the tab is in', () => {
    const [first] = sopTabEvents({ ...source(), lang: 'en' }).events;
    expect(first.description.split('\n').slice(0, 3)).toEqual(['Status: Not started', 'Phase: 营前 · Channel: 群发', 'Owner: 林晓']);
  });

  test('UIDs: the same tab twice gives the same UIDs; a row keeps its UID when its date, time and texts change', () => {
    const before = sopTabEvents(source()).events.map((e) => e.uid);
    expect(sopTabEvents(source()).events.map((e) => e.uid)).toEqual(before);
    const edited = ROWS.map(
      (line): SopLine =>
        [line[0], typeof line[1] === 'number' ? line[1] + 2 : line[1], line[2], '09:15', line[4], '社群', `${line[6]}（改）`, ...line.slice(7)] as SopLine,
    );
    expect(sopTabEvents(source(edited)).events.map((e) => e.uid)).toEqual(before);
    expect(before[0]).toBe(`sop-${stableHash('Java引流5群\u0000第12期')}-B28-0001@sop-planner`);
    // A row added by hand has no ID: it is known by its row in the sheet.
    expect(before[4]).toBe(`sop-${stableHash('Java引流5群\u0000第12期')}-row6@sop-planner`);
  });

  test('another group or cohort has other UIDs for the same template rows', () => {
    const uids = (group: string, cohort: string) => sopTabEvents({ ...source(), group, cohort }).events.map((e) => e.uid);
    const mine = uids('Java引流5群', '第12期');
    for (const other of [uids('Java引流6群', '第12期'), uids('Java引流5群', '第13期')]) expect(other.filter((uid) => mine.includes(uid))).toEqual([]);
  });

  test('a row copied with its ID becomes an event of its own; an ID with other characters is hashed into the UID', () => {
    const lines: SopLine[] = [ROWS[0], [...ROWS[0]] as SopLine, ['自定义 1', ...ROWS[1].slice(1)] as SopLine];
    const uids = sopTabEvents(source(lines)).events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(3);
    expect(uids[1]).toMatch(/-B28-0001-2@sop-planner$/);
    expect(uids[2]).toMatch(/^sop-[0-9a-f]{16}-x[0-9a-f]{16}@sop-planner$/);
  });

  test('a tab without an SOP header is refused', () => {
    expect(() => sopTabEvents({ ...source(), grid: [['hello']] })).toThrow(AppError);
  });

  test('every event goes through the parser as it was made', () => {
    const { events } = sopTabEvents(source());
    const parsed = parseIcs(
      serializeCalendar({ name: 'x', timeZone: 'Asia/Shanghai', exportedAt: { day: day('2026-12-01'), minute: 0 }, events }, () => 480),
    ).events;
    expect(parsed.map((e) => [e.uid, e.summary, e.description, e.start, e.end])).toEqual([
      [events[0].uid, events[0].summary, events[0].description, '2026-12-07T12:00:00Z', '2026-12-07T12:30:00Z'],
      [events[1].uid, events[1].summary, events[1].description, '2026-12-08', '2026-12-09'],
      [events[2].uid, events[2].summary, events[2].description, '2026-12-09T11:30:00Z', '2026-12-09T13:00:00Z'],
      [events[3].uid, events[3].summary, events[3].description, '2026-12-10T02:00:00Z', '2026-12-10T02:30:00Z'],
      [events[4].uid, events[4].summary, events[4].description, '2026-12-11', '2026-12-12'],
    ]);
  });
});

describe('times in the time column', () => {
  test.each([
    [20 / 24, { startMinute: 1200 }],
    ['20:00', { startMinute: 1200 }],
    ['8:30', { startMinute: 510 }],
    ['２０：００', { startMinute: 1200 }],
    ['19:30-21:00', { startMinute: 1170, minutes: 90 }],
    ['19:30 ~ 21:00', { startMinute: 1170, minutes: 90 }],
    ['19:30至21:00', { startMinute: 1170, minutes: 90 }],
    ['21:00-19:30', { startMinute: 1260 }],
    ['', null],
    ['晚上', null],
    ['25:00', null],
    [null, null],
    [1.5, null],
  ])('%p', (cell, expected) => {
    expect(readTimeCell(cell as CellValue)).toEqual(expected);
  });
});

const LIST_HEADER = ['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群', '目标', '状态'];

function list(rows: CellValue[][], month = '2026-12'): ActivityListSource {
  const [year, m] = month.split('-').map(Number);
  return {
    grid: [['12月活动排期'], LIST_HEADER, ...rows],
    tab: '活动列表',
    identity: 'tab:活动列表',
    first: day(`${month}-01`),
    last: lastOfMonth(year, m),
    lang: 'zh-CN',
  };
}

const ACTIVITIES: CellValue[][] = [
  ['11月训练营', '训练营', day('2026-11-28'), day('2026-12-03'), '林晓', 'Java引流5群;Java引流6群', '到课率≥40%', '计划中'],
  ['12月直播课', '直播课', day('2026-12-05'), null, '赵老师', '', '到课 232 人', ''],
  ['冬至促销', '促销活动', day('2026-12-21'), day('2026-12-22'), '周舟', '全部引流群', '', '草稿'],
  ['取消的公开课', '公开课', day('2026-12-12'), null, '', '', '', '已取消'],
  ['1月调研', '调研表单', day('2027-01-04'), null, '', '', '', ''],
];

describe('a month of activities as events', () => {
  test('the activities covering a day of the month, all day, to the day after their last', () => {
    const events = activityEvents(list(ACTIVITIES));
    expect(events.map((e) => [e.summary, e.day, e.lastDay, e.status])).toEqual([
      ['【训练营】11月训练营', day('2026-11-28'), day('2026-12-03'), 'CONFIRMED'],
      ['【直播课】12月直播课', day('2026-12-05'), day('2026-12-05'), 'CONFIRMED'],
      ['【促销活动】冬至促销', day('2026-12-21'), day('2026-12-22'), 'TENTATIVE'],
      ['【公开课】取消的公开课', day('2026-12-12'), day('2026-12-12'), 'CANCELLED'],
    ]);
    expect(events[0].description.split('\n')).toEqual([
      '状态：计划中',
      '负责人：林晓',
      '目标社群：Java引流5群、Java引流6群',
      '目标：到课率≥40%',
      '来自「活动列表」第 3 行',
    ]);
    expect(events[1].description).toContain('状态：（未填）');
    expect(events[0]).toMatchObject({ location: 'Java引流5群、Java引流6群', categories: ['训练营'] });
    expect(events[1].categories).toEqual(['营销课']);
  });

  test('an activity running from November into December is the same event in both months’ files', () => {
    const december = activityEvents(list(ACTIVITIES, '2026-12'));
    const november = activityEvents(list(ACTIVITIES, '2026-11'));
    expect(november.map((e) => e.summary)).toEqual(['【训练营】11月训练营']);
    expect(november[0].uid).toBe(december[0].uid);
  });

  test('UIDs follow the row of the list: renaming, moving or retyping an activity keeps its UID; another list has others', () => {
    const before = activityEvents(list(ACTIVITIES)).map((e) => e.uid);
    expect(before[0]).toBe(`activity-${stableHash('tab:活动列表')}-row3@sop-planner`);
    const edited = ACTIVITIES.map((row) => [
      `${row[0]}（新）`,
      '其他',
      (row[2] as number) + 1,
      row[3] === null ? null : (row[3] as number) + 1,
      ...row.slice(4),
    ]);
    expect(activityEvents(list(edited)).map((e) => e.uid)).toEqual(before);
    const other = activityEvents({ ...list(ACTIVITIES), identity: 'list:' }).map((e) => e.uid);
    expect(other.filter((uid) => before.includes(uid))).toEqual([]);
  });

  test('a list with a mistake is refused with the row and column, as the calendar refuses it', () => {
    const broken = [...ACTIVITIES, ['坏行', '训练营', '12月某天', null, '', '', '', '']];
    let error: unknown;
    try {
      activityEvents(list(broken));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).problems[0].location).toMatchObject({ tab: '活动列表', row: 8 });
  });
});

describe('helpers', () => {
  test('the clock’s "YYYY-MM-DD HH:MM" reads as a local time', () => {
    expect(readLocalTime('2026-12-03 20:15')).toEqual({ day: day('2026-12-03'), minute: 1215 });
    expect(readLocalTime('yesterday')).toBeNull();
  });

  test('file names keep Chinese and drop what file systems refuse', () => {
    expect(icsFileName('SOP·Java引流5群·第12期')).toBe('SOP·Java引流5群·第12期.ics');
    expect(icsFileName('a/b:c*?"<>|d')).toBe('a-b-c-d.ics');
    expect(icsFileName('  ')).toBe('calendar.ics');
  });

  test('the hash is stable and 16 hex digits', () => {
    expect(stableHash('Java引流5群')).toBe(stableHash('Java引流5群'));
    expect(stableHash('Java引流5群')).toMatch(/^[0-9a-f]{16}$/);
    expect(stableHash('a')).not.toBe(stableHash('b'));
  });
});
