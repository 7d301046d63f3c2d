/**
 * Bench figures of the gantt feature (printed by bench/bench.ts): Apps Script calls and
 * conditional-format rules per Gantt tab for 10 / 100 / 1,000 tasks over 90 days, and the time to
 * read, schedule and analyse a 10,000-task plan (calendar days and Chinese working days).
 */
import { performance } from 'node:perf_hooks';
import { serialFromYmd, toIso } from '../src/core/dates';
import { analyzePlan } from '../src/core/gantt/analyze';
import { chineseCalendar } from '../src/core/gantt/china';
import { readPlanGrid } from '../src/core/gantt/plan';
import { buildGanttTab } from '../src/core/gantt/tab';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import type { CellValue } from '../src/core/tab/spec';
import { assignColors, type Person } from '../src/core/team/team';
import { countCalls } from '../test/gas/count-calls';
import { median } from './timing';

const FIRST = serialFromYmd(2026, 12, 1);
const SPAN_DAYS = 90;

function team(n: number): Person[] {
  return assignColors(Array.from({ length: n }, (_, i) => ({ name: `成员${i + 1}`, role: 'operator' as const, email: '', color: '' })));
}

/**
 * A plan grid of `n` tasks: every fifth task waits for the one before it (no start date), the others
 * start on a day within the span; the last one ends on day `spanDays`.
 */
function planGrid(n: number, owners: Person[], spanDays: number): CellValue[][] {
  const grid: CellValue[][] = [['事项', '负责人', '开始日期', '工期(天)', '前置事项', '进度']];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    const chained = i % 5 === 4 && !last;
    const start = last ? toIso(FIRST + spanDays - 3) : chained ? null : toIso(FIRST + (i % (spanDays - 10)));
    grid.push([`事项${i + 1}`, owners[i % owners.length].name, start, last ? 3 : (i % 4) + 1, chained ? `事项${i}` : null, `${(i % 5) * 20}%`]);
  }
  return grid;
}

export function benchGantt(line: (label: string, value: string) => void): void {
  const people = team(8);
  const calls: number[] = [];
  const rules: number[] = [];
  for (const n of [10, 100, 1000]) {
    const analysis = analyzePlan(readPlanGrid(planGrid(n, people, SPAN_DAYS), { tab: '推进表' }), {
      settings: DEFAULT_SETTINGS,
      team: people,
      calendar: chineseCalendar,
    });
    const spec = buildGanttTab({
      analysis,
      team: people,
      lang: 'zh-CN',
      calendar: chineseCalendar,
      teamTabName: '团队',
      planTabName: '推进表',
      generatedAt: '2026-11-23 10:00',
    });
    calls.push(countCalls(spec));
    rules.push(spec.conditionalFormats?.length ?? 0);
  }
  line('SpreadsheetApp calls, Gantt tab, 10 / 100 / 1,000 tasks', calls.join(' / '));
  line('Conditional-format rules, same tabs (team of 8)', `${rules.join(' / ')} (= 8 owners + ${rules[0] - 8}; 90 days each)`);

  const grid = planGrid(10_000, people, 360);
  const timed = (run: () => void): string => {
    const timings: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      run();
      timings.push(performance.now() - started);
    }
    return `${median(timings).toFixed(1)} ms median of 7 (first ${timings[0].toFixed(1)} ms)`;
  };
  line(
    'Read a 10,000-task plan grid',
    timed(() => readPlanGrid(grid, { tab: '推进表' })),
  );
  const plan = readPlanGrid(grid, { tab: '推进表' });
  for (const workingDays of ['calendar', 'working'] as const) {
    line(
      `Schedule + workload, 10,000 tasks, ${workingDays === 'working' ? 'working days' : 'calendar days'}`,
      timed(() => analyzePlan(plan, { settings: { ...DEFAULT_SETTINGS, workingDays }, team: people, calendar: chineseCalendar })),
    );
  }
}
