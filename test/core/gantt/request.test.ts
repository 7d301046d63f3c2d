/** The Gantt sidebar's request is checked for shape before the use case runs. */
import { parseGanttRequest } from '../../../src/core/gantt/request';
import { problemsOf } from '../../support/problems';

describe('parseGanttRequest', () => {
  test('a plan tab, with or without the working-days choice, round-trips', () => {
    expect(parseGanttRequest({ planTab: '推进表', workingDays: true })).toEqual({ planTab: '推进表', workingDays: true });
    expect(parseGanttRequest({ planTab: '推进表' })).toEqual({ planTab: '推进表' });
  });

  test('a missing plan tab, a working-days text and an unknown field are refused together', () => {
    const problems = problemsOf(() => parseGanttRequest({ workingDays: 'true', planTabs: ['推进表'] }));
    expect(problems.map((p) => [p.code, p.params?.field, p.params?.expected])).toEqual([
      ['gantt.error.request', 'planTab', 'string'],
      ['gantt.error.request', 'workingDays', 'boolean'],
      ['gantt.error.request', 'planTabs', 'absent'],
    ]);
  });
});
