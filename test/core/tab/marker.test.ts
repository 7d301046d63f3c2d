/** Markers: how a generated tab is recognised again, whatever its name and whatever its identity holds. */
import { decodeMarker, encodeMarker, markerKeyFromStored, sameMarker, type TabMarker } from '../../../src/core/tab/marker';

describe('markers', () => {
  test('a group "Java|Python群" with cohort "12期" and a group "Java" with cohort "Python群|12期" are different tabs', () => {
    const first: TabMarker = { kind: 'sop', key: { group: 'Java|Python群', cohort: '12期' } };
    const second: TabMarker = { kind: 'sop', key: { group: 'Java', cohort: 'Python群|12期' } };
    expect(sameMarker(first, second)).toBe(false);
    expect(encodeMarker(first)).not.toBe(encodeMarker(second));
    expect(sameMarker(decodeMarker(encodeMarker(first))!, first)).toBe(true);
  });

  test('the stored form does not depend on the order the fields were given in', () => {
    expect(encodeMarker({ kind: 'sop', key: { cohort: 'c', group: 'g' } })).toBe(encodeMarker({ kind: 'sop', key: { group: 'g', cohort: 'c' } }));
    expect(sameMarker({ kind: 'sop', key: { group: 'g', cohort: '' } }, { kind: 'sop', key: { group: 'g' } })).toBe(false);
    expect(sameMarker({ kind: 'sop', key: { group: 'g' } }, { kind: 'sop-template', key: { group: 'g' } })).toBe(false);
  });

  test('what the add-on remembers about a tab travels with the marker and is read back', () => {
    const marker: TabMarker = { kind: 'calendar', key: { months: '2026-12' }, memo: { blocks: [[0, 0, 40, 7]], blockRows: ['a1', 'b2'], rules: ['x'] } };
    expect(decodeMarker(encodeMarker(marker))).toEqual(marker);
    expect(decodeMarker(JSON.stringify({ kind: 'calendar', key: { months: '2026-12' }, memo: { blocks: [[-1, 0, 1, 1]] } }))).toEqual({
      kind: 'calendar',
      key: { months: '2026-12' },
      memo: {},
    });
  });

  test('what the add-on set on the sheet (frozen lines, tab colour, merges, charts) is remembered; a malformed record is left out', () => {
    const drawn = { frozenRows: 4, frozenColumns: 3, tabColor: '', merges: [[1, 11, 1, 31] as [number, number, number, number]], charts: false };
    const marker: TabMarker = { kind: 'gantt', key: { plan: '推进表' }, memo: { drawn } };
    expect(decodeMarker(encodeMarker(marker))).toEqual(marker);
    for (const bad of [{ ...drawn, merges: true }, { ...drawn, frozenRows: -1 }, { ...drawn, tabColor: null }, 'x'])
      expect(decodeMarker(JSON.stringify({ kind: 'gantt', key: { plan: '推进表' }, memo: { drawn: bad } }))?.memo).toEqual({});
  });

  test('what a tab was made from travels with the marker, is read back, and is no part of its identity', () => {
    const marker: TabMarker = { kind: 'sop', key: { group: 'g', cohort: 'c' }, about: { template: 'live-class', anchor: '2026-12-14' } };
    expect(decodeMarker(encodeMarker(marker))).toEqual(marker);
    expect(sameMarker(marker, { kind: 'sop', key: { group: 'g', cohort: 'c' } })).toBe(true);
    // Something else in its place is left out, not a reason to refuse the marker.
    expect(decodeMarker(JSON.stringify({ kind: 'sop', key: { group: 'g', cohort: 'c' }, about: 'live-class' }))).toEqual({
      kind: 'sop',
      key: { group: 'g', cohort: 'c' },
    });
  });

  test('markers written before keys were structured are still read', () => {
    expect(decodeMarker(JSON.stringify({ kind: 'sop', key: 'Java引流5群|第12期' }))).toEqual({ kind: 'sop', key: { group: 'Java引流5群', cohort: '第12期' } });
    expect(decodeMarker(JSON.stringify({ kind: 'team', key: '' }))).toEqual({ kind: 'team', key: {} });
    expect(decodeMarker(JSON.stringify({ kind: 'calendar', key: '2026-Q4' }))).toEqual({ kind: 'calendar', key: { months: '2026-Q4' } });
    expect(markerKeyFromStored('metrics', '群数据')).toEqual({ source: '群数据' });
    expect(markerKeyFromStored('metrics', '{"source":"群数据"}')).toEqual({ source: '群数据' });
    expect(markerKeyFromStored('metrics', '{not json')).toEqual({ source: '{not json' });
  });

  test('anything else is not a marker', () => {
    for (const text of ['', 'null', '[]', '"x"', '{"kind":"spaceship","key":""}', '{"kind":"sop","key":{"group":1}}', '{"kind":"sop"}', '{broken']) {
      expect(decodeMarker(text)).toBeNull();
    }
  });
});
