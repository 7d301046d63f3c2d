import { isWeekend, toIso } from '../../../src/core/dates';
import { schedulePlan } from '../../../src/core/gantt/schedule';
import { computeWorkload } from '../../../src/core/gantt/workload';
import type { Person } from '../../../src/core/team/team';
import { d, plan, task, weekdaysOnly } from './helpers';

const team: Person[] = [
  { name: '林晓', role: 'operator', email: '', color: '#4e79a7' },
  { name: '周舟', role: 'operator', email: '', color: '#f28e2b' },
];

function scheduled(...tasks: ReturnType<typeof task>[]) {
  const result = schedulePlan(plan(...tasks), { workingDays: false, calendar: weekdaysOnly });
  expect(result.errors).toEqual([]);
  return result.tasks;
}

describe('workload per owner', () => {
  test('counts tasks, distinct busy days, and lists the days with more than N tasks at once', () => {
    const tasks = scheduled(
      task('甲', { owner: '林晓', start: d('2026-12-01'), end: d('2026-12-04') }),
      task('乙', { owner: '林晓', start: d('2026-12-03'), end: d('2026-12-05') }),
      task('丙', { owner: '林晓', start: d('2026-12-03'), duration: 0 }),
      task('丁', { owner: '林晓', start: d('2026-12-04'), end: d('2026-12-04') }),
      task('戊', { owner: '林晓', start: d('2026-12-10'), end: d('2026-12-10') }),
      task('己', { owner: '周舟', start: d('2026-12-01'), end: d('2026-12-02') }),
    );
    const workload = computeWorkload(tasks, { team, threshold: 2, countsDay: () => true });
    expect(workload.owners.map((o) => [o.owner, o.taskIndexes, o.busyDays, o.overloadedDays.map(toIso)])).toEqual([
      // 林晓: Dec 1–5 and Dec 10 are busy; Dec 3 has 甲 乙 丙, Dec 4 has 甲 乙 丁.
      ['林晓', [0, 1, 2, 3, 4], 6, ['2026-12-03', '2026-12-04']],
      ['周舟', [5], 2, []],
    ]);
    expect(computeWorkload(tasks, { team, threshold: 3, countsDay: () => true }).owners[0].overloadedDays).toEqual([]);
    expect(workload.warnings).toEqual([]);
  });

  test('with working days, weekends are not busy days', () => {
    // Fri Dec 4 to Mon Dec 7.
    const tasks = scheduled(task('甲', { owner: '林晓', start: d('2026-12-04'), end: d('2026-12-07') }));
    expect(computeWorkload(tasks, { team, threshold: 3, countsDay: (day) => !isWeekend(day) }).owners[0].busyDays).toBe(2);
  });

  test('warns about each task without owner and once per owner missing from the team; team order first', () => {
    const tasks = scheduled(
      task('甲', { owner: '外援', start: d('2026-12-01') }),
      task('乙', { owner: '周舟', start: d('2026-12-01') }),
      task('丙', { start: d('2026-12-01') }),
      task('丁', { owner: '外援', start: d('2026-12-02') }),
      task('戊', { owner: '林晓', start: d('2026-12-02') }),
    );
    const workload = computeWorkload(tasks, { team, threshold: 3, countsDay: () => true, tab: '推进表' });
    expect(workload.owners.map((o) => [o.owner, o.inTeam])).toEqual([
      ['林晓', true],
      ['周舟', true],
      ['外援', false],
    ]);
    expect(workload.unowned).toEqual([2]);
    expect(workload.warnings).toEqual([
      { code: 'gantt.warning.noOwner', params: { task: '丙' }, location: { tab: '推进表', row: 4 } },
      { code: 'gantt.warning.unknownOwner', params: { owner: '外援', count: 2 }, location: { tab: '推进表', row: 2 } },
    ]);
  });
});
