/**
 * Calendar files through the use cases, on the demo workbook: an SOP tab's items and a month's
 * activities, read back with ical.js and compared with the tab and the list they came from.
 */
import { callApi } from '../../src/app/api';
import { createActivityList, draftMonth } from '../../src/app/calendar';
import { exportCalendarIcs, exportSopIcs } from '../../src/app/ics';
import { generateSopTabs } from '../../src/app/sop';
import { fromIso, serialFromYmd, toIso, ymdFromSerial, type DaySerial } from '../../src/core/dates';
import { findSopHeader, sopTableRows } from '../../src/core/sop/columns';
import type { CellValue } from '../../src/core/tab/spec';
import { createDemoContext } from '../../src/local/demo';
import { createLocalContext, type LocalContext } from '../../src/local/context';
import { parseIcs, physicalLines, type ParsedEvent } from '../support/ical';
import { errorOf } from '../support/problems';

const today = serialFromYmd(2026, 11, 23);
const TAB = 'SOP·Java引流5群·第12期';

function withSop(options: { locale?: string; anchor?: string } = {}): LocalContext {
  const ctx = createDemoContext({ today, locale: options.locale });
  generateSopTabs(ctx, { template: 'big-class-28d', anchor: options.anchor ?? '2026-12-14', groups: 'Java引流5群', cohort: '第12期' });
  return ctx;
}

/** A local Shanghai time (UTC+8, no daylight time) as the UTC text ical.js gives. */
function shanghaiUtc(day: DaySerial, hours: number, minutes: number): string {
  const { year, month, day: d } = ymdFromSerial(day);
  return new Date(Date.UTC(year, month - 1, d, hours - 8, minutes)).toISOString().replace('.000Z', 'Z');
}

function sopRows(ctx: LocalContext, tab = TAB) {
  const grid = ctx.workbook.readTab(tab);
  return sopTableRows(grid, findSopHeader(grid)!);
}

const text = (value: CellValue | undefined) => (value === null || value === undefined ? '' : String(value).trim());

describe('an SOP tab as a calendar file', () => {
  test('every dated row is an event at its date and time (UTC from Shanghai), with its item, status and texts', () => {
    const ctx = withSop();
    const before = JSON.stringify(ctx.workbook.tabs.map((tab) => [tab.spec, tab.marker]));
    const messages = ctx.ui.messages.length;
    const file = exportSopIcs(ctx, { tab: TAB });
    // Exporting writes nothing and says nothing in the sheet: the sidebar shows the message.
    expect(JSON.stringify(ctx.workbook.tabs.map((tab) => [tab.spec, tab.marker]))).toBe(before);
    expect(ctx.ui.messages).toHaveLength(messages);
    const rows = sopRows(ctx);
    expect(file).toMatchObject({ filename: `${TAB}.ics`, events: rows.length, message: `已导出 ${rows.length} 个日程到 ${TAB}.ics` });
    const calendar = parseIcs(file.text);
    expect(calendar.properties).toMatchObject({ 'X-WR-CALNAME': TAB, 'X-WR-TIMEZONE': 'Asia/Shanghai', METHOD: 'PUBLISH' });
    expect(calendar.events).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const event = calendar.events[i];
      const day = row.date as DaySerial;
      const minute = Math.round((row.time as number) * 1440);
      expect(event.start).toBe(shanghaiUtc(day, Math.floor(minute / 60), minute % 60));
      expect(event.end).toBe(shanghaiUtc(day, Math.floor(minute / 60), (minute % 60) + 30));
      expect(event.summary).toBe(`【${text(row.channel)}】${text(row.item)} · Java引流5群`);
      expect(event.description.split('\n')[0]).toBe('状态：未开始');
      if (text(row.owner)) expect(event.description).toContain(`执行人：${text(row.owner)}`);
      else expect(event.description).not.toContain('执行人：');
      expect(event.description).toContain(`具体事项：${text(row.detail)}`);
      expect(event.description).toContain(`ID ${text(row.id)}`);
      expect(event.alarms).toEqual(['-PT15M']);
      expect(event.location).toBe('Java引流5群');
    });
    expect(new Set(calendar.events.map((e) => e.uid)).size).toBe(rows.length);
    for (const line of physicalLines(file.text)) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  test('regenerating with another anchor and ticking rows done keeps every UID: a re-import updates the events', () => {
    const ctx = withSop();
    const before = parseIcs(exportSopIcs(ctx, { tab: TAB }).text).events;
    generateSopTabs(ctx, { template: 'big-class-28d', anchor: '2026-12-16', groups: 'Java引流5群', cohort: '第12期' });
    const grid = ctx.workbook.readTab(TAB);
    const header = findSopHeader(grid)!;
    ctx.workbook.setCell(TAB, header.row + 1, header.columns.status!, '已完成');
    ctx.workbook.setCell(TAB, header.row + 1, header.columns.item!, '开营前一周：改过的事项');
    const after = parseIcs(exportSopIcs(ctx, { tab: TAB }).text).events;
    const byUid = new Map<string, ParsedEvent>(after.map((e) => [e.uid, e]));
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const first = byUid.get(before[0].uid)!;
    expect(first.summary).toContain('开营前一周：改过的事项');
    expect(first.description.split('\n')[0]).toBe('状态：已完成');
    expect(first.alarms).toEqual([]);
    // Every event moved two days with the anchor.
    for (const event of before) {
      const moved = byUid.get(event.uid)!;
      expect(Date.parse(moved.start) - Date.parse(event.start)).toBe(2 * 86_400_000);
    }
  });

  test('in English, the labels and message are English', () => {
    const ctx = withSop({ locale: 'en_US' });
    // The demo's past cohorts come first; the tab just generated is the last SOP tab.
    const file = exportSopIcs(ctx, {
      tab: ctx.workbook
        .listTabs()
        .filter((t) => t.marker?.kind === 'sop')
        .pop()!.name,
    });
    expect(file.message).toMatch(/^Exported \d+ events to /);
    expect(parseIcs(file.text).events[0].description.split('\n')[0]).toBe('Status: Not started');
  });

  test('a tab that is not there, or not an SOP tab, is refused by name', () => {
    const ctx = withSop();
    expect(errorOf(() => exportSopIcs(ctx, { tab: '没有这个表' })).problems[0]).toMatchObject({ code: 'error.tabNotFound', params: { tab: '没有这个表' } });
    expect(errorOf(() => exportSopIcs(ctx, { tab: '活动列表' })).problems[0]).toMatchObject({ code: 'sop.error.notSopTab' });
  });

  test('through the sidebar’s API: a good request gives the file, a bad one a message', () => {
    const ctx = withSop();
    const ok = callApi(ctx, 'exportSopIcs', [{ tab: TAB }]);
    expect(ok.ok && (ok.value as { events: number }).events).toBeGreaterThan(20);
    const refused = callApi(ctx, 'exportSopIcs', [{ name: TAB }]);
    expect(refused.ok).toBe(false);
  });
});

