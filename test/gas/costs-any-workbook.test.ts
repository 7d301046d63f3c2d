/**
 * What an action costs in Sheets does not grow with what else the workbook holds: the add-on finds its
 * own tabs by their markers (one search) and other tabs by name, and asks every tab its name only where
 * a sidebar lists them. Measured with the recording fake's document calls (reads + writes).
 */
import { DEMO_FILES } from '../../src/local/demo';
import { GLOBALS } from '../../src/gas/main';
import { installFakeGas, type FakeGas } from './fake-spreadsheet';
import { planRows } from './gantt-plan';
import { seedPastedDemo } from './seed-demo';

const TEAM = [
  { name: '林晓', role: 'operator' },
  { name: '陈默', role: 'advisor' },
];
const SOP = { template: 'big-class-28d', anchor: '2026-12-14', cohort: '第1期' };

let fake: FakeGas | undefined;
afterEach(() => fake?.uninstall());
// Only the clock is the test's (timers run as usual): see documentCalls.
beforeAll(() =>
  jest.useFakeTimers({
    now: new Date('2026-12-03T01:00:00Z'),
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'hrtime', 'performance'],
  }),
);
afterAll(() => jest.useRealTimers());

/** A workbook with the team and a plan, plus `userTabs` tabs of the user's and `sopTabs` SOP tabs of other groups. */
function workbook(userTabs: number, sopTabs: number): FakeGas {
  fake = installFakeGas({ locale: 'zh_CN', sheetNames: ['Sheet1', ...Array.from({ length: userTabs }, (_, i) => `导出${i + 1}`)] });
  GLOBALS.saveTeam(TEAM);
  const plan = planRows(12);
  fake.seedSheet('推进表', plan.values, plan.formats);
  if (sopTabs) GLOBALS.generateSop({ ...SOP, groups: Array.from({ length: sopTabs }, (_, i) => `老${i + 1}群`).join('、') });
  return fake;
}

function seedActivities(): void {
  if (fake) seedPastedDemo(fake, '活动列表', DEMO_FILES.activities);
}

function documentCalls(userTabs: number, sopTabs: number, action: () => unknown, prepare: () => unknown = () => undefined): number {
  const book = workbook(userTabs, sopTabs);
  prepare();
  // The action comes a minute after what came before it, as it does for a person (a tab's note and
  // marker say when it was generated, to the minute): the figure does not depend on how fast the set-up ran.
  jest.setSystemTime(Date.now() + 60_000);
  book.resetCalls();
  const response = action() as { ok?: boolean };
  expect(response.ok).toBe(true);
  const calls = book.documentCalls;
  // A read that waits for pending writes is a round trip: at most two per action.
  expect(book.roundTrips).toBeLessThanOrEqual(2);
  book.uninstall();
  fake = undefined;
  return calls;
}

describe('an action costs the same in an empty workbook and in a full one', () => {
  // The figures are locked (document calls in an empty workbook): a change that costs more shows here.
  // Issue "Fast in real Sheets" asks for at most 30 per single-tab action. Regenerating an SOP tab
  // writes its table, the summary below it and the header cell pointing there (values and notes each). The Gantt's first run spends 4
  // of them on column widths (runs of equal widths) and none on month labels (unmerged); regenerating
  // it spends 2 on the owner and status dropdowns (not side by side), none on the plan tab's name (a
  // tab found by name is asked its spelling only when a caller reads it), and one write on values,
  // formats and notes (the blank row under the tasks leads the workload block).
  test.each<[string, number, () => unknown, (() => unknown) | null]>([
    ['saving the team', 18, () => GLOBALS.saveTeam(TEAM), null],
    ['an SOP tab, first run', 30, () => GLOBALS.generateSop({ ...SOP, groups: 'A群' }), null],
    ['an SOP tab, again', 30, () => GLOBALS.generateSop({ ...SOP, anchor: '2026-12-16', groups: 'A群' }), () => GLOBALS.generateSop({ ...SOP, groups: 'A群' })],
    ['a Gantt tab, first run', 29, () => GLOBALS.generateGantt({ planTab: '推进表' }), null],
    ['a Gantt tab, again', 30, () => GLOBALS.generateGantt({ planTab: '推进表' }), () => GLOBALS.generateGantt({ planTab: '推进表' })],
    // The SOP tabs of the month are not read for the WeCom push cap: their markers keep their pushes.
    ['a calendar month', 22, () => GLOBALS.generateCalendar({ month: '2026-12', list: '活动列表' }), seedActivities],
    ['metrics from a paste', 20, () => GLOBALS.computeMetrics({ kind: 'paste', text: DEMO_FILES.groupFunnel }), null],
    ['opening the team sidebar', 4, () => GLOBALS.getTeamState(), null],
    // Two tabs written (≤ 2 × 30): the new SOP tab, and the board it joins. The board's other sources
    // are not read: the board itself says where they are and what they hold (core/today/on-board.ts).
    ['an SOP tab joining the Today board', 57, () => GLOBALS.generateSop({ ...SOP, groups: 'A群' }), () => GLOBALS.showTodayBoard()],
    ['a Gantt tab joining the Today board', 56, () => GLOBALS.generateGantt({ planTab: '推进表' }), () => GLOBALS.showTodayBoard()],
    // Generated again from the menu, the board reads none of its sources either (a first board reads them all).
    ['the Today board, again', 20, () => GLOBALS.generateTodayBoard({}), () => GLOBALS.showTodayBoard()],
  ])('%s: %i document calls', (_label, figure, action, prepare) => {
    const empty = documentCalls(0, 0, action, prepare ?? undefined);
    expect(empty).toBe(figure);
    expect(documentCalls(40, 0, action, prepare ?? undefined)).toBe(empty);
    expect(documentCalls(0, 12, action, prepare ?? undefined)).toBe(empty);
  });
});

