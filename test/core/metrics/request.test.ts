/** The metrics sidebar's requests are checked for shape before the use case runs. */
import { parseMetricsSource, parseRawMetricsRequest, type RawMetricsRequest } from '../../../src/core/metrics/request';
import { problemsOf } from '../../support/problems';

describe('parseMetricsSource', () => {
  test('each kind of source round-trips with its own fields', () => {
    for (const source of [{ kind: 'here' }, { kind: 'selection' }, { kind: 'tab' }, { kind: 'tab', tab: '群数据' }, { kind: 'paste', text: 'a\tb' }]) {
      expect(parseMetricsSource(source)).toEqual(source);
    }
  });

  test('an unknown kind, a paste without text, or a field of another kind is refused', () => {
    expect(problemsOf(() => parseMetricsSource({ kind: 'file' }))[0].params).toMatchObject({ field: 'kind', expected: 'here | selection | tab | paste' });
    expect(problemsOf(() => parseMetricsSource({ kind: 'paste' }))[0].params).toMatchObject({ field: 'text', expected: 'string' });
    expect(problemsOf(() => parseMetricsSource({ kind: 'selection', tab: 'x' }))[0]).toMatchObject({
      code: 'metrics.error.request',
      params: { field: 'tab', expected: 'absent' },
    });
  });
});

describe('parseRawMetricsRequest', () => {
  test('the sidebar’s request round-trips: a list not chosen stays null, an empty number field stays null', () => {
    const request: RawMetricsRequest = {
      members: { kind: 'tab', tab: '成员' },
      attendance: { kind: 'paste', text: 'id\tminutes' },
      orders: null,
      classMinutes: null,
      completionShare: 0.8,
    };
    expect(parseRawMetricsRequest(JSON.parse(JSON.stringify(request)))).toEqual(request);
    expect(parseRawMetricsRequest({ members: { kind: 'paste', text: '' } })).toEqual({ members: { kind: 'paste', text: '' } });
  });

  test('a missing members list and a list of the wrong shape are named by path', () => {
    const problems = problemsOf(() => parseRawMetricsRequest({ attendance: { kind: 'tab' }, orders: 'orders', classMinutes: '90' }));
    expect(problems.map((p) => [p.params?.field, p.params?.expected])).toEqual([
      ['members', 'object'],
      ['attendance.tab', 'string'],
      ['orders', 'object'],
      ['classMinutes', 'number'],
    ]);
  });
});
