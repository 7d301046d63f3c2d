/** The review's request: good ones round-trip through JSON, bad shapes are refused by field. */
import { parseReviewRequest } from '../../../src/core/review/request';
import { problemsOf } from '../../support/problems';

describe('parseReviewRequest', () => {
  test('the menu’s nothing, a template, cohorts: as sent', () => {
    expect(parseReviewRequest(undefined)).toEqual({});
    const request = { template: 'big-class-28d', cohorts: ['第10期', '11期'], confirmedCohorts: [{ sop: '第12期', metrics: '12期' }] };
    expect(parseReviewRequest(JSON.parse(JSON.stringify(request)))).toEqual(request);
  });

  test('a wrong type or a misspelt field is refused with the review’s code and the field', () => {
    const problems = problemsOf(() => parseReviewRequest({ template: 3, cohort: ['第10期'] }));
    expect(problems.map((p) => [p.code, p.params?.field])).toEqual(
      expect.arrayContaining([
        ['review.error.request', 'template'],
        ['review.error.request', 'cohort'],
      ]),
    );
    expect(problemsOf(() => parseReviewRequest(42))[0].code).toBe('review.error.request');
  });

  test('confirmed cohorts are pairs of texts, each wrong part named by its path', () => {
    const problems = problemsOf(() => parseReviewRequest({ confirmedCohorts: [{ sop: '第12期', metrics: 12 }, 'x', { sop: 'a', metrics: 'b', extra: 1 }] }));
    expect(problems.map((p) => p.params?.field)).toEqual(['confirmedCohorts.0.metrics', 'confirmedCohorts.1', 'confirmedCohorts.2.extra']);
    expect(problemsOf(() => parseReviewRequest({ confirmedCohorts: '第12期=12期' }))[0].params?.field).toBe('confirmedCohorts');
  });
});