describe('a sidebar opens with at most 10 reads, however many tabs the workbook has', () => {
  // The first call of an opening sidebar ({ quick: true }): what the markers and the active tab say.
  // The lists of every tab come with a second call, when the sidebar is already usable.
  const quick = { quick: true };
  const sidebars: Array<[string, () => unknown]> = [
    ['SOP', () => GLOBALS.getSopState(quick)],
    ['Gantt', () => GLOBALS.getGanttState(quick)],
    ['calendar', () => GLOBALS.getCalendarState(quick)],
    ['metrics', () => GLOBALS.getMetricsState(quick)],
    ['review', () => GLOBALS.getReviewState(quick)],
    ['team', () => GLOBALS.getTeamState()],
    ['reminders', () => GLOBALS.getReminderState()],
  ];
  // Opening a sidebar writes nothing, so one workbook serves every sidebar.
  test.each<[string, number, number, boolean]>([
    ['an empty workbook', 0, 0, false],
    ['40 tabs of the user’s', 40, 0, false],
    ['30 SOP tabs (one of them active)', 0, 30, false],
    ['all of them, a 20,000-row export active', 40, 30, true],
  ])('%s', (_label, userTabs, sopTabs, longActive) => {
    const book = workbook(userTabs, sopTabs);
    if (longActive) {
      const rows = Array.from({ length: 20_000 }, (_, i) => [`会员${i + 1}`, 199 + (i % 7) * 100, '2026-11-30']);
      book.seedSheet('会员导出', [['昵称', '消费金额', '加入日期'], ...rows]);
      book.inspect('会员导出').activate();
    }
    for (const [sidebar, open] of sidebars) {
      book.resetCalls();
      expect({ sidebar, ok: (open() as { ok: boolean }).ok }).toEqual({ sidebar, ok: true });
      expect({ sidebar, reads: book.reads, writes: book.writes }).toEqual({ sidebar, reads: Math.min(book.reads, 10), writes: 0 });
      // A candidate tab is read by its first rows only.
      const ranges = book.calls.filter((call) => call.method === 'Sheet.getRange' && call.args.length === 4).map((call) => call.args[2] as number);
      expect({ sidebar, rows: Math.max(0, ...ranges) }).toEqual({ sidebar, rows: Math.min(20, Math.max(0, ...ranges)) });
    }
  });
});

describe('a long tab that is neither a plan nor a list is recognised by its first rows', () => {
  test.each<[string, () => unknown]>([
    ['opening the Gantt sidebar', () => GLOBALS.getGanttState()],
    ['opening the calendar sidebar', () => GLOBALS.getCalendarState()],
  ])('%s reads at most 20 rows of a 20,000-row export', (_label, open) => {
    const book = workbook(0, 0);
    const rows = Array.from({ length: 20_000 }, (_, i) => [`会员${i + 1}`, 199 + (i % 7) * 100, '2026-11-30']);
    book.seedSheet('会员导出', [['昵称', '消费金额', '加入日期'], ...rows]);
    book.resetCalls();
    expect((open() as { ok: boolean }).ok).toBe(true);
    // Every range read was made from the first rows of its tab (getRange(1, 1, rows, columns)), or is a small tab's whole data range.
    const ranges = book.calls.filter((call) => call.method === 'Sheet.getRange' && call.args.length === 4).map((call) => call.args[2] as number);
    expect(ranges.length).toBeGreaterThan(0);
    expect(Math.max(...ranges)).toBeLessThanOrEqual(20);
  });
});

describe('the review finds its metrics tab by the first rows of each candidate', () => {
  test.each<[string, () => unknown]>([
    ['listing every tab for the review sidebar', () => GLOBALS.getReviewState({})],
    ['previewing the review', () => GLOBALS.previewReview({})],
  ])('%s never reads a 20,000-row export whole', (_label, run) => {
    const book = workbook(0, 0);
    GLOBALS.generateSop({ ...SOP, groups: 'A群' });
    const rows = Array.from({ length: 20_000 }, (_, i) => [`会员${i + 1}`, 199 + (i % 7) * 100, '2026-11-30']);
    book.seedSheet('会员导出', [['昵称', '消费金额', '加入日期'], ...rows]);
    const sheet = book.inspect('会员导出') as unknown as { getDataRange(): { getValues(): unknown } };
    const dataRange = sheet.getDataRange.bind(sheet);
    sheet.getDataRange = () => {
      const range = dataRange();
      range.getValues = () => {
        throw new Error('the 20,000-row export was read whole');
      };
      return range;
    };
    book.resetCalls();
    expect(run()).toMatchObject({ ok: true });
  });
});

describe('a new SOP tab joins the Today board in the same action', () => {
  test('two round trips: the SOP tab is written, then the board is read, planned and written (its rules and charts are read before the room is reserved)', () => {
    const book = workbook(0, 0);
    GLOBALS.showTodayBoard();
    book.resetCalls();
    expect((GLOBALS.generateSop({ ...SOP, groups: 'A群' }) as { ok: boolean }).ok).toBe(true);
    expect(book.calls.filter((call) => call.method === 'Sheet.getConditionalFormatRules')).toHaveLength(1);
    expect(book.roundTrips).toBe(2);
  });
});