describe('a month of activities as a calendar file', () => {
  test('December from the demo’s pasted list: its 8 activities, all day, each as the list says', () => {
    const ctx = createDemoContext({ today });
    const file = exportCalendarIcs(ctx, { month: '2026-12' });
    expect(file).toMatchObject({ filename: '活动日历 2026-12.ics', events: 8, message: '已导出 8 个日程到 活动日历 2026-12.ics' });
    const calendar = parseIcs(file.text);
    expect(calendar.properties['X-WR-CALNAME']).toBe('2026-12 活动 · 活动列表');
    expect(calendar.events).toHaveLength(8);
    const live = calendar.events.find((e) => e.summary === '【营销课】高薪就业直播公开课')!;
    expect(live).toMatchObject({ allDay: true, start: '2026-12-05', end: '2026-12-06', alarms: [] });
    expect(live.description).toContain('负责人：赵老师');
    for (const event of calendar.events) {
      expect(event.allDay).toBe(true);
      expect(event.uid).toMatch(/^activity-[0-9a-f]{16}-row\d+@sop-planner$/);
      expect(Date.parse(event.end)).toBeGreaterThan(Date.parse(event.start));
    }
  });

  test('the same month twice has the same UIDs; drafts appended to our list are tentative events of their own', () => {
    const ctx = createDemoContext({ today });
    createActivityList(ctx);
    const first = parseIcs(exportCalendarIcs(ctx, { month: '2026-12', list: '活动列表' }).text).events.map((e) => e.uid);
    expect(parseIcs(exportCalendarIcs(ctx, { month: '2026-12', list: '活动列表' }).text).events.map((e) => e.uid)).toEqual(first);
    draftMonth(ctx, { month: '2027-01', list: '活动清单' });
    const drafts = parseIcs(exportCalendarIcs(ctx, { month: '2027-01', list: '活动清单' }).text).events;
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((e) => e.status === 'TENTATIVE')).toBe(true);
    expect(drafts.filter((e) => first.includes(e.uid))).toEqual([]);
  });

  test('a bad month, a month without activities and a workbook without a list are refused', () => {
    const ctx = createDemoContext({ today });
    expect(errorOf(() => exportCalendarIcs(ctx, { month: '2026-13' })).problems[0].code).toBe('calendar.error.month');
    expect(errorOf(() => exportCalendarIcs(ctx, { month: '2030-01' })).problems[0]).toMatchObject({
      code: 'ics.error.noActivities',
      params: { list: '活动列表', month: '2030-01' },
    });
    expect(errorOf(() => exportCalendarIcs(createLocalContext({ today }), { month: '2026-12' })).problems[0].code).toBe('calendar.error.noList');
  });

  test('dates stay where the list puts them: an activity on the 1st is on the 1st, not the day before in UTC', () => {
    const ctx = createDemoContext({ today });
    const events = parseIcs(exportCalendarIcs(ctx, { month: '2026-12' }).text).events;
    const starts = events.map((e) => fromIso(e.start)!).filter((d) => d >= serialFromYmd(2026, 12, 1));
    expect(starts.map(toIso)).toContain('2026-12-01');
  });
});
