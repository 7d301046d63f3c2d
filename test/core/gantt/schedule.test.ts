import fc from 'fast-check';
import { toIso } from '../../../src/core/dates';
import { chineseCalendar } from '../../../src/core/gantt/china';
import { schedulePlan, type ScheduleOptions } from '../../../src/core/gantt/schedule';
import type { PlanTask } from '../../../src/core/gantt/plan';
import { d, plan, task, weekdaysOnly } from './helpers';

const calendarDays: ScheduleOptions = { workingDays: false, calendar: weekdaysOnly };
const chineseWorkingDays: ScheduleOptions = { workingDays: true, calendar: chineseCalendar };

function dates(tasks: PlanTask[], options: ScheduleOptions): Record<string, [string, string, number]> {
  const result = schedulePlan(tasks, options);
  expect(result.errors).toEqual([]);
  return Object.fromEntries(result.tasks.map((t) => [t.name, [toIso(t.start), toIso(t.end), t.days]]));
}

describe('scheduling by dependencies, in calendar days', () => {
  test('a chain: each task starts the day after its predecessor ends', () => {
    const tasks = plan(
      task('定主题', { start: d('2026-12-01'), duration: 3 }),
      task('做海报', { duration: 2, predecessors: [0] }),
      task('海报定稿', { duration: 0, predecessors: [1] }),
      task('发海报', { predecessors: [2] }),
    );
    expect(dates(tasks, calendarDays)).toEqual({
      定主题: ['2026-12-01', '2026-12-03', 3],
      做海报: ['2026-12-04', '2026-12-05', 2],
      海报定稿: ['2026-12-06', '2026-12-06', 0],
      发海报: ['2026-12-07', '2026-12-07', 1],
    });
  });

  test('a diamond: the join waits for its latest predecessor, whatever the plan order', () => {
    const tasks = plan(
      task('开营', { duration: 1, predecessors: [2, 3] }),
      task('定主题', { start: d('2026-12-01'), end: d('2026-12-02') }),
      task('调研', { duration: 3, predecessors: [1] }),
      task('物料', { duration: 5, predecessors: [1] }),
    );
    expect(dates(tasks, calendarDays)).toEqual({
      开营: ['2026-12-08', '2026-12-08', 1],
      定主题: ['2026-12-01', '2026-12-02', 2],
      调研: ['2026-12-03', '2026-12-05', 3],
      物料: ['2026-12-03', '2026-12-07', 5],
    });
  });

  test('a start date is kept; starting before a predecessor ends is a warning, starting on its last day is not', () => {
    const tasks = plan(
      task('直播课', { start: d('2026-12-15'), end: d('2026-12-16') }),
      task('跟进', { start: d('2026-12-16'), duration: 2, predecessors: [0] }),
      task('抢跑', { start: d('2026-12-14'), duration: 1, predecessors: [0] }),
    );
    const result = schedulePlan(tasks, calendarDays);
    expect(result.tasks.map((t) => toIso(t.start))).toEqual(['2026-12-15', '2026-12-16', '2026-12-14']);
    expect(result.warnings).toEqual([
      {
        code: 'gantt.warning.startsBeforePredecessor',
        params: { task: '抢跑', start: '2026-12-14', predecessor: '直播课', end: '2026-12-16' },
        location: { tab: undefined, row: 4 },
      },
    ]);
  });

  test('an end date gives the duration; a typed duration that disagrees is a warning', () => {
    const tasks = plan(
      task('打卡', { start: d('2026-12-09'), end: d('2026-12-21') }),
      task('复盘', { start: d('2026-12-23'), end: d('2026-12-29'), duration: 5 }),
    );
    const result = schedulePlan(tasks, calendarDays);
    expect(result.tasks.map((t) => t.days)).toEqual([13, 7]);
    expect(result.warnings.map((w) => [w.code, w.params?.task])).toEqual([['gantt.warning.durationMismatch', '复盘']]);
  });

  test('milestones keep a single date: duration 0, or end = start with duration 0; end = start alone is a one-day task', () => {
    const tasks = plan(
      task('上线', { start: d('2026-12-08'), duration: 0 }),
      task('开营', { start: d('2026-12-08'), end: d('2026-12-08'), duration: 0 }),
      task('直播', { start: d('2026-12-08'), end: d('2026-12-08') }),
    );
    const result = schedulePlan(tasks, calendarDays);
    expect(result.tasks.map((t) => [t.milestone, t.days, toIso(t.end)])).toEqual([
      [true, 0, '2026-12-08'],
      [true, 0, '2026-12-08'],
      [false, 1, '2026-12-08'],
    ]);
  });

  test('a computed start after an explicit end is an error naming the task', () => {
    const tasks = plan(task('甲', { start: d('2026-12-01'), duration: 5 }), task('乙', { end: d('2026-12-03'), predecessors: [0] }));
    const result = schedulePlan(tasks, calendarDays);
    expect(result.tasks).toEqual([]);
    expect(result.errors).toEqual([
      { code: 'gantt.error.endBeforeStart', params: { task: '乙', start: '2026-12-06', end: '2026-12-03' }, location: { tab: undefined, row: 3 } },
    ]);
  });
});

