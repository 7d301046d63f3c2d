/** The Team & settings sidebar's requests are checked for shape; a wrong row is located as on the Team tab. */
import { formatProblem } from '../../../src/core/errors';
import { translator } from '../../../src/core/i18n';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { parseSettingsRequest, parseTeamRequest } from '../../../src/core/team/request';
import { problemsOf } from '../../support/problems';

describe('parseTeamRequest', () => {
  test('the rows round-trip; a role the add-on does not know passes (normalizeTeam makes it “other”)', () => {
    const people = [{ name: '林晓', role: 'operator', email: 'lx@example.com', color: '#4e79a7' }, { name: '陈默', role: 'boss' }, {}];
    expect(parseTeamRequest(JSON.parse(JSON.stringify(people)))).toEqual(people);
  });

  test('a wrong field is located at its row on the Team tab, below the header', () => {
    const problems = problemsOf(() => parseTeamRequest([{ name: '林晓' }, { name: 42 }, 'Ann']));
    expect(problems).toEqual([
      { code: 'team.error.request', params: { field: '1.name', expected: 'string', value: '42' }, location: { row: 3 } },
      { code: 'team.error.request', params: { field: '2', expected: 'object', value: '"Ann"' }, location: { row: 4 } },
    ]);
    expect(formatProblem(problems[0], translator('en'))).toBe(
      'row 3: The Team & settings sidebar sent a wrong "1.name": expected string, got 42. Close the sidebar, open it again and retry.',
    );
  });

  test('a team that is not a list is refused', () => {
    expect(problemsOf(() => parseTeamRequest({ name: '林晓' }))[0].params).toMatchObject({ field: 'request', expected: 'array' });
  });
});

describe('parseSettingsRequest', () => {
  test('the settings form round-trips; its values are left to normalizeSettings', () => {
    expect(parseSettingsRequest(JSON.parse(JSON.stringify(DEFAULT_SETTINGS)))).toEqual(DEFAULT_SETTINGS);
    expect(parseSettingsRequest({ classMinutes: 'ninety' })).toEqual({ classMinutes: 'ninety' });
  });

  test('a setting the add-on does not have is refused by name', () => {
    expect(problemsOf(() => parseSettingsRequest({ weekStart: 'mon', timeZone: 'Asia/Shanghai' }))).toEqual([
      { code: 'team.error.request', params: { field: 'timeZone', expected: 'absent', value: '"Asia/Shanghai"' } },
    ]);
  });
});
