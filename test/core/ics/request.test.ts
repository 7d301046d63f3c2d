/** The sidebars' requests for a calendar file: checked for shape, under each feature's own message. */
import { parseCalendarIcsRequest, parseSopIcsRequest } from '../../../src/core/ics/request';
import { problemsOf } from '../../support/problems';

describe('parseSopIcsRequest', () => {
  test('a tab name round-trips through JSON', () => {
    expect(parseSopIcsRequest(JSON.parse(JSON.stringify({ tab: 'SOP·Java引流5群·第12期' })))).toEqual({ tab: 'SOP·Java引流5群·第12期' });
  });

  test('a missing tab, a number and an unknown field are refused by name', () => {
    expect(problemsOf(() => parseSopIcsRequest({ tab: 3, month: '2026-12' })).map((p) => [p.code, p.params?.field, p.params?.expected])).toEqual([
      ['sop.error.request', 'tab', 'string'],
      ['sop.error.request', 'month', 'absent'],
    ]);
    expect(problemsOf(() => parseSopIcsRequest(42)).map((p) => p.code)).toEqual(['sop.error.request']);
  });
});

describe('parseCalendarIcsRequest', () => {
  test('the month and an optional list round-trip; a month that does not exist passes (the use case names it)', () => {
    expect(parseCalendarIcsRequest({ month: '2026-12', list: '活动列表' })).toEqual({ month: '2026-12', list: '活动列表' });
    expect(parseCalendarIcsRequest({ month: '2026-13', list: null })).toEqual({ month: '2026-13' });
  });

  test('wrong shapes are refused by path, under the calendar’s message', () => {
    expect(problemsOf(() => parseCalendarIcsRequest({ month: 202612, list: ['活动列表'] })).map((p) => [p.code, p.params?.field, p.params?.expected])).toEqual([
      ['calendar.error.request', 'month', 'string'],
      ['calendar.error.request', 'list', 'string'],
    ]);
  });
});