describe('working days with the Chinese calendar (2026: 中秋 Sep 25–27, 国庆 Oct 1–7, 调休 Sun Sep 20 and Sat Oct 10)', () => {
  test('a chain across 中秋 and 国庆 skips the holidays and works the make-up Saturday', () => {
    const tasks = plan(
      task('方案', { start: d('2026-09-24'), duration: 2 }), // Thu 24, (Fri 25 中秋, weekend), Mon 28
      task('物料', { duration: 3, predecessors: [0] }), // Tue 29, Wed 30, (Oct 1–7 国庆), Thu Oct 8
      task('预热', { duration: 2, predecessors: [1] }), // Fri Oct 9, Sat Oct 10 (班)
      task('开营', { duration: 0, predecessors: [2] }), // Sun Oct 11 is off: Mon Oct 12
      task('打卡', { duration: 1, predecessors: [3] }),
    );
    expect(dates(tasks, chineseWorkingDays)).toEqual({
      方案: ['2026-09-24', '2026-09-28', 2],
      物料: ['2026-09-29', '2026-10-08', 3],
      预热: ['2026-10-09', '2026-10-10', 2],
      开营: ['2026-10-12', '2026-10-12', 0],
      打卡: ['2026-10-13', '2026-10-13', 1],
    });
  });

  test('the same plan in calendar days runs straight through the holidays', () => {
    const tasks = plan(task('方案', { start: d('2026-09-24'), duration: 2 }), task('物料', { duration: 3, predecessors: [0] }));
    expect(dates(tasks, { workingDays: false, calendar: chineseCalendar })).toEqual({
      方案: ['2026-09-24', '2026-09-25', 2],
      物料: ['2026-09-26', '2026-09-28', 3],
    });
  });

  test('the make-up Sunday before 国庆 counts, and an end date counts only working days', () => {
    const tasks = plan(
      task('周末赶工', { start: d('2026-09-18'), duration: 2 }), // Fri 18, (Sat 19), Sun 20 (班)
      task('跨国庆', { start: d('2026-09-30'), end: d('2026-10-09') }), // Sep 30, Oct 8, Oct 9
    );
    expect(dates(tasks, chineseWorkingDays)).toEqual({
      周末赶工: ['2026-09-18', '2026-09-20', 2],
      跨国庆: ['2026-09-30', '2026-10-09', 3],
    });
  });

  test('a start typed on a holiday is kept, warned about, and counted from the next working day', () => {
    const result = schedulePlan(plan(task('国庆海报', { start: d('2026-10-03'), duration: 1 })), chineseWorkingDays);
    expect(result.tasks.map((t) => [toIso(t.start), toIso(t.end)])).toEqual([['2026-10-03', '2026-10-08']]);
    expect(result.warnings.map((w) => w.code)).toEqual(['gantt.warning.nonWorkingStart']);
  });

  test('a calendar without working days is an error, not an endless search', () => {
    const never = { workingDays: true, calendar: { isWorkingDay: () => false } };
    const result = schedulePlan(plan(task('甲', { start: d('2026-12-01'), duration: 2 })), never);
    expect(result.errors.map((e) => e.code)).toEqual(['gantt.error.noWorkingDay']);
  });
});

