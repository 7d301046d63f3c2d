/**
 * What each action costs in Sheets (printed by bench/bench.ts): Apps Script calls, document calls
 * (reads + writes: handles, rule builders and services are not counted) and round trips (a read
 * that has to wait for pending writes, or a flush with writes pending), as the recording fake counts
 * them (test/gas/call-kinds.ts). Each action runs in an empty workbook and in a full one — 30
 * generated SOP tabs and a 20,000-row pasted tab — since an action must not cost more because of
 * what else the workbook holds. Targets (issue "Fast in real Sheets"): ≤ 30 document calls and ≤ 2
 * round trips per single-tab action, ≤ 10 reads to open a sidebar, ≤ 30 × N for N tabs.
 */
import { DEMO_FILES } from '../src/local/demo';
import { GLOBALS } from '../src/gas/main';
import { installFakeGas, type CostSummary, type FakeGas } from '../test/gas/fake-spreadsheet';
import { seedPastedDemo } from '../test/gas/seed-demo';

type Line = (label: string, value: string) => void;

const TEAM = [
  { name: '林晓', role: 'operator' },
  { name: '周舟', role: 'operator' },
  { name: '陈默', role: 'advisor' },
  { name: '王蕾', role: 'advisor' },
  { name: '赵老师', role: 'lecturer' },
  { name: '孙悦', role: 'designer' },
];
const SOP = { template: 'big-class-28d', anchor: '2026-12-14', cohort: '第1期' };
const REMINDERS = {
  enabled: true,
  channel: 'wecom',
  webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa',
  hour: 8,
  minute: 30,
};
const QUICK = { quick: true };
const THIRTY_GROUPS = Array.from({ length: 30 }, (_, i) => `引流${i + 1}群`).join('、');

/** A workbook with the team, the demo plan and activity list, and — when full — 30 SOP tabs and a 20,000-row paste. */
function workbook(full: boolean): FakeGas {
  const fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1'] });
  // The robot accepts every post (what a reminder costs in the document is counted, not the network).
  fake.fetchHandler = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  GLOBALS.saveTeam(TEAM);
  seedPastedDemo(fake, '推进表', DEMO_FILES.pushPlan);
  seedPastedDemo(fake, '活动列表', DEMO_FILES.activities);
  seedPastedDemo(fake, '群数据', DEMO_FILES.groupFunnel);
  if (full) {
    GLOBALS.generateSop({ ...SOP, groups: THIRTY_GROUPS });
    const rows = Array.from({ length: 20_000 }, (_, i) => [`会员${i + 1}`, `1380000${String(i).padStart(4, '0')}`, 199 + (i % 7) * 100, '2026-11-30']);
    fake.seedSheet('会员导出', [['昵称', '手机号', '消费金额', '加入日期'], ...rows]);
  }
  return fake;
}

/** Runs `action` after `prepare` (both in a fresh workbook) and returns what `action` alone cost. */
function cost(full: boolean, action: () => unknown, prepare: () => void = () => undefined): CostSummary {
  const fake = workbook(full);
  try {
    prepare();
    fake.resetCalls();
    const response = action() as { ok?: boolean } | undefined;
    if (response && response.ok === false) throw new Error(JSON.stringify(response));
    return fake.costSummary();
  } finally {
    fake.uninstall();
  }
}

/** The event the next onEdit gets (made by its preparation, which the cost leaves out). */
const nextEdit: { event: unknown } = { event: null };

/**
 * A person's edit, as Sheets reports it to onEdit: in an SOP tab (made first), its first 群发 row re-dated
 * (typed as a person types a date); in another tab, its first cell typed over. Returns the event (`e.range`).
 */
function personEdits(tab: string, sop: boolean): { range: unknown } {
  if (sop) GLOBALS.generateSop({ ...SOP, groups: 'A群' });
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab);
  if (!sheet) throw new Error(`bench: no tab ${tab}`);
  const values = sheet.getDataRange().getValues();
  const channel = values[0].indexOf('渠道');
  const row = sop ? values.findIndex((line) => line[channel] === '群发') : 0;
  if (row < 0) throw new Error('bench: no 群发 row');
  const cell = sop ? sheet.getRange(row + 1, values[0].indexOf('日期') + 1) : sheet.getRange(1, 1);
  cell.setValue(sop ? '2026-12-20' : '活动名称');
  return { range: cell };
}

const shown = (c: CostSummary): string => `${c.calls} / ${c.documentCalls} / ${c.roundTrips}`;

