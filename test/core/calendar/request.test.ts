/** The calendar sidebar's requests are checked for shape; the month and the rhythm's values stay the use case's. */
import { parseDraftMonthRequest, parseGenerateCalendarRequest } from '../../../src/core/calendar/request';
import { problemsOf } from '../../support/problems';

describe('parseGenerateCalendarRequest', () => {
  test('the sidebar’s input round-trips; a count left empty (null after JSON) is left out', () => {
    const input = { month: '2026-12', span: 'months' as const, count: 3, weekStart: 'sun' as const, list: '活动列表' };
    expect(parseGenerateCalendarRequest(JSON.parse(JSON.stringify(input)))).toEqual(input);
    expect(parseGenerateCalendarRequest(JSON.parse(JSON.stringify({ month: '2026-12', span: 'month', count: NaN })))).toEqual({
      month: '2026-12',
      span: 'month',
    });
  });

  test('a month that does not exist passes (the use case names it); a span or week start it does not know is refused', () => {
    expect(parseGenerateCalendarRequest({ month: '2026-13' })).toEqual({ month: '2026-13' });
    const problems = problemsOf(() => parseGenerateCalendarRequest({ month: 202612, span: 'week', weekStart: 'tue', count: '3' }));
    expect(problems.map((p) => [p.code, p.params?.field, p.params?.expected])).toEqual([
      ['calendar.error.request', 'month', 'string'],
      ['calendar.error.request', 'span', 'month | quarter | months'],
      ['calendar.error.request', 'count', 'number'],
      ['calendar.error.request', 'weekStart', 'mon | sun'],
    ]);
  });
});

describe('parseDraftMonthRequest', () => {
  test('a rhythm’s values pass as sent (normalizeRhythm judges them); owners and target groups keep their shape', () => {
    const input = {
      month: '2026-12',
      rhythm: { campEveryWeeks: '2', weeklyLiveWeekday: null, promoOnFestivals: true, owners: { camp: '林晓' }, targetGroups: ['A群'] },
      convert: true,
    };
    expect(parseDraftMonthRequest(input)).toEqual(input);
  });

  test('owners and target groups of the wrong shape, and unknown rhythm settings, are refused by path', () => {
    const problems = problemsOf(() =>
      parseDraftMonthRequest({ month: '2026-12', rhythm: { owners: { camp: 1, party: 'x' }, targetGroups: 'A群', campsPerYear: 4 } }),
    );
    expect(problems.map((p) => p.params?.field)).toEqual(['rhythm.owners.camp', 'rhythm.owners.party', 'rhythm.targetGroups', 'rhythm.campsPerYear']);
    expect(problemsOf(() => parseDraftMonthRequest({ month: '2026-12', rhythm: [] }))[0].params).toMatchObject({ field: 'rhythm', expected: 'object' });
  });
});