describe('cycles', () => {
  test('are refused, naming every task of each cycle, and not the tasks merely waiting behind them', () => {
    const tasks = plan(
      task('起点', { start: d('2026-12-01') }),
      task('甲', { predecessors: [0, 3] }),
      task('乙', { predecessors: [1] }),
      task('丙', { predecessors: [2] }),
      task('等待者', { predecessors: [3] }),
      task('自己', { predecessors: [5] }),
    );
    const result = schedulePlan(tasks, calendarDays);
    expect(result.tasks).toEqual([]);
    expect(result.errors).toEqual([
      { code: 'gantt.error.cycle', params: { tasks: '“甲” → “乙” → “丙” → “甲”' }, location: { tab: undefined, row: 3 } },
      { code: 'gantt.error.cycle', params: { tasks: '“自己” → “自己”' }, location: { tab: undefined, row: 7 } },
    ]);
  });

  test('a cycle does not hide another task’s error: both are named, in row order', () => {
    const tasks = plan(
      task('开营', { start: d('2026-12-01'), duration: 5 }),
      task('物料', { end: d('2026-12-03'), predecessors: [0] }),
      task('甲', { predecessors: [3] }),
      task('乙', { predecessors: [2] }),
    );
    const result = schedulePlan(tasks, calendarDays);
    expect(result.tasks).toEqual([]);
    expect(result.errors.map((e) => [e.code, e.location?.row])).toEqual([
      ['gantt.error.endBeforeStart', 3],
      ['gantt.error.cycle', 4],
    ]);
  });

  test('a task waiting behind one that cannot be scheduled is left out quietly: its own problem is its predecessor’s', () => {
    const tasks = plan(
      task('开营', { start: d('2026-12-01'), duration: 5 }),
      task('物料', { end: d('2026-12-03'), predecessors: [0] }),
      task('发物料', { duration: 1, predecessors: [1] }),
      task('复盘', { duration: 1, predecessors: [2] }),
    );
    const result = schedulePlan(tasks, calendarDays);
    expect(result.errors).toEqual([
      { code: 'gantt.error.endBeforeStart', params: { task: '物料', start: '2026-12-06', end: '2026-12-03' }, location: { tab: undefined, row: 3 } },
    ]);
  });

  test('two cycles sharing tasks are named together', () => {
    const tasks = plan(task('甲', { predecessors: [1, 2] }), task('乙', { predecessors: [0] }), task('丙', { predecessors: [0] }));
    const [error] = schedulePlan(tasks, calendarDays).errors;
    expect(error.params?.tasks).toBe('“甲” ⇄ “乙” ⇄ “丙”');
  });
});

/** Random DAGs: task i may depend on any task listed before it in a hidden order; the plan order is shuffled. */
const dagArbitrary = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.record({
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      links: fc.array(fc.array(fc.nat({ max: n }), { maxLength: 3 }), { minLength: n, maxLength: n }),
      durations: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
      starts: fc.array(fc.integer({ min: d('2025-12-20'), max: d('2026-12-20') }), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ order, links, durations, starts }) => {
    // Hidden rank k → plan position order[k]; predecessors only from lower ranks, so no cycle.
    const tasks: PlanTask[] = new Array(order.length);
    order.forEach((position, rank) => {
      const predecessors = [...new Set(links[rank].filter((l) => l < rank).map((l) => order[l]))];
      tasks[position] = task(`t${rank}`, {
        row: position + 2,
        duration: durations[rank],
        start: predecessors.length ? null : starts[rank],
        predecessors,
      });
    });
    return tasks;
  });

describe('properties', () => {
  test('every task with predecessors starts right after the latest of them ends (calendar days)', () => {
    fc.assert(
      fc.property(dagArbitrary, (tasks) => {
        const { tasks: out, errors } = schedulePlan(tasks, calendarDays);
        expect(errors).toEqual([]);
        out.forEach((t, i) => {
          expect(t.end).toBeGreaterThanOrEqual(t.start);
          expect(t.end - t.start + (t.milestone ? 0 : 1)).toBe(tasks[i].duration);
          if (!t.predecessors.length) return;
          const latest = Math.max(...t.predecessors.map((p) => out[p].end));
          expect(t.start).toBe(latest + 1);
        });
      }),
      { numRuns: 100 },
    );
  });

  test('with working days, computed dates never fall on a non-working day and spans hold the duration in working days', () => {
    fc.assert(
      fc.property(dagArbitrary, (tasks) => {
        const { tasks: out, errors } = schedulePlan(tasks, chineseWorkingDays);
        expect(errors).toEqual([]);
        const working = chineseCalendar.isWorkingDay;
        out.forEach((t, i) => {
          if (t.predecessors.length) {
            const latest = Math.max(...t.predecessors.map((p) => out[p].end));
            expect(t.start).toBeGreaterThan(latest);
            expect(working(t.start)).toBe(true);
            for (let day = latest + 1; day < t.start; day++) expect(working(day)).toBe(false);
          }
          if (t.milestone) return;
          expect(working(t.end)).toBe(true);
          let count = 0;
          for (let day = t.start; day <= t.end; day++) if (working(day)) count++;
          expect(count).toBe(tasks[i].duration);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('size', () => {
  test('10,000 tasks with working days schedule in well under a second', () => {
    const tasks: PlanTask[] = [];
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 10_000; i++) {
      const predecessors = i < 20 ? [] : [...new Set([i - 1 - Math.floor(random() * 20), i - 1 - Math.floor(random() * 20)])];
      tasks.push(task(`事项${i}`, { row: i + 2, start: i < 20 ? d('2026-01-05') : null, duration: 1 + Math.floor(random() * 5), predecessors }));
    }
    const started = performance.now();
    const result = schedulePlan(tasks, chineseWorkingDays);
    const elapsed = performance.now() - started;
    expect(result.errors).toEqual([]);
    expect(result.tasks).toHaveLength(10_000);
    expect(elapsed).toBeLessThan(5000); // guards against quadratic blow-up; npm run bench has the figures
  });
});
