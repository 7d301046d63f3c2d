/** The Gantt sidebar's request is checked for shape before the use case runs. */
import { AppError } from '../../../src/core/errors';
import { parseGanttRequest } from '../../../src/core/gantt/request';

function problemsOf(parse: () => unknown) {
  try {
    parse();
  } catch (error) {
    if (error instanceof AppError) return error.problems;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

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