export function benchCosts(line: Line): void {
  const actions: Array<[string, () => unknown, (() => void)?]> = [
    ['saveTeam, again', () => GLOBALS.saveTeam(TEAM)],
    ['generateSop, 1 group, first run', () => GLOBALS.generateSop({ ...SOP, groups: 'A群' })],
    [
      'generateSop, 1 group, again (anchor +2)',
      () => GLOBALS.generateSop({ ...SOP, anchor: '2026-12-16', groups: 'A群' }),
      () => GLOBALS.generateSop({ ...SOP, groups: 'A群' }),
    ],
    ['generateSop, 30 groups', () => GLOBALS.generateSop({ ...SOP, groups: THIRTY_GROUPS.replace(/引流/g, '新') })],
    ['generateGantt, first run', () => GLOBALS.generateGantt({ planTab: '推进表' })],
    ['generateGantt, again', () => GLOBALS.generateGantt({ planTab: '推进表' }), () => GLOBALS.generateGantt({ planTab: '推进表' })],
    ['generateCalendar, one month', () => GLOBALS.generateCalendar({ month: '2026-12', list: '活动列表' })],
    ['generateCalendar, 12 months', () => GLOBALS.generateCalendar({ month: '2026-01', span: 'months', count: 12, list: '活动列表' })],
    ['computeMetrics, from a tab', () => GLOBALS.computeMetrics({ kind: 'tab', tab: '群数据' })],
    ['computeMetrics, pasted text', () => GLOBALS.computeMetrics({ kind: 'paste', text: DEMO_FILES.groupFunnel })],
    // Asked when someone clicks 打印 / 导出 PDF under a result, never by the generating itself.
    ['printLink (the Gantt tab’s PDF link)', () => GLOBALS.printLink({ tab: '甘特图' }), () => GLOBALS.generateGantt({ planTab: '推进表' })],
    // A first board reads every source tab (in the full workbook, the 30 SOP tabs); made again, it reads itself instead.
    ['showTodayBoard, first run', () => GLOBALS.showTodayBoard(), () => GLOBALS.generateGantt({ planTab: '推进表' })],
    [
      'showTodayBoard, again',
      () => GLOBALS.showTodayBoard(),
      () => {
        GLOBALS.generateGantt({ planTab: '推进表' });
        GLOBALS.showTodayBoard();
      },
    ],
    [
      'generateSop, 1 group, with a Today board (it joins; two tabs written)',
      () => GLOBALS.generateSop({ ...SOP, groups: 'A群' }),
      () => GLOBALS.showTodayBoard(),
    ],
    [
      'generateGantt, first run, with a Today board (it joins; two tabs written)',
      () => GLOBALS.generateGantt({ planTab: '推进表' }),
      () => GLOBALS.showTodayBoard(),
    ],
    [
      'generateSop, 1 group, again, with a Today board (followed, not rebuilt)',
      () => GLOBALS.generateSop({ ...SOP, anchor: '2026-12-16', groups: 'A群' }),
      () => {
        GLOBALS.generateSop({ ...SOP, groups: 'A群' });
        GLOBALS.showTodayBoard();
      },
    ],
    ['saveReminderSettings, turning reminders on', () => GLOBALS.saveReminderSettings(REMINDERS)],
    [
      'sendDailyReminders (the trigger), one SOP group',
      () => GLOBALS.sendDailyReminders(),
      () => {
        GLOBALS.generateSop({ ...SOP, groups: 'A群' });
        GLOBALS.saveReminderSettings(REMINDERS);
      },
    ],
    // The review reads each chosen SOP tab whole and the metrics paste: in the full workbook, the 30 other groups' 第1期 too.
    [
      'generateReview, two cohorts of one group',
      () => GLOBALS.generateReview({}),
      () => GLOBALS.generateSop({ ...SOP, anchor: '2026-10-05', groups: 'A群', cohort: '第0期' }),
    ],
    // Sheets' onEdit after a person's edit: an SOP tab's push counts follow it (read once, marker rewritten); any other tab costs its marker lookup.
    ['onEdit, an SOP tab\u2019s 群发 row re-dated', () => GLOBALS.onEdit(nextEdit.event), () => (nextEdit.event = personEdits('SOP·A群·第1期', true))],
    ['onEdit, a tab of one\u2019s own', () => GLOBALS.onEdit(nextEdit.event), () => (nextEdit.event = personEdits('活动列表', false))],
    // A sidebar opens with a quick call (what the markers and the active tab say), then lists every tab in a second one.
    ['open Team & settings (getTeamState)', () => GLOBALS.getTeamState()],
    ['open SOP (getSopState quick)', () => GLOBALS.getSopState(QUICK)],
    ['open Gantt (getGanttState quick)', () => GLOBALS.getGanttState(QUICK)],
    ['open calendar (getCalendarState quick)', () => GLOBALS.getCalendarState(QUICK)],
    ['open metrics (getMetricsState quick)', () => GLOBALS.getMetricsState(QUICK)],
    ['open reminders (getReminderState)', () => GLOBALS.getReminderState()],
    ['open review (getReviewState quick)', () => GLOBALS.getReviewState(QUICK), () => GLOBALS.generateSop({ ...SOP, groups: 'A群' })],
    ['  then every tab listed (getSopState)', () => GLOBALS.getSopState({})],
    ['  then every tab listed (getGanttState)', () => GLOBALS.getGanttState({})],
    ['  then every tab listed (getCalendarState)', () => GLOBALS.getCalendarState({})],
    ['  then every tab listed (getMetricsState)', () => GLOBALS.getMetricsState({})],
    ['  then every tab listed (getReviewState)', () => GLOBALS.getReviewState({}), () => GLOBALS.generateSop({ ...SOP, groups: 'A群' })],
  ];
  line('Apps Script cost per action: calls / document calls / round trips', 'empty workbook | 30 SOP tabs + 20,000-row tab');
  for (const [label, action, prepare] of actions) line(`  ${label}`, `${shown(cost(false, action, prepare))} | ${shown(cost(true, action, prepare))}`);
}
