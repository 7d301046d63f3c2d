/** Marker keys: built in the core and read back field by field, never taken apart as strings. */
import fc from 'fast-check';
import { activityListKey } from '../../../src/core/calendar/activities';
import { calendarPeriodKey, readCalendarPeriodKey, type CalendarPeriod } from '../../../src/core/calendar/tab';
import { planMarker } from '../../../src/core/gantt/plan';
import { decodeMarker, encodeMarker, markerKeyOf, markerOf, MARKED_KINDS, sameMarker } from '../../../src/core/tab/marker';

describe('marker keys', () => {
  test('a key is read back as its kind’s fields; another kind, or no marker, reads as null', () => {
    const sop = markerOf('sop', { group: 'Java引流5群', cohort: '第12期' });
    expect(markerKeyOf(decodeMarker(encodeMarker(sop)), 'sop')).toEqual({ group: 'Java引流5群', cohort: '第12期' });
    expect(markerKeyOf(sop, 'gantt')).toBeNull();
    expect(markerKeyOf(null, 'sop')).toBeNull();
    expect(markerKeyOf({ kind: 'plain', key: {} }, 'team')).toBeNull();
    expect(markerKeyOf(markerOf('team', {}), 'team')).toEqual({});
  });

  test('a field a stored key lacks reads as empty, and fields of other kinds are not read', () => {
    expect(markerKeyOf({ kind: 'sop', key: { group: 'A群' } }, 'sop')).toEqual({ group: 'A群', cohort: '' });
    expect(markerKeyOf({ kind: 'metrics', key: { source: '群数据', extra: 'x' } }, 'metrics')).toEqual({ source: '群数据' });
  });

  test('every kind stored with an old single-string key is read into its one field', () => {
    // Kinds without key fields (team, the Today board, the reminder log) are one per spreadsheet: no key to read.
    for (const kind of MARKED_KINDS.filter((k) => k !== 'sop' && Object.keys(markerKeyOf({ kind: k, key: {} }, k) ?? {}).length > 0)) {
      const marker = decodeMarker(JSON.stringify({ kind, key: 'old' }));
      expect(marker && Object.values(marker.key)).toEqual(['old']);
      expect(Object.values(markerKeyOf(marker, kind) ?? {})).toEqual(['old']);
    }
  });
});

describe('the keys of calendar tabs', () => {
  test('a month or a quarter is read back from the key it was written with', () => {
    const period = fc.oneof(
      fc.record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ year: fc.integer({ min: 2000, max: 2100 }), quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const) }),
    );
    fc.assert(
      fc.property(period, (p: CalendarPeriod) => {
        expect(readCalendarPeriodKey(calendarPeriodKey(p))).toEqual(p);
      }),
      { numRuns: 100 },
    );
    expect(calendarPeriodKey({ year: 2026, month: 3 })).toEqual({ months: '2026-03' });
    expect(calendarPeriodKey({ year: 2026, quarter: 4 })).toEqual({ months: '2026-Q4' });
  });

  test('a key naming no month or quarter is no calendar', () => {
    for (const months of ['', '2026-13', '2026-Q5', '2026-3', 'Q4', '2026-12-01']) expect(readCalendarPeriodKey({ months })).toBeNull();
  });
});

describe('the keys of activity lists and plans', () => {
  test('our list, and a copy of a pasted list, are different tabs, whatever the pasted tab is named', () => {
    const ours = markerOf('activities', activityListKey(null));
    for (const pasted of ['', 'from:', '活动表']) {
      expect(sameMarker(ours, markerOf('activities', activityListKey(pasted)))).toBe(false);
      expect(sameMarker(markerOf('activities', activityListKey(pasted)), markerOf('activities', activityListKey(pasted)))).toBe(true);
    }
  });

  test('a new plan is numbered past the plans the workbook has', () => {
    expect(planMarker([])).toEqual({ kind: 'plan', key: { number: '' } });
    expect(planMarker([null, markerOf('plan', { number: '' }), markerOf('gantt', { plan: '2' })])).toEqual({ kind: 'plan', key: { number: '2' } });
    expect(planMarker([markerOf('plan', { number: '' }), markerOf('plan', { number: '3' }), markerOf('plan', { number: '2' })]).key).toEqual({ number: '4' });
  });
});
