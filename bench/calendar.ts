/**
 * Bench figures of the calendar feature (printed by bench/bench.ts): Apps Script calls per calendar
 * tab (7 / 70 / 700 activities: the render alone, and Generate calendar end to end through the
 * recording fake, reads included), drafting a month, twelve months in one run, and the playground's
 * recalculation of the live slot formulas.
 */
import { draftMonth, generateCalendar } from '../src/app/calendar';
import { readActivityGrid, type ActivityRow } from '../src/core/calendar/activities';
import { draftMonth as proposeDrafts, DEFAULT_RHYTHM } from '../src/core/calendar/draft';
import { buildCalendarTab } from '../src/core/calendar/tab';
import { serialFromYmd } from '../src/core/dates';
import type { CellValue } from '../src/core/tab/spec';
import { GLOBALS } from '../src/gas/main';
import { createDemoContext } from '../src/local/demo';
import { PreviewEngine } from '../src/local/preview-engine';
import { countCalls } from '../test/gas/count-calls';
import { installFakeGas } from '../test/gas/fake-spreadsheet';
import { timeIt } from './timing';

const { generateCalendar: generateCalendarInSheets } = GLOBALS;

const FIRST = serialFromYmd(2026, 12, 1);
const TODAY = serialFromYmd(2026, 11, 23);
const TYPES = ['训练营', '营销课', '公开课', '调研表单', '促销活动', '日常产出', '其他'];
const OWNERS = ['林晓', '周舟', '陈默', '王蕾', '赵老师'];

/** A list of `n` activities over December, one to three days each. */
function listGrid(n: number): CellValue[][] {
  const grid: CellValue[][] = [['活动名称', '类型', '开始日期', '结束日期', '负责人', '目标社群']];
  for (let i = 0; i < n; i++) {
    const start = FIRST + (i % 29);
    grid.push([`活动${i + 1}`, TYPES[i % TYPES.length], start, start + (i % 3), OWNERS[i % OWNERS.length], `Java引流${(i % 4) + 1}群`]);
  }
  return grid;
}

/** Generate calendar through the Sheets entry on the recording fake: every call, reads included. */
function callsEndToEnd(n: number, months: number): number {
  const fake = installFakeGas({ locale: 'zh_CN' });
  try {
    const grid = listGrid(n);
    fake.seedSheet(
      '活动列表',
      grid as (string | number | null)[][],
      grid.map((row, r) => row.map((_, c) => (r > 0 && (c === 2 || c === 3) ? 'yyyy-mm-dd' : null))),
    );
    fake.resetCalls();
    const response = generateCalendarInSheets({ month: '2026-12', span: months > 1 ? 'months' : 'month', count: months }) as { ok: boolean };
    if (!response.ok) throw new Error(JSON.stringify(response));
    return fake.calls.filter((call) => !call.method.startsWith('Utilities.')).length;
  } finally {
    fake.uninstall();
  }
}

export function benchCalendar(line: (label: string, value: string) => void): void {
  const sizes = [7, 70, 700];
  const renderCalls = sizes.map((n) => {
    const { activities, layout } = readActivityGrid(listGrid(n), { tab: '活动列表' });
    const spec = buildCalendarTab({
      year: 2026,
      month: 12,
      weekStart: 'mon',
      activities,
      list: { tabName: '活动列表', layout, gridRows: n + 1 },
      lang: 'zh-CN',
      today: TODAY,
    });
    return countCalls(spec);
  });
  line('SpreadsheetApp calls, calendar tab render, 7 / 70 / 700 activities', renderCalls.join(' / '));
  line(
    'SpreadsheetApp calls, Generate calendar (reads incl.), 7 / 700',
    sizes
      .filter((n) => n !== 70)
      .map((n) => callsEndToEnd(n, 1))
      .join(' / '),
  );
  line('SpreadsheetApp calls, 12 months in one run (12 tabs)', String(callsEndToEnd(70, 12)));

  const existing: ActivityRow[] = readActivityGrid(listGrid(70), { tab: '活动列表' }).activities;
  const core = timeIt(21, () => proposeDrafts({ year: 2026, month: 12, rhythm: DEFAULT_RHYTHM, existing, lang: 'zh-CN', weekStart: 'mon' }));
  line('Draft month, core proposals (70 existing rows, median of 21)', `${core.toFixed(2)} ms`);
  const drafting = timeIt(11, () => {
    const ctx = createDemoContext({ today: TODAY });
    draftMonth(ctx, { month: '2026-12', convert: true });
  });
  line('Draft month on the demo (copy list, append, refresh calendar)', `${drafting.toFixed(1)} ms (median of 11)`);

  const twelve = timeIt(5, () => generateCalendar(createDemoContext({ today: TODAY }), { month: '2026-01', span: 'months', count: 12 }));
  line('12 months in one run, demo workbook (local)', `${twelve.toFixed(1)} ms (median of 5)`);

  const ctx = createDemoContext({ today: TODAY });
  generateCalendar(ctx, { month: '2026-12' });
  const engine = new PreviewEngine(ctx);
  const recalc = timeIt(5, () => engine.recalculate());
  line('Playground recalculation, demo + December calendar', `${recalc.toFixed(0)} ms (140 slot formulas over 500 list rows)`);
}
